// The error of a rejected AwsPrivateLink: every problem of its arguments (or of the facts looked up for them) at once.
// The problem shape and its one-line format are the library's one (components/core/problem.ts).
import * as pulumi from "@pulumi/pulumi";
import { describeProblem, type Problem, ProblemList as CoreProblemList } from "../core/problem";

// Kept under these names for the program and the other paths that import them from here.
export { describeProblem, formatValue } from "../core/problem";
/** One rejected argument of an `AwsPrivateLink`: the library's {@link Problem}. */
export type ArgumentProblem = Problem;

/**
 * The arguments of an `AwsPrivateLink` (or the facts looked up for them) cannot work. Thrown before any resource
 * is registered. A `RunError`, so `pulumi up` prints the message without a stack trace.
 */
export class AwsPrivateLinkArgumentError extends pulumi.RunError {
  constructor(
    /** The component's resource name. */
    readonly resourceName: string,
    readonly problems: Problem[],
  ) {
    super(
      `AwsPrivateLink "${resourceName}": ` +
        (problems.length === 1 ? "" : `${problems.length} problems:\n  `) +
        problems.map((p) => describeProblem(p.argument, p)).join("\n  "),
    );
    this.name = "AwsPrivateLinkArgumentError";
  }
}

/** The library's problem collector, throwing an `AwsPrivateLinkArgumentError` for the component `resourceName`. */
export class ProblemList extends CoreProblemList {
  override throwIfAny(resourceName: string | ((problems: Problem[]) => Error)): void {
    super.throwIfAny(typeof resourceName === "string" ? (problems) => new AwsPrivateLinkArgumentError(resourceName, problems) : resourceName);
  }
}
