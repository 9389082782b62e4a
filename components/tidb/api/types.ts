// The part of the TiDB Cloud Serverless API v1beta1 `Cluster` this project reads (GET /v1beta1/clusters/{clusterId};
// pingcap tidbcloud-cli `pkg/tidbcloud/v1beta1/serverless/cluster.swagger.json`). Every field optional: the answer
// is checked where it is used.

export interface TidbClusterWire {
  clusterId?: string;
  displayName?: string;
  /** "ACTIVE", "CREATING", "DELETED", "PAUSED", ... */
  state?: string;
  /** The prefix of every SQL user name (`<userPrefix>.root`). */
  userPrefix?: string;
  region?: { name?: string; regionId?: string; cloudProvider?: string; displayName?: string };
  endpoints?: {
    public?: { host?: string; port?: number; disabled?: boolean };
    private?: {
      host?: string;
      port?: number;
      aws?: { serviceName?: string; availabilityZone?: string[] };
      gcp?: { serviceAttachmentName?: string };
    };
  };
}
