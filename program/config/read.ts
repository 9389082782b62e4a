// Reads the program's stack config, validates it with the zod schema and turns zod's issues into messages that
// name the config key, the value given and what is allowed. It never stops at the first problem: what is valid is
// kept (leniently) so that the checks after it can still find the rest in the same run.
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { CLUSTER_LEVEL_KEYS } from "./clusterSchema";
import { type ConfigIssue, configKey } from "./errors";
import { looksSecret, scanKeys } from "./namespaces";
import { NAMESPACE, REGION_ENTRY_KEYS, type StackConfig, TOP_LEVEL_KEYS, VPC_KEYS, stackConfigSchema } from "./schema";
import { suggestion } from "./similar";

export interface ProgramConfig {
  /**
   * The `crdb-private-endpoints:*` settings: all of them when valid, else the ones that are (a `regions` entry that
   * is not valid is then null, so the others keep their index).
   */
  settings: StackConfig;
  /** `aws:region`: the stack's region when `regions` is not set; always the default AWS provider's region. */
  awsRegion?: string;
  /** `gcp:region`: the stack's region when `regions` is not set and `aws:region` is not either; the GCP provider's. */
  gcpRegion?: string;
  /** `AWS_REGION`, else `AWS_DEFAULT_REGION`: where the default AWS provider takes its region without `aws:region`. */
  environmentRegion?: string;
}

export interface ConfigReading {
  config: ProgramConfig;
  /** Every problem found; the program registers nothing unless this is empty. */
  issues: ConfigIssue[];
  /** Things that work but should change. */
  warnings: string[];
}

/**
 * Validates the stack config. `raw` is config as the Pulumi runtime holds it: `project:key` to a string, structured
 * values as JSON text. `env` is the program's environment, read for the AWS provider's region variables only.
 * `secretKeys` are the keys whose values are encrypted in the stack file.
 */
export function readProgramConfig(
  raw: Record<string, string> = pulumi.runtime.allConfig(),
  env: Record<string, string | undefined> = process.env,
  secretKeys: ReadonlySet<string> = runtimeSecretKeys(raw),
): ConfigReading {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith(`${NAMESPACE}:`)) input[key.slice(NAMESPACE.length + 1)] = decode(value);
  }
  const scan = scanKeys(raw, secretKeys, NAMESPACE, TOP_LEVEL_KEYS);
  const parsed = stackConfigSchema.safeParse(input, { reportInput: true });
  const issues = parsed.success ? [] : parsed.error.issues.flatMap((issue) => toConfigIssues(issue, input, secretKeys));
  return {
    config: {
      settings: parsed.success ? parsed.data : lenientSettings(input),
      awsRegion: raw["aws:region"],
      gcpRegion: raw["gcp:region"],
      environmentRegion: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    },
    issues: [...scan.issues, ...issues],
    warnings: scan.warnings,
  };
}

/**
 * The keys Pulumi marks secret (encrypted in the stack file). The runtime only answers per key, so ask about ours
 * and the ones we read.
 */
export function runtimeSecretKeys(raw: Record<string, string>): Set<string> {
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  if (typeof isSecret !== "function") return new Set();
  const candidates = [...Object.keys(raw), ...TOP_LEVEL_KEYS.map((k) => `${NAMESPACE}:${k}`), "cockroach:apikey"];
  return new Set(candidates.filter((key) => isSecret(key)));
}

/** Each top-level key (each regions entry) that is valid on its own. */
function lenientSettings(input: Record<string, unknown>): StackConfig {
  const settings: Record<string, unknown> = {};
  const shape = stackConfigSchema.shape as Record<string, z.ZodType>;
  for (const [key, value] of Object.entries(input)) {
    const field = shape[key];
    if (field === undefined) continue;
    const one = field.safeParse(value);
    if (one.success) settings[key] = one.data;
    else if (key === "regions" && Array.isArray(value)) settings.regions = validEntries(value);
  }
  return settings as StackConfig;
}

/** Each entry if valid on its own, else null: positions are kept, so keys still name the right entry. */
function validEntries(entries: unknown[]): unknown[] {
  const entrySchema = (stackConfigSchema.shape.regions.unwrap() as unknown as { element: z.ZodType }).element;
  return entries.map((entry) => {
    const one = entrySchema.safeParse(entry);
    return one.success ? one.data : null;
  });
}

/** Structured values (objects, lists, numbers, booleans) arrive as JSON; plain strings as themselves. */
function decode(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function toConfigIssues(issue: z.core.$ZodIssue, input: Record<string, unknown>, secretKeys: ReadonlySet<string>): ConfigIssue[] {
  const at = valueAt(input, issue.path);
  const hidden = secretKeys.has(configKey(NAMESPACE, issue.path.slice(0, 1)));
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(issue.path);
    return issue.keys.map((key) => ({
      key: configKey(NAMESPACE, [...issue.path, key]),
      value: (at as Record<string, unknown>)[key],
      reason: unknownKeyReason(issue.path, key, known),
      allowed: known.join(", "),
      hidden: hidden || looksSecret(key),
    }));
  }
  const params = (issue as { params?: { reason?: string } }).params;
  return [
    { key: configKey(NAMESPACE, issue.path), value: at, reason: params?.reason ?? reasonOf(issue, at), allowed: issue.message, hidden },
  ];
}

function unknownKeyReason(path: readonly PropertyKey[], key: string, known: readonly string[]): string {
  if (path[0] === "regions" && CLUSTER_LEVEL_KEYS.includes(key)) {
    return "is cluster-level, not a region setting: set it once at the top level (a stack is one cluster)";
  }
  if (/api.?key/i.test(key)) return "unknown key (the Cloud API key goes in cockroach:apikey, as a secret)";
  return `unknown key${suggestion(key, known)}`;
}

function reasonOf(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined) return "is required";
  if (issue.code === "invalid_type") return `is ${describeType(value)}`;
  if (issue.code === "too_small") return "is empty";
  return "is not valid";
}

/** What a value is, in the words of a YAML stack file: never "a object". */
export function describeType(value: unknown): string {
  if (value === null) return "empty (no value after the colon)";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (typeof value === "object") return Object.keys(value).length === 0 ? "an empty map" : "a map";
  if (typeof value === "string") return value === "" ? "an empty string" : "a string";
  if (typeof value === "boolean") return `${value} (a boolean)`;
  return `a ${typeof value}`;
}

/** The keys an object at `path` may have, for "unknown key" messages. */
function knownKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.at(-1) === "vpc") return VPC_KEYS;
  if (path[0] === "regions") return REGION_ENTRY_KEYS;
  if (path[0] === "allowlist") return ["cidr", "sql", "ui"];
  if (path[0] === "connection") return ["user", "database", "os", "sslRootCert"];
  return TOP_LEVEL_KEYS;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, part) => (typeof node === "object" && node !== null ? (node as Record<PropertyKey, unknown>)[part] : undefined),
    root,
  );
}
