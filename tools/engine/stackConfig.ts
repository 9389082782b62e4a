// Stack config as the Pulumi CLI hands it to the program: `project:key` -> string, structured values as JSON text,
// secret values decrypted in PULUMI_CONFIG and their keys listed in PULUMI_CONFIG_SECRET_KEYS.
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { runtimeConfigOf } from "../../program/config/stackFile";

export interface StackConfig {
  config: Record<string, string>;
  secretKeys: string[];
}

/**
 * Reads Pulumi.<stack>.yaml. Encrypted (`secure:`) values cannot be decrypted without the CLI: they are left
 * out, and callers supply them through `secrets`.
 */
export function readStackConfig(dir: string, stack: string): Record<string, string> {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  return runtimeConfigOf(yaml.load(fs.readFileSync(file, "utf8"))).config;
}

/** Merges plain config and secrets into what the runner reads. */
export function stackConfig(plain: Record<string, string>, secrets: Record<string, string> = {}): StackConfig {
  return { config: { ...plain, ...secrets }, secretKeys: Object.keys(secrets).sort() };
}
