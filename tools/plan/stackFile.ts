// Reads Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a program: `project:key` -> string, structured
// values as JSON text. Secrets (`secure:`) cannot be decrypted offline and are left out.
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { runtimeConfigOf } from "../../program/config/stackFile";
import { PlanFailure } from "./failure";

export interface StackFile {
  path: string;
  config: Record<string, string>;
  /** Keys left out because their values are encrypted. */
  secretKeys: string[];
}

/** @throws PlanFailure when the directory, the file or its YAML is not there */
export function readStackFile(dir: string, stack: string): StackFile {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw PlanFailure.of({ key: "--cwd", value: dir, reason: `${dir} is not a directory`, allowed: "a directory holding Pulumi.<stack>.yaml files" });
  }
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    const stacks = fs
      .readdirSync(dir)
      .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
      .filter((s): s is string => s !== undefined)
      .sort();
    throw new PlanFailure(`${path.basename(file)} not found; stacks here: ${stacks.join(", ") || "none"}`, [
      { key: "--stack", value: stack, reason: `${path.basename(file)} not found in ${dir}`, allowed: stacks.join(", ") || "no stack files here" },
    ]);
  }
  let document: unknown;
  try {
    document = yaml.load(fs.readFileSync(file, "utf8"));
  } catch (err) {
    const reason = `${path.basename(file)} is not valid YAML: ${(err as Error).message}`;
    throw PlanFailure.of({ key: "--stack", value: stack, reason, allowed: "a YAML stack file with a config: map" });
  }
  const { config, secureKeys } = runtimeConfigOf(document);
  return { path: file, config, secretKeys: secureKeys };
}
