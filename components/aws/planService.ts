// Whether the cluster's endpoint service in the region can shape the plan now. Only an AVAILABLE service with AZs
// says where the endpoint can go. Any other state is left to deploy time, where PrivateEndpointServices waits for
// AVAILABLE (creating or re-creating the service on ADVANCED) before the endpoint takes its subnets; except a failed
// service that nothing in this deployment would create again.
import { deploymentCreatesEndpointServices } from "../cockroach/target";
import { awsAzIdPrefix } from "../core/checks";
import type { Problem } from "../core/problem";
import type { ClusterFacts, EndpointServiceFacts } from "./facts";
import { sortedAzIds } from "./planZones";
import { endpointServiceRegion } from "./validate";

export interface ServiceOutlook {
  /** The service's AZ IDs, when it is AVAILABLE and reports some; undefined means "decided at deploy time". */
  azIds?: string[];
  /** Why the AZs are left to deploy time. */
  warning?: string;
  /** Why the deployment cannot work. */
  problem?: Problem;
}

/**
 * The cluster's ID is not known yet (a preview of a deployment that creates or replaces the cluster): nothing about the
 * cluster or its service can be looked up, so the plan is the one of a new Advanced cluster, and says why.
 */
export function unknownClusterWarning(region: string, candidates: string): string {
  return (
    `clusterId is not known yet (it comes from a resource this deployment creates or replaces), so the cluster and ` +
    `its endpoint service in ${region} cannot be looked up: this preview plans conservatively, with ${candidates} ` +
    `as endpoint candidates. \`pulumi up\` looks them up once the ID is known, checks the cluster, and plans again ` +
    `before registering anything.`
  );
}

/**
 * The endpoint service given by the user (`serviceName`, and `serviceAzIds` if known) instead of looked up: the AZs
 * when given (they must be the region's), else left to deploy time with a warning, as for a service not AVAILABLE yet.
 */
export function givenServiceOutlook(
  region: string,
  serviceName: string,
  serviceAzIds: readonly string[] | undefined,
  candidates: string,
): ServiceOutlook & { problems: Problem[] } {
  const problems: Problem[] = [];
  const named = endpointServiceRegion(serviceName);
  if (named !== undefined && named !== region) {
    problems.push({
      argument: "serviceName",
      value: serviceName,
      reason: `names an endpoint service in ${named}, and the endpoint is in ${region}`,
      allowed: `the endpoint service of the cluster in ${region} (an interface endpoint reaches services of its own region)`,
    });
  }
  const prefix = `${awsAzIdPrefix(region)}-az`;
  serviceAzIds?.forEach((azId, i) => {
    if (!azId.startsWith(prefix)) {
      problems.push({
        argument: `serviceAzIds[${i}]`,
        value: azId,
        reason: `is not an AZ ID of ${region}`,
        allowed: `AZ IDs of ${region}, such as ${prefix}1`,
      });
    }
  });
  // AZ IDs of another region would also fail the overlap check: one problem each is enough.
  if (serviceAzIds !== undefined) return { azIds: problems.length > 0 ? undefined : sortedAzIds(serviceAzIds), problems };
  return {
    warning:
      `serviceName is given without serviceAzIds, so the endpoint service's availability zones are read at deploy ` +
      `time, once PrivateEndpointServices has it AVAILABLE, and the endpoint gets the subnets in those zones, out of ` +
      `${candidates}. Set serviceAzIds to decide them at plan time.`,
    problems,
  };
}

/**
 * @param candidates what the endpoint's subnets are then chosen from, e.g. "one subnet per AZ of the account"
 */
export function serviceOutlook(
  cluster: ClusterFacts,
  region: string,
  service: EndpointServiceFacts | undefined,
  candidates: string,
): ServiceOutlook {
  const deferred = (why: string): ServiceOutlook => ({
    warning:
      `${why} Its availability zones are therefore read at deploy time, once PrivateEndpointServices has it ` +
      `AVAILABLE, and the endpoint gets the subnets in those zones, out of ${candidates}.`,
  });
  const its = `The endpoint service of cluster ${cluster.name} (${cluster.plan}) in ${region}`;

  if (service === undefined) {
    if (deploymentCreatesEndpointServices(cluster)) {
      return deferred(`Cluster ${cluster.name} (${cluster.plan}) has no endpoint service in ${region} yet; this deployment creates it.`);
    }
    // Built in on the other plans: nothing in a deployment creates it, and PrivateEndpointServices would fail.
    return {
      problem: {
        argument: "region",
        value: region,
        reason:
          `cluster ${cluster.name} (${cluster.plan}) lists no endpoint service in ${region}; endpoint services are ` +
          `built in on ${cluster.plan} clusters, so no deployment creates it`,
        allowed: "a region whose endpoint service is AVAILABLE: contact Cockroach Labs support about this one",
      },
    };
  }
  switch (service.status) {
    case "AVAILABLE": {
      const azIds = sortedAzIds(service.availabilityZoneIds);
      return azIds.length > 0 ? { azIds } : deferred(`${its} reports no availability zones yet.`);
    }
    case "CREATING":
      return deferred(`${its} is still being created (CREATING).`);
    case "CREATE_FAILED":
      // PrivateEndpointServices asks for the services again only on ADVANCED (BASIC and STANDARD clusters have
      // theirs built in): there, this deployment is the retry, and stopping it here would stop every retry.
      if (deploymentCreatesEndpointServices(cluster)) {
        return deferred(
          `${its} failed to create (CREATE_FAILED); this deployment retries: PrivateEndpointServices asks ` +
            `CockroachDB Cloud to create it again and waits for it. If it fails again, run \`pulumi up\` again to ` +
            `retry, or contact Cockroach Labs support.`,
        );
      }
      return {
        problem: {
          argument: "region",
          value: region,
          reason:
            `the endpoint service of cluster ${cluster.name} (${cluster.plan}) in ${region} failed to create ` +
            `(CREATE_FAILED); CockroachDB Cloud creates the endpoint services of ${cluster.plan} clusters itself, so ` +
            `no deployment retries it`,
          allowed: "a region whose endpoint service is AVAILABLE: contact Cockroach Labs support to repair this one",
        },
      };
    default:
      return deferred(`${its} is ${service.status}, not AVAILABLE.`);
  }
}
