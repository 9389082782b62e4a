// What the GCP routes share: the provider-level settings they check (the region code, gcp:project), and their
// errors as config problems: a component's argument problem becomes the config key it came from; a
// lookup that failed says which setting it was for, or that the Cloud API could not be used at all.
import { checkGcpProjectId, checkGcpRegion } from "../../components/core/gcpChecks";
import { GcpArgumentError, GcpLookupError } from "../../components/gcp";
import { apiAccessProblem } from "../apiAccess";
import type { ConfigIssue } from "../config/errors";
import type { ProgramConfig } from "../config/read";
import type { RegionSpec } from "../regions";
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

/** A GCP path needs a GCP region code (the schema accepts any cloud's). */
export function regionIssues(spec: RegionSpec): ConfigIssue[] {
  const invalid = checkGcpRegion(spec.region);
  return invalid ? [{ key: spec.keyOf("region"), value: spec.region, reason: invalid.reason, allowed: invalid.allowed }] : [];
}

/** `gcp:project`, when set, must be a project ID (a project number is a common mistake). */
export function projectIssues(config: ProgramConfig): ConfigIssue[] {
  const invalid = config.gcpProject === undefined ? undefined : checkGcpProjectId(config.gcpProject);
  return invalid ? [{ key: "gcp:project", value: config.gcpProject, reason: invalid.reason, allowed: invalid.allowed }] : [];
}
