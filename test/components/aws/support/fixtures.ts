// Facts and lookups for tests: an AWS cluster in us-east-1 and us-west-2 whose endpoint services leave out az3,
// an account with az1 to az4 everywhere, and a few existing VPCs and subnets.
import type {
  AwsPrivateLinkFacts,
  AwsPrivateLinkLookups,
  ClusterFacts,
  EndpointServiceFacts,
  SubnetFacts,
  VpcFacts,
} from "../../../../components/aws/facts";
import { awsAzIdPrefix } from "../../../../components/core/checks";

export const CLUSTER_ID = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d";
export const GCP_CLUSTER_ID = "9a1b2c3d-0000-4000-8000-000000000001";
export const MISSING_CLUSTER_ID = "9a1b2c3d-0000-4000-8000-0000000000ff";

const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-west-3"];
export const zonePrefix = awsAzIdPrefix;
export const az = (region: string, n: number) => `${zonePrefix(region)}-az${n}`;

export function awsCluster(regions = ["us-east-1", "us-west-2"], overrides: Partial<ClusterFacts> = {}): ClusterFacts {
  return {
    id: CLUSTER_ID,
    name: "orders",
    cloudProvider: "AWS",
    plan: "STANDARD",
    state: "CREATED",
    regions: regions.map((name) => ({ name, internalDns: `internal-orders-abc12.aws-${name}.cockroachlabs.cloud` })),
    ...overrides,
  };
}

export function service(region: string, azNumbers = [1, 2, 4]): EndpointServiceFacts {
  return { regionName: region, status: "AVAILABLE", availabilityZoneIds: azNumbers.map((n) => az(region, n)) };
}

/** The service name the mocks report for a region (see mocks.ts). */
export const serviceName = (region: string) => `com.amazonaws.vpce.${region}.vpce-svc-0test${zonePrefix(region)}`;

export function facts(overrides: Partial<AwsPrivateLinkFacts> = {}): AwsPrivateLinkFacts {
  const region = overrides.region ?? "us-east-1";
  return {
    region,
    cluster: awsCluster(),
    service: service(region),
    accountAzIds: [1, 2, 3, 4].map((n) => az(region, n)),
    ...overrides,
  };
}

export const EXISTING_VPC: VpcFacts = {
  id: "vpc-0123456789abcdef0",
  cidrBlock: "10.20.0.0/16",
  enableDnsSupport: true,
  enableDnsHostnames: true,
};

/** Subnets of EXISTING_VPC in us-east-1: az1, az3, az2 (in that order), and one in another VPC. */
export const EXISTING_SUBNETS: SubnetFacts[] = [
  { id: "subnet-0aaaaaaaaaaaaaaa1", vpcId: EXISTING_VPC.id, availabilityZoneId: "use1-az1" },
  { id: "subnet-0aaaaaaaaaaaaaaa3", vpcId: EXISTING_VPC.id, availabilityZoneId: "use1-az3" },
  { id: "subnet-0aaaaaaaaaaaaaaa2", vpcId: EXISTING_VPC.id, availabilityZoneId: "use1-az2" },
];

export interface FakeWorld {
  clusters: ClusterFacts[];
  services: Record<string, EndpointServiceFacts[]>;
  accountAzIds: Record<string, string[]>;
  vpcs: Record<string, VpcFacts>;
  subnets: Record<string, SubnetFacts>;
}

export function fakeWorld(): FakeWorld {
  return {
    clusters: [
      awsCluster(),
      { ...awsCluster(["us-central1"]), id: GCP_CLUSTER_ID, name: "analytics", cloudProvider: "GCP" },
    ],
    services: { [CLUSTER_ID]: [service("us-east-1"), service("us-west-2", [1, 2, 3])] },
    accountAzIds: Object.fromEntries(REGIONS.map((r) => [r, [1, 2, 3, 4].map((n) => az(r, n))])),
    vpcs: { [EXISTING_VPC.id]: EXISTING_VPC },
    subnets: Object.fromEntries(EXISTING_SUBNETS.map((s) => [s.id, s])),
  };
}

/** In-memory lookups over a FakeWorld; misses fail like the real APIs (not found). */
export function fakeLookups(world: FakeWorld = fakeWorld()): AwsPrivateLinkLookups {
  const found = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} not found`);
    return value;
  };
  return {
    cluster: async (id) => found(world.clusters.find((c) => c.id === id), `cluster ${id}`),
    endpointServices: async (id) => world.services[id] ?? [],
    providerRegion: async () => "us-east-1",
    accountAzIds: async (region) => world.accountAzIds[region] ?? [],
    vpc: async (id) => found(world.vpcs[id], `VPC ${id}`),
    subnet: async (id) => found(world.subnets[id], `subnet ${id}`),
  };
}
