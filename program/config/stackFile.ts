// The stack file as written, for the mistakes the config map alone cannot show: keys that sit outside `config:` (Pulumi
// never hands them to the program) and which keys are encrypted (`secure:`), when the runtime does not say.
import * as fs from "node:fs";
import * as yaml from "js-yaml";
import type { ConfigIssue } from "./errors";
import { looksSecret } from "./namespaces";

/** Top-level keys of a Pulumi stack file besides `config`. */
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

export interface StackFileFacts {
  issues: ConfigIssue[];
  /** Keys under `config:` whose values are `secure:`. */
  secureKeys: string[];
}

/** Reads `file` if it exists; a missing or unreadable file gives no facts (Pulumi itself reports those). */
export function readStackFileFacts(file: string): StackFileFacts {
  let document: unknown;
  try {
    document = yaml.load(fs.readFileSync(file, "utf8"));
  } catch {
    return { issues: [], secureKeys: [] };
  }
  return stackFileFacts(document, file.split(/[\\/]/).pop() as string);
}

export function stackFileFacts(document: unknown, fileName: string): StackFileFacts {
  const facts: StackFileFacts = { issues: [], secureKeys: [] };
  if (typeof document !== "object" || document === null || Array.isArray(document)) return facts;
  const top = document as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (STACK_FILE_KEYS.includes(key)) continue;
    facts.issues.push({
      key,
      value: top[key],
      reason: `sits outside the config: map of ${fileName}, so Pulumi does not give it to the program`,
      allowed: `the key indented under config: (as \`pulumi config set\` writes it)`,
      hidden: looksSecret(key),
    });
  }
  const config = top.config;
  if (config !== undefined && (typeof config !== "object" || config === null || Array.isArray(config))) {
    facts.issues.push({
      key: "config",
      value: config,
      reason: `is not a map in ${fileName}`,
      allowed: "a map of namespace:key to values",
      hidden: true,
    });
    return facts;
  }
  for (const [key, value] of Object.entries((config ?? {}) as Record<string, unknown>)) {
    if (isSecure(value)) facts.secureKeys.push(key);
  }
  return facts;
}

/**
 * The `config:` map as the Pulumi CLI hands it to a program: `project:key` -> string, structured values as JSON text.
 * `secure:` values need the CLI to decrypt: they are left out, and their keys listed (sorted).
 */
export function runtimeConfigOf(document: unknown): { config: Record<string, string>; secureKeys: string[] } {
  const entries = Object.entries(((document ?? {}) as { config?: Record<string, unknown> }).config ?? {});
  const config: Record<string, string> = {};
  const secureKeys: string[] = [];
  for (const [key, value] of entries) {
    if (isSecure(value)) secureKeys.push(key);
    else config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { config, secureKeys: secureKeys.sort() };
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && "secure" in value;
}
