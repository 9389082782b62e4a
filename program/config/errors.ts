import * as pulumi from "@pulumi/pulumi";
import { describeProblem } from "../../components/aws/errors";

/** One bad setting: the full config key (`crdb-private-endpoints:vpc.cidrBlock`), the value, why, what is allowed. */
export interface ConfigIssue {
  key: string;
  value: unknown;
  reason: string;
  allowed: string;
  /** The value may be a secret (an API key, an encrypted value): the message says `[hidden]` instead. */
  hidden?: boolean;
}

/** The one line of an issue; a hidden value is never formatted. */
export function describeIssue(issue: ConfigIssue): string {
  if (!issue.hidden) return describeProblem(issue.key, issue);
  return `${issue.key} = [hidden]: ${issue.reason}. Allowed: ${issue.allowed}.`;
}

/**
 * The stack config cannot work. A `RunError`, so `pulumi up` prints just the message; thrown before any resource
 * is registered.
 */
export class StackConfigError extends pulumi.RunError {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `Invalid stack configuration (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
        issues.map((issue) => `  ${describeIssue(issue)}`).join("\n"),
    );
    this.name = "StackConfigError";
  }
}

/** `["regions", 1, "vpc", "cidrBlock"]` -> `crdb-private-endpoints:regions[1].vpc.cidrBlock`. */
export function configKey(namespace: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((key, part, i) => {
    if (typeof part === "number") return `${key}[${part}]`;
    return i === 0 ? `${namespace}:${String(part)}` : `${key}.${String(part)}`;
  }, namespace);
}

/** Issues listed once each, in a stable order. */
export function distinctIssues(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const line = describeIssue(issue);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

/**
 * `later` without the issues about a key `earlier` already reports (the same key, or one inside or around it): a
 * value the schema refused is not reported again, in other words, by the checks that run after it.
 */
export function newIssues(earlier: readonly ConfigIssue[], later: readonly ConfigIssue[]): ConfigIssue[] {
  const related = (a: string, b: string) => a === b || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);
  return later.filter((issue) => !earlier.some((e) => related(e.key, issue.key) || related(issue.key, e.key)));
}
