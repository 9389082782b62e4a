// Checks a TidbPrivateLink's arguments on their own (no lookups): the TiDB part here, the network part with the
// same function AwsPrivateLink uses. Every problem at once.
import { ProblemList } from "../aws/errors";
import { type CheckedEndpointArgs, checkInterfaceEndpointArgs } from "../aws/planArgs";
import type { TidbPrivateLinkArgs } from "./args";
import { TidbPrivateLinkArgumentError } from "./errors";
import type { TidbService } from "./service";
import { checkTidbClusterId, tidbTarget } from "./target";

export interface CheckedTidbArgs extends CheckedEndpointArgs {
  clusterId?: string;
  /** The service as given (fields checked against the region once it is known, in the plan). */
  service?: TidbService;
  /** Whether `port` was given, rather than defaulted to the service's. */
  portGiven: boolean;
  existingEndpoint: "refuse" | "reuse";
}

const SERVICE_FIELDS = ["serviceName", "availabilityZones", "host", "port"];

export function checkTidbPrivateLinkArgs(name: string, args: TidbPrivateLinkArgs): CheckedTidbArgs {
  const problems = new ProblemList();
  const raw = (args ?? {}) as unknown as Record<string, unknown>;

  let clusterId: string | undefined;
  if (raw.clusterId !== undefined) {
    const bad = typeof raw.clusterId === "string" ? checkTidbClusterId(raw.clusterId) : { reason: "not a string", allowed: "the cluster's numeric ID, as a string" };
    if (bad) problems.add("clusterId", raw.clusterId, bad.reason, bad.allowed);
    else clusterId = raw.clusterId as string;
  }
  const service = raw.service === undefined ? undefined : checkService(problems, raw.service);
  if (raw.clusterId === undefined && raw.service === undefined) {
    problems.add(
      "clusterId",
      undefined,
      "is required when service is not given",
      "the TiDB Cloud Serverless cluster's ID (its service is looked up), or service: {serviceName, availabilityZones, host}",
    );
  }

  const network = checkInterfaceEndpointArgs(problems, raw, service?.port ?? tidbTarget.port);
  let existingEndpoint: "refuse" | "reuse" = "refuse";
  if (raw.existingEndpoint !== undefined) {
    if (raw.existingEndpoint === "refuse" || raw.existingEndpoint === "reuse") existingEndpoint = raw.existingEndpoint;
    else problems.add("existingEndpoint", raw.existingEndpoint, "not a choice", "refuse or reuse");
  }

  if (problems.problems.length > 0) throw new TidbPrivateLinkArgumentError(name, problems.problems);
  return { ...network, clusterId, service, portGiven: raw.port !== undefined, existingEndpoint };
}

/** Types and presence of the service's fields; their values are checked against the region in the plan. */
function checkService(problems: ProblemList, value: unknown): TidbService | undefined {
  const fields = "serviceName, availabilityZones, host, and port (optional)";
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.add("service", value, "not a map", fields);
    return undefined;
  }
  const s = value as Record<string, unknown>;
  const before = problems.problems.length;
  for (const key of Object.keys(s)) {
    if (!SERVICE_FIELDS.includes(key)) problems.add(`service.${key}`, s[key], "unknown field", fields);
  }
  for (const key of ["serviceName", "host"]) {
    if (typeof s[key] !== "string") problems.add(`service.${key}`, s[key], s[key] === undefined ? "is required" : "not a string", key === "host" ? "the private host, e.g. gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com" : "the endpoint service name, com.amazonaws.vpce.<region>.vpce-svc-...");
  }
  const zones = s.availabilityZones;
  if (!Array.isArray(zones) || zones.some((z) => typeof z !== "string")) {
    problems.add("service.availabilityZones", zones, zones === undefined ? "is required" : "not a list of strings", "the service's AZ IDs (use1-az1) or names (us-east-1a)");
  }
  if (s.port !== undefined && typeof s.port !== "number") problems.add("service.port", s.port, "not a number", "a TCP port, 1 to 65535");
  if (problems.problems.length > before) return undefined;
  return {
    serviceName: s.serviceName as string,
    availabilityZones: [...(zones as string[])],
    host: s.host as string,
    port: (s.port as number | undefined) ?? tidbTarget.port,
  };
}
