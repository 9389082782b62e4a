// The real lookups behind TidbPrivateLink.create: the TiDB Cloud Serverless API (in the program process), AWS
// invokes (answered by the mocks under `npm run plan` and tests), and EC2 DescribeVpcEndpoints through the SDK for
// the endpoints already in an existing VPC.
import { getAvailabilityZones } from "@pulumi/aws/getAvailabilityZones";
import * as pulumi from "@pulumi/pulumi";
import { awsPrivateLinkLookups } from "../aws/lookups";
import { listVpcEndpointsToService } from "../aws/vpcEndpointsToService";
import { tidbServerlessClient } from "./api/client";
import type { TidbApiSettings } from "./api/settings";
import type { TidbClusterWire } from "./api/types";
import type { TidbClusterFacts, TidbPrivateLinkLookups } from "./facts";

export interface TidbPrivateLinkLookupOptions {
  /** AWS provider for the invokes. @default the parent's, else the default provider */
  provider?: pulumi.ProviderResource;
  parent?: pulumi.Resource;
  /** TiDB Cloud API settings. @default from the environment (TIDBCLOUD_PUBLIC_KEY, TIDBCLOUD_PRIVATE_KEY, TIDBCLOUD_SERVERLESS_ENDPOINT) */
  tidb?: TidbApiSettings;
}

/** The cluster as the plan reads it; `regions/aws-us-east-1` becomes cloud `aws`, region `us-east-1`. */
export function tidbClusterFacts(clusterId: string, wire: TidbClusterWire): TidbClusterFacts {
  const regionName = wire.region?.name ?? "";
  const m = /^regions\/([a-z]+)-(.+)$/.exec(regionName);
  const p = wire.endpoints?.private;
  return {
    id: wire.clusterId ?? clusterId,
    name: wire.displayName ?? clusterId,
    cloudProvider: wire.region?.cloudProvider ?? m?.[1] ?? "",
    region: wire.region?.regionId ?? m?.[2] ?? regionName,
    state: wire.state ?? "",
    userPrefix: wire.userPrefix,
    privateEndpoint:
      p?.aws?.serviceName === undefined
        ? undefined
        : {
            serviceName: p.aws.serviceName,
            availabilityZones: [...(p.aws.availabilityZone ?? [])],
            host: p.host ?? "",
            port: p.port ?? 4000,
          },
  };
}

export function tidbPrivateLinkLookups(options: TidbPrivateLinkLookupOptions = {}): TidbPrivateLinkLookups {
  const aws = awsPrivateLinkLookups({ provider: options.provider, parent: options.parent });
  const invokeOptions: pulumi.InvokeOptions = {};
  if (options.provider) invokeOptions.provider = options.provider;
  if (options.parent) invokeOptions.parent = options.parent;
  return {
    async tidbCluster(clusterId) {
      return tidbClusterFacts(clusterId, await tidbServerlessClient(options.tidb).getCluster(clusterId));
    },
    providerRegion: aws.providerRegion,
    async accountZones(region) {
      const zones = await getAvailabilityZones({ region, state: "available" }, invokeOptions);
      return { zoneIds: [...zones.zoneIds], names: [...zones.names] };
    },
    vpc: aws.vpc,
    subnet: aws.subnet,
    async vpcEndpointsToService(vpcId, serviceName, region) {
      return listVpcEndpointsToService(vpcId, serviceName, { region, profile: new pulumi.Config("aws").get("profile") });
    },
  };
}
