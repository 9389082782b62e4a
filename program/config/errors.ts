import * as pulumi from "@pulumi/pulumi";
import { describeProblem } from "../../components/aws/errors";

/** One bad setting: the full config key (`crdb-private-endpoints:vpc.cidrBlock`), the value, why, what is allowed. */
export interface ConfigIssue {
  key: string;
  value: unknown;
  reason: string;
  allowed: string;
}

/**
 * The stack config cannot work. A `RunError`, so `pulumi up` prints just the message; thrown before any resource
 * is registered.
 */
export class StackConfigError extends pulumi.RunError {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `Invalid stack configuration (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
        issues.map((issue) => `  ${describeProblem(issue.key, issue)}`).join("\n"),
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
    const line = describeProblem(issue.key, issue);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}
