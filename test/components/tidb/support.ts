// Lookups for TiDB tests: a TiDB Serverless cluster in us-east-1 whose service is in az1, az2 and az4 (answered by the
// fake TiDB API's builder, so the wire shape is the fake's), an account with az1 to az4 named us-east-1a to -d in a
// shuffled order (names map to different zones in each account), and existing VPCs, subnets and endpoints.
import type { SubnetFacts, VpcFacts } from "../../../components/aws/facts";
import type { ExistingVpcEndpoint } from "../../../components/aws/vpcEndpointsToService";
import type { TidbPrivateLinkLookups } from "../../../components/tidb/facts";
import { tidbClusterFacts } from "../../../components/tidb/lookups";
import { type FakeTidbClusterOptions, fakeTidbCluster, fakeTidbServiceName } from "../../../tools/fake-tidb";

export const TIDB_CLUSTER = "10289758592817381";
export const SERVICE = fakeTidbServiceName("us-east-1");
export const HOST = "gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com";
export const OWNER = "crdb-private-endpoints/test/tidb";

/** This account's mapping: us-east-1a is use1-az2, b is az4, c is az1, d is az3. */
export const ACCOUNT_ZONES = { zoneIds: ["use1-az2", "use1-az4", "use1-az1", "use1-az3"], names: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"] };

export const VPCS: Record<string, VpcFacts> = {
  "vpc-0aaaaaaaaaaaaaaaa": { id: "vpc-0aaaaaaaaaaaaaaaa", cidrBlock: "10.20.0.0/16", enableDnsSupport: true, enableDnsHostnames: true },
  "vpc-0bbbbbbbbbbbbbbbb": { id: "vpc-0bbbbbbbbbbbbbbbb", cidrBlock: "10.30.0.0/16", enableDnsSupport: false, enableDnsHostnames: true },
};

export const SUBNETS: Record<string, SubnetFacts> = {
  "subnet-0aaaaaaaaaaaaaaa1": { id: "subnet-0aaaaaaaaaaaaaaa1", vpcId: "vpc-0aaaaaaaaaaaaaaaa", availabilityZoneId: "use1-az1" },
  "subnet-0aaaaaaaaaaaaaaa3": { id: "subnet-0aaaaaaaaaaaaaaa3", vpcId: "vpc-0aaaaaaaaaaaaaaaa", availabilityZoneId: "use1-az3" },
  "subnet-0aaaaaaaaaaaaaaa4": { id: "subnet-0aaaaaaaaaaaaaaa4", vpcId: "vpc-0aaaaaaaaaaaaaaaa", availabilityZoneId: "use1-az4" },
};

export interface LookupLog {
  calls: string[];
}

/** Lookups answering from the tables above; `endpoints` are the VPC's endpoints to the service; every call logged. */
export function fixtureLookups(
  log: LookupLog = { calls: [] },
  options: { cluster?: FakeTidbClusterOptions; endpoints?: ExistingVpcEndpoint[] } = {},
): TidbPrivateLinkLookups {
  return {
    async tidbCluster(clusterId) {
      log.calls.push(`tidbCluster ${clusterId}`);
      if (clusterId !== TIDB_CLUSTER) throw new Error(`TiDB Cloud API GetCluster for cluster ${clusterId} failed with HTTP 404`);
      return tidbClusterFacts(clusterId, fakeTidbCluster(clusterId, "us-east-1", options.cluster));
    },
    async providerRegion() {
      log.calls.push("providerRegion");
      return "us-east-1";
    },
    async accountZones(region) {
      log.calls.push(`accountZones ${region}`);
      return ACCOUNT_ZONES;
    },
    async vpc(vpcId) {
      log.calls.push(`vpc ${vpcId}`);
      const vpc = VPCS[vpcId];
      if (!vpc) throw new Error(`no matching EC2 VPC found (id ${vpcId})`);
      return vpc;
    },
    async subnet(subnetId) {
      log.calls.push(`subnet ${subnetId}`);
      const subnet = SUBNETS[subnetId];
      if (!subnet) throw new Error(`no matching EC2 Subnet found (id ${subnetId})`);
      return subnet;
    },
    async vpcEndpointsToService(vpcId, serviceName, region) {
      log.calls.push(`vpcEndpointsToService ${vpcId} ${serviceName} ${region}`);
      return options.endpoints ?? [];
    },
  };
}
