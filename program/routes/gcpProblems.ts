// The GCP routes' errors as config problems: a component's argument problem becomes the config key it came from; a
// lookup that failed says which setting it was for, or that the Cloud API could not be used at all.
import { GcpArgumentError, GcpLookupError } from "../../components/gcp";
import { apiAccessProblem } from "../apiAccess";
import type { ConfigIssue } from "../config/errors";
import { RouteProblems } from "./types";

/** What a failed lookup asks of the setting it was for. */
const LOOKUP_HINTS: Record<string, string> = {
  clusterId: "the ID of an existing cluster that the API key's service account can read",
  project: "a project the GCP credentials in use can read (gcp:project or the region's project)",
  network: "a network that exists in the project, readable with the GCP credentials in use",
  "network.network": "a network that exists in the project, readable with the GCP credentials in use",
  "network.subnetwork": "a subnetwork of the network in the region, readable with the GCP credentials in use",
};

/**
 * @param keyOf the config key of a component argument (the routes name some arguments differently in config)
 */
export function gcpRouteProblems(err: unknown, keyOf: (argument: string) => string): RouteProblems {
  if (err instanceof GcpArgumentError) {
    return new RouteProblems(err.problems.map((p) => ({ key: keyOf(p.argument), value: p.value, reason: p.reason, allowed: p.allowed })));
  }
  if (err instanceof GcpLookupError) {
    const unusable = apiAccessProblem(err.cause);
    if (unusable !== undefined) return new RouteProblems([], [unusable]);
    const cause = (err.cause as Error | undefined)?.message || "no reason given";
    const issue: ConfigIssue = {
      key: keyOf(err.argument),
      value: err.value,
      reason: `could not be looked up (${cause})`,
      allowed: LOOKUP_HINTS[err.argument] ?? "a value that exists",
    };
    return new RouteProblems([issue]);
  }
  throw err;
}
