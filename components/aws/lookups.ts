// The real lookups behind AwsPrivateLink.create: the CockroachDB Cloud API (in the program process) and AWS
// invokes. Under Pulumi mocks the AWS invokes are answered by the mocks' `call`, which is how tests and
// `npm run plan` run the real code path offline.
import { getSubnet } from "@pulumi/aws/ec2/getSubnet";
import { getVpc } from "@pulumi/aws/ec2/getVpc";
import { getAvailabilityZones } from "@pulumi/aws/getAvailabilityZones";
import { getRegion } from "@pulumi/aws/getRegion";
import type * as pulumi from "@pulumi/pulumi";
import { getCockroachCluster, getPrivateEndpointServices, type LookupOptions } from "../cockroach";
import type { AwsPrivateLinkLookups } from "./facts";
import { sortedAzIds } from "./planZones";

export interface AwsPrivateLinkLookupOptions {
  /** AWS provider for the invokes, e.g. the one the component is given. @default the parent's, else the default provider */
  provider?: pulumi.ProviderResource;
  /** Resource whose AWS provider the invokes use when `provider` is not given, e.g. the component's parent. */
  parent?: pulumi.Resource;
  /** Cloud API client for the cluster lookups. @default one from stack config / env (`cockroach:apikey`, COCKROACH_API_KEY) */
  cockroach?: LookupOptions;
}

export function awsPrivateLinkLookups(options: AwsPrivateLinkLookupOptions = {}): AwsPrivateLinkLookups {
  // Pulumi resolves the provider of an invoke as it does a resource's: `provider`, else the parent's for the package.
  const invokeOptions: pulumi.InvokeOptions = {};
  if (options.provider) invokeOptions.provider = options.provider;
  if (options.parent) invokeOptions.parent = options.parent;
  return {
    async cluster(clusterId) {
      const cluster = await getCockroachCluster({ id: clusterId }, options.cockroach);
      return {
        id: cluster.id,
        name: cluster.name,
        cloudProvider: cluster.cloudProvider,
        plan: cluster.plan,
        state: cluster.state,
        regions: cluster.regions.map((r) => ({ name: r.name, internalDns: r.internalDns })),
      };
    },
    async endpointServices(clusterId) {
      const { services } = await getPrivateEndpointServices({ clusterId }, options.cockroach);
      return services.map((s) => ({
        regionName: s.regionName,
        status: s.status,
        availabilityZoneIds: [...s.availabilityZoneIds],
      }));
    },
    async providerRegion() {
      return (await getRegion({}, invokeOptions)).region;
    },
    async accountAzIds(region) {
      const zones = await getAvailabilityZones({ region, state: "available" }, invokeOptions);
      return sortedAzIds(zones.zoneIds);
    },
    async vpc(vpcId, region) {
      const vpc = await getVpc({ id: vpcId, region }, invokeOptions);
      return {
        id: vpc.id,
        cidrBlock: vpc.cidrBlock,
        enableDnsSupport: vpc.enableDnsSupport,
        enableDnsHostnames: vpc.enableDnsHostnames,
      };
    },
    async subnet(subnetId, region) {
      const subnet = await getSubnet({ id: subnetId, region }, invokeOptions);
      return { id: subnet.id, vpcId: subnet.vpcId, availabilityZoneId: subnet.availabilityZoneId };
    },
  };
}
