// Clusters the fake serves, shaped like the API's `Cluster` (the fields this project reads, and a few beside them).
import { awsAzIdPrefix } from "../../components/core/checks";
import type { TidbClusterWire } from "../../components/tidb/api/types";

export type FakeTidbCluster = TidbClusterWire & { clusterId: string };

export interface FakeTidbClusterOptions {
  /** @default "ACTIVE" */
  state?: string;
  /** @default 4000 */
  port?: number;
  /** As the API lists them: AZ IDs by default (`use1-az1`, ...), or names (`us-east-1a`) to test the mapping. */
  availabilityZones?: string[];
  /** @default true: the cluster has a private endpoint service on AWS */
  privateEndpoint?: boolean;
}

/** A TiDB Serverless cluster on AWS in `region` (e.g. us-east-1), with its private endpoint service. */
export function fakeTidbCluster(clusterId: string, region: string, options: FakeTidbClusterOptions = {}): FakeTidbCluster {
  const prefix = awsAzIdPrefix(region);
  return {
    clusterId,
    displayName: `fake-${clusterId.slice(-4)}`,
    state: options.state ?? "ACTIVE",
    userPrefix: "3ZxAbc9Def1GhiJ",
    region: { name: `regions/aws-${region}`, regionId: region, cloudProvider: "aws", displayName: region },
    endpoints: {
      public: { host: `gateway01.${region}.prod.aws.tidbcloud.com`, port: options.port ?? 4000, disabled: false },
      ...(options.privateEndpoint === false
        ? {}
        : {
            private: {
              host: `gateway01-privatelink.${region}.prod.aws.tidbcloud.com`,
              port: options.port ?? 4000,
              aws: {
                serviceName: fakeTidbServiceName(region),
                availabilityZone: options.availabilityZones ?? [1, 2, 4].map((n) => `${prefix}-az${n}`),
              },
            },
          }),
    },
  };
}

export function fakeTidbServiceName(region: string): string {
  // 17 hex digits, as real service IDs have; derived from the region so each region's differs.
  return `com.amazonaws.vpce.${region}.vpce-svc-0${Buffer.from(region).toString("hex").slice(0, 16).padEnd(16, "0")}`;
}
