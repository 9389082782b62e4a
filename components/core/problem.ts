// The one shape of "a problem with an input", for every check in the library: where (the argument's path), what was
// given, why it is wrong, what would be accepted. Argument errors, plan-time failures and the value checks
// (components/core/checks.ts returns the `reason` and `allowed` part) all speak it, and so print the same line.
//
// No imports: the providers' serialized text may carry this module.

/** One rejected input: where, what was given, why it is wrong, what would be accepted. */
export interface Problem {
  /** Path of the argument, e.g. `vpc.cidrBlock`, `allowedCidrs[1]`, `region`. */
  argument: string;
  value: unknown;
  /** What is wrong, e.g. "host bits are set (the network is 10.40.0.0/16)". */
  reason: string;
  /** What would be accepted, e.g. "an IPv4 CIDR block such as 10.40.0.0/16". */
  allowed: string;
}

/** `key = "value": reason. Allowed: allowed.` The one line format of every validation message in this project. */
export function describeProblem(key: string, problem: Pick<Problem, "value" | "reason" | "allowed">): string {
  return `${key} = ${formatValue(problem.value)}: ${problem.reason}. Allowed: ${problem.allowed}.`;
}

/** A value as a problem shows it: JSON, cut at 120 characters; "(not set)" for undefined. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(not set)";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Collects problems, then throws them all at once (as the caller's error) so one run shows every mistake. */
export class ProblemList {
  readonly problems: Problem[] = [];

  add(argument: string, value: unknown, reason: string, allowed: string): void {
    this.problems.push({ argument, value, reason, allowed });
  }

  addProblem(problem: Problem): void {
    this.problems.push(problem);
  }

  /** Throws `toError(problems)` when any problem was added. */
  throwIfAny(toError: (problems: Problem[]) => Error): void {
    if (this.problems.length > 0) throw toError(this.problems);
  }
}
