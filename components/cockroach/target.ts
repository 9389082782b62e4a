// The CockroachDB Cloud target as a value: what any path (AWS interface endpoint now; GCP PSC later) needs to know
// about connecting to a cluster, in one place. Plain data and pure functions, so planners and providers can use it
// without loading Pulumi.
export const cockroachTarget = Object.freeze({
  /** CockroachDB serves SQL on this port, on every plan and cloud. */
  port: 26257,
  /**
   * The endpoint must be registered with the cluster (`PrivateEndpointConnection`) and accepted before it carries
   * traffic; private DNS can only be turned on after that acceptance.
   */
  registersEndpoint: true,
  privateDns: "afterRegistration" as "afterRegistration" | "atCreation",
  /** The security group's description. */
  securityGroupDescription(clusterId: string): string {
    return `CockroachDB SQL over PrivateLink to cluster ${clusterId}`;
  },
  /** The host clients use over the private path: the region's internal DNS name (resolves privately with private DNS). */
  privateHost(region: { internalDns: string } | undefined): string {
    return region?.internalDns ?? "";
  },
});
