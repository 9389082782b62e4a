// Reads Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a program: `project:key` -> string, structured
// values as JSON text. Secrets (`secure:`) cannot be decrypted offline and are left out.
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

export interface StackFile {
  path: string;
  config: Record<string, string>;
  /** Keys left out because their values are encrypted. */
  secretKeys: string[];
}

export class StackFileError extends Error {}

export function readStackFile(dir: string, stack: string): StackFile {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    const stacks = fs
      .readdirSync(dir)
      .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
      .filter((s): s is string => s !== undefined)
      .sort();
    throw new StackFileError(`${path.basename(file)} not found; stacks here: ${stacks.join(", ") || "none"}`);
  }
  let document: unknown;
  try {
    document = yaml.load(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new StackFileError(`${path.basename(file)} is not valid YAML: ${(err as Error).message}`);
  }
  const entries = Object.entries(((document ?? {}) as { config?: Record<string, unknown> }).config ?? {});
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of entries) {
    if (isSecure(value)) secretKeys.push(key);
    else config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { path: file, config, secretKeys: secretKeys.sort() };
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && "secure" in value;
}
