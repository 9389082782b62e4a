import * as pulumi from "@pulumi/pulumi";

/** One rejected argument: where, what was given, why it is wrong, what would be accepted. */
export interface ArgumentProblem {
  /** Path of the argument, e.g. `vpc.cidrBlock`, `allowedCidrs[1]`, `region`. */
  argument: string;
  value: unknown;
  reason: string;
  allowed: string;
}

/** `key = "value": reason. Allowed: allowed.` The one line format of every validation message in this project. */
export function describeProblem(key: string, problem: Pick<ArgumentProblem, "value" | "reason" | "allowed">): string {
  return `${key} = ${formatValue(problem.value)}: ${problem.reason}. Allowed: ${problem.allowed}.`;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return "(not set)";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * The arguments of an `AwsPrivateLink` (or the facts looked up for them) cannot work. Thrown before any resource
 * is registered. A `RunError`, so `pulumi up` prints the message without a stack trace.
 */
export class AwsPrivateLinkArgumentError extends pulumi.RunError {
  constructor(
    /** The component's resource name. */
    readonly resourceName: string,
    readonly problems: ArgumentProblem[],
  ) {
    super(
      `AwsPrivateLink "${resourceName}": ` +
        (problems.length === 1 ? "" : `${problems.length} problems:\n  `) +
        problems.map((p) => describeProblem(p.argument, p)).join("\n  "),
    );
    this.name = "AwsPrivateLinkArgumentError";
  }
}

/** Collects problems, then throws them all at once so one run shows every mistake. */
export class ProblemList {
  readonly problems: ArgumentProblem[] = [];

  add(argument: string, value: unknown, reason: string, allowed: string): void {
    this.problems.push({ argument, value, reason, allowed });
  }

  addProblem(problem: ArgumentProblem): void {
    this.problems.push(problem);
  }

  throwIfAny(resourceName: string): void {
    if (this.problems.length > 0) throw new AwsPrivateLinkArgumentError(resourceName, this.problems);
  }
}
