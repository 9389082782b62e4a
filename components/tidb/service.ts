// TiDB's endpoint service in one region, as a value: given in config, or taken from the cluster the TiDB Cloud API
// reports. Whichever way, it is checked the same: an AWS endpoint service name of the region, AZs, host, port.
import type { ArgumentProblem } from "../aws/errors";
import { checkEndpointServiceName, endpointServiceRegion } from "../aws/validate";
import { checkPort } from "../core/checks";
import type { TidbClusterFacts } from "./facts";

export interface TidbService {
  /** `com.amazonaws.vpce.<region>.vpce-svc-<17 hex>` */
  serviceName: string;
  /** As given or reported: AZ IDs or AZ names (see zones.ts). */
  availabilityZones: string[];
  /** The private host clients connect to, e.g. `gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com`. */
  host: string;
  port: number;
  /** The prefix of the cluster's SQL user names (`<prefix>.root`), when known from the API. */
  userPrefix?: string;
}

/** The service name's rule: AWS's (components/aws/validate.ts), a PrivateLink service's form, and the region's. */
export function checkServiceName(serviceName: string, region: string): { reason: string; allowed: string } | undefined {
  const allowed = `com.amazonaws.vpce.${region}.vpce-svc-..., as the TiDB Cloud console shows it (Networking > Private Endpoint)`;
  const bad = checkEndpointServiceName(serviceName);
  if (bad) return { reason: bad.reason, allowed };
  const named = endpointServiceRegion(serviceName);
  if (named === undefined) return { reason: "not a PrivateLink endpoint service (com.amazonaws.vpce.<region>.vpce-svc-...)", allowed };
  if (named !== region) return { reason: `is a service in ${named}, not ${region}`, allowed };
  return undefined;
}

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** One wrong field of a service: which, its value, why, what would do. */
interface FieldProblem {
  field: keyof TidbService;
  value: unknown;
  reason: string;
  allowed: string;
}

function fieldProblems(service: TidbService, region: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const badName = checkServiceName(service.serviceName, region);
  if (badName) problems.push({ field: "serviceName", value: service.serviceName, ...badName });
  if (service.availabilityZones.length === 0) {
    problems.push({ field: "availabilityZones", value: [], reason: "lists no availability zone", allowed: "the service's AZ IDs (or names), at least one" });
  }
  if (!DNS_NAME.test(service.host)) {
    problems.push({ field: "host", value: service.host, reason: "not a DNS name", allowed: "the private host, e.g. gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com" });
  }
  const badPort = checkPort(service.port);
  if (badPort) problems.push({ field: "port", value: service.port, ...badPort });
  return problems;
}

/** Problems of a service given in the arguments (`service.<field>`). */
export function givenServiceProblems(service: TidbService, region: string): ArgumentProblem[] {
  return fieldProblems(service, region).map((p) => ({ argument: `service.${p.field}`, value: p.value, reason: p.reason, allowed: p.allowed }));
}

const USABLE_STATES = ["ACTIVE", "CREATING", "RESTORING", "MAINTENANCE", "UPGRADING", "IMPORTING", "MODIFYING", "PAUSED", "PAUSING", "RESUMING"];

/** The service the API reports for the cluster, or the problems that stop it being used from `region`. */
export function serviceOfCluster(cluster: TidbClusterFacts, region: string): { service?: TidbService; problems: ArgumentProblem[] } {
  const refuse = (reason: string, allowed: string) => ({ problems: [{ argument: "clusterId", value: cluster.id, reason, allowed }] });
  if (cluster.cloudProvider.toLowerCase() !== "aws") {
    return refuse(`cluster ${cluster.name} runs on ${cluster.cloudProvider || "an unreported cloud"}`, "a TiDB Cloud Serverless cluster on AWS (AWS PrivateLink reaches clusters on AWS only)");
  }
  if (cluster.region !== region) {
    return refuse(`cluster ${cluster.name} is in ${cluster.region}, not ${region}`, `a cluster in ${region}, or region: ${cluster.region}`);
  }
  if (!USABLE_STATES.includes(cluster.state)) {
    return refuse(`the cluster is ${cluster.state || "in an unreported state"}`, "a cluster that exists (ACTIVE)");
  }
  const p = cluster.privateEndpoint;
  if (!p) {
    return refuse(
      `the TiDB Cloud API reports no AWS private endpoint service for cluster ${cluster.name}`,
      "a cluster with private endpoints (TiDB Cloud Serverless on AWS), or the service given in config (service.serviceName, availabilityZones, host)",
    );
  }
  const service: TidbService = { ...p, userPrefix: cluster.userPrefix };
  // A bad answer is the cluster's (or the API's) doing: point at clusterId, and at the override that avoids it.
  const problems = fieldProblems(service, region).map((f) => ({
    argument: "clusterId",
    value: cluster.id,
    reason: `the TiDB Cloud API reports the private endpoint's ${f.field} as ${JSON.stringify(f.value)}: ${f.reason}`,
    allowed: `${f.allowed}; or give the service in config (service.serviceName, availabilityZones, host, port)`,
  }));
  return { service, problems };
}
