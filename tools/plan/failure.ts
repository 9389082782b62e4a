// Why a stack cannot be planned, as data: each problem names the key (a config key, or the plan's own option),
// the value, the reason and what is allowed. Text prints the message; --json prints the problems.
import * as pulumi from "@pulumi/pulumi";
import { AwsPrivateLinkArgumentError } from "../../components/aws/errors";
import { CockroachApiError } from "../../components/cockroach";
import { StackConfigError } from "../../program";

export interface PlanProblem {
  key: string;
  /** `null` when the key has no value. */
  value: unknown;
  reason: string;
  allowed: string;
}

export class PlanFailure extends Error {
  constructor(
    message: string,
    readonly problems: PlanProblem[],
  ) {
    super(message);
    this.name = "PlanFailure";
  }

  /** One problem: the message is that problem's reason. */
  static of(problem: PlanProblem): PlanFailure {
    return new PlanFailure(problem.reason, [problem]);
  }
}

/** The failure behind an error the plan knows how to explain, or undefined for a bug (which keeps its stack). */
export function explainFailure(err: unknown): PlanFailure | undefined {
  if (err instanceof PlanFailure) return err;
  if (err instanceof StackConfigError) {
    return new PlanFailure(err.message, err.issues.map((i) => ({ key: i.key, value: i.value ?? null, reason: i.reason, allowed: i.allowed })));
  }
  if (err instanceof AwsPrivateLinkArgumentError) {
    return new PlanFailure(
      err.message,
      err.problems.map((p) => ({ key: p.argument, value: p.value ?? null, reason: p.reason, allowed: p.allowed })),
    );
  }
  if (err instanceof CockroachApiError) {
    // Only lookups run: a wrong server, an unreachable one, or a key the API refuses.
    return PlanFailure.of({
      key: "COCKROACH_SERVER / COCKROACH_API_KEY",
      value: null,
      reason: `the cluster lookup failed: ${err.message}`,
      allowed: "a reachable Cloud API and a key with a role on the cluster (401: key missing or wrong; 403: role)",
    });
  }
  // Any other RunError is a validation message meant for the user as it is.
  if (pulumi.RunError.isInstance(err)) return PlanFailure.of({ key: "", value: null, reason: (err as Error).message, allowed: "" });
  return undefined;
}
