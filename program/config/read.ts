// Reads the program's stack config, validates it with the zod schema and turns zod's issues into messages that
// name the config key, the value given and what is allowed.
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { type ConfigIssue, StackConfigError, configKey } from "./errors";
import { NAMESPACE, REGION_ENTRY_KEYS, type StackConfig, TOP_LEVEL_KEYS, VPC_KEYS, stackConfigSchema } from "./schema";

export interface ProgramConfig {
  /** The `crdb-private-endpoints:*` settings. */
  settings: StackConfig;
  /** `aws:region`: the stack's region when `regions` is not set; always the default AWS provider's region. */
  awsRegion?: string;
  /** `AWS_REGION`, else `AWS_DEFAULT_REGION`: where the default AWS provider takes its region without `aws:region`. */
  environmentRegion?: string;
}

/**
 * Validates the stack config. `raw` is config as the Pulumi runtime holds it: `project:key` to a string, structured
 * values as JSON text. `env` is the program's environment, read for the AWS provider's region variables only.
 * @throws StackConfigError listing every problem
 */
export function readProgramConfig(
  raw: Record<string, string> = pulumi.runtime.allConfig(),
  env: Record<string, string | undefined> = process.env,
): ProgramConfig {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith(`${NAMESPACE}:`)) input[key.slice(NAMESPACE.length + 1)] = decode(value);
  }
  const parsed = stackConfigSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new StackConfigError(parsed.error.issues.flatMap((issue) => toConfigIssues(issue, input)));
  return {
    settings: parsed.data,
    awsRegion: raw["aws:region"],
    environmentRegion: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
  };
}

/** Structured values (objects, lists, numbers, booleans) arrive as JSON; plain strings as themselves. */
function decode(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function toConfigIssues(issue: z.core.$ZodIssue, input: Record<string, unknown>): ConfigIssue[] {
  const at = valueAt(input, issue.path);
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(issue.path);
    return issue.keys.map((key) => ({
      key: configKey(NAMESPACE, [...issue.path, key]),
      value: (at as Record<string, unknown>)[key],
      reason: `unknown key${suggestion(key, known)}`,
      allowed: known.join(", "),
    }));
  }
  const params = (issue as { params?: { reason?: string } }).params;
  return [{ key: configKey(NAMESPACE, issue.path), value: at, reason: params?.reason ?? reasonOf(issue, at), allowed: issue.message }];
}

function reasonOf(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined) return "is required";
  if (issue.code === "invalid_type") return `is ${Array.isArray(value) ? "a list" : `a ${typeof value}`}`;
  if (issue.code === "too_small") return "is empty";
  return "is not valid";
}

/** The keys an object at `path` may have, for "unknown key" messages. */
function knownKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.at(-1) === "vpc") return VPC_KEYS;
  if (path[0] === "regions") return REGION_ENTRY_KEYS;
  return TOP_LEVEL_KEYS;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, part) => (typeof node === "object" && node !== null ? (node as Record<PropertyKey, unknown>)[part] : undefined),
    root,
  );
}

/** ` (did you mean "vpc"?)` for a key within two edits (or a case change) of a known one. */
function suggestion(key: string, known: readonly string[]): string {
  const close = known.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
  return close ? ` (did you mean "${close}"?)` : "";
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
