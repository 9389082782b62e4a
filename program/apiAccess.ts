// A lookup that failed because the CockroachDB Cloud API could not be used at all (no answer, or the key refused)
// says nothing about the setting it was for: it is reported as what it is, with what to check, not as a bad
// clusterId.
import * as pulumi from "@pulumi/pulumi";
import { describeIssue, type ConfigIssue } from "./config/errors";

/** Why the Cloud API could not be used, or undefined when the failure is about the value looked up. */
export function apiAccessProblem(err: unknown): string | undefined {
  const e = err as { status?: unknown; message?: unknown; name?: unknown } | undefined;
  if (e?.name !== "CockroachApiError" || typeof e.status !== "number") return undefined;
  const detail = String(e.message);
  if (e.status === 0) {
    return (
      `no answer from the CockroachDB Cloud API (${detail}). Check: the server (COCKROACH_SERVER or ` +
      "cockroach:server; default https://cockroachlabs.cloud), this machine's network, proxy and firewall, then run again"
    );
  }
  if (e.status === 401) {
    return (
      `the CockroachDB Cloud API refused the API key (${detail}) Check: that COCKROACH_API_KEY or the secret ` +
      "cockroach:apikey holds a current service-account key (config wins over the environment), not an expired or deleted one"
    );
  }
  if (e.status === 403) {
    return (
      `the CockroachDB Cloud API key may not read the cluster (${detail}) Check: the service account's roles ` +
      "on the cluster, its folder or the organization (Cluster Operator or Cluster Admin), and that the key belongs " +
      "to the organization that owns the cluster"
    );
  }
  return undefined;
}

/** The Cloud API could not be used; other problems found in the same run are listed too. */
export class CloudApiAccessError extends pulumi.RunError {
  constructor(
    readonly problems: string[],
    readonly issues: ConfigIssue[],
  ) {
    super(
      `Cannot use the CockroachDB Cloud API:\n${problems.map((p) => `  ${p}.`).join("\n")}` +
        (issues.length === 0
          ? ""
          : `\nAlso invalid stack configuration (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
            issues.map((issue) => `  ${describeIssue(issue)}`).join("\n")),
    );
    this.name = "CloudApiAccessError";
  }
}
