// The CockroachDB Cloud target as a value: what any path (AWS interface endpoint now; GCP PSC later) needs to know
// about connecting to a cluster, in one place. Plain data and pure functions, so planners and providers can use it
// without loading Pulumi. No imports: the providers' serialized text carries this module.

/**
 * The endpoint-service rule, used both when planning (`aws/planService.ts`) and by the `PrivateEndpointServices`
 * provider: on Advanced a deployment creates the cluster's endpoint services (and asks again for one that is
 * CREATE_FAILED); on Basic and Standard they are built in, and nothing a deployment does creates or repairs them.
 * A cluster whose plan is not reported counts as Advanced when it has a dedicated config.
 */
export function deploymentCreatesEndpointServices(cluster: { plan?: string; dedicated?: boolean }): boolean {
  if (cluster.plan === "BASIC" || cluster.plan === "STANDARD") return false;
  return cluster.plan === "ADVANCED" || cluster.dedicated === true;
}
export const cockroachTarget = Object.freeze({
  /** CockroachDB serves SQL on this port, on every plan and cloud. */
  port: 26257,
  /**
   * The endpoint must be registered with the cluster (`PrivateEndpointConnection`) and accepted before it carries
   * traffic; private DNS can only be turned on after that acceptance.
   */
  registersEndpoint: true,
  privateDns: "afterRegistration" as "afterRegistration" | "atCreation",
  /** See {@link deploymentCreatesEndpointServices}. */
  deploymentCreatesEndpointServices,
  /** The security group's description. */
  securityGroupDescription(clusterId: string): string {
    return `CockroachDB SQL over PrivateLink to cluster ${clusterId}`;
  },
  /** The host clients use over the private path: the region's internal DNS name (resolves privately with private DNS). */
  privateHost(region: { internalDns: string } | undefined): string {
    return region?.internalDns ?? "";
  },
  /**
   * GCP Private Service Connect: the host clients use is the region's `private_endpoint_dns`, which the API fills in
   * only once the endpoint services exist: "" means "not ready", never a host. (How it relates to the endpoint's name
   * under GCP's automatic DNS is not documented; the connectivity check proves it.)
   */
  pscPrivateHost(region: { privateEndpointDns: string } | undefined): string {
    return region?.privateEndpointDns ?? "";
  },
  /** Plans that offer Private Service Connect on GCP (Standard in preview). */
  pscPlans: Object.freeze(["STANDARD", "ADVANCED"]) as readonly string[],
  /** Plans that offer VPC peering on GCP; the cluster side is a Console request, the host the region's internal DNS. */
  peeringPlans: Object.freeze(["ADVANCED"]) as readonly string[],
  /** The cluster network's range on GCP when the API reports none (clusters created since 2020-03-05). */
  gcpDefaultCidrRange: "172.28.0.0/14",
});
