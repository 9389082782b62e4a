// AwsPrivateLink.create as `pulumi up` runs it (mocks, not preview): a clusterId output with a known value, the
// serviceName escape hatch, and the lookups one region makes, counted at the fakes.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsPrivateLinkArgs } from "../../../components/aws/args";
import { AwsPrivateLink } from "../../../components/aws/awsPrivateLink";
import { AwsPrivateLinkArgumentError } from "../../../components/aws/errors";
import type { AwsPrivateLinkLookups } from "../../../components/aws/facts";
import { answerAwsInvoke } from "../../../tools/mocks/aws";
import { waitForRegistrations } from "../../../tools/mocks/pulumiInternals";
import type { RecordedResource } from "../../../tools/mocks/recorder";
import { CLUSTER_ID, awsCluster, fakeLookups } from "./support/fixtures";
import { type MockWorld, TYPES, byName, byType, setUpMocks, valueOf } from "./support/mocks";

/** A cluster this program creates; under `up` its `clusterId` output has the value it was given. */
class TestCluster extends pulumi.CustomResource {
  declare readonly clusterId: pulumi.Output<string>;
  constructor(name: string, clusterId: string) {
    super("test:index:Cluster", name, { clusterId }, {});
  }
}

const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

let world: MockWorld;
const invokes: string[] = [];
beforeAll(async () => {
  world = await setUpMocks();
  // The AWS lookups are the real invokes, answered by the plan's deterministic mock (az1 to az4 in every region).
  world.answerInvoke = (token, inputs) => {
    invokes.push(token);
    const answer = answerAwsInvoke({ token, inputs }, "us-east-1", new Map());
    if (!answer) throw new Error(`unexpected invoke ${token}`);
    return answer;
  };
});
afterAll(() => {
  world.answerInvoke = undefined;
});
beforeEach(async () => {
  await world.reset();
  invokes.length = 0;
});

/** The Cloud API lookups over the fake world, each call counted; the AWS ones are left to the real invokes. */
function cloudLookups() {
  const calls = { cluster: 0, endpointServices: 0 };
  const { cluster, endpointServices } = fakeLookups();
  const lookups: Partial<AwsPrivateLinkLookups> = {
    cluster: (id) => (calls.cluster++, cluster(id)),
    endpointServices: (id) => (calls.endpointServices++, endpointServices(id)),
  };
  return { lookups, calls };
}

const args = (overrides: Partial<AwsPrivateLinkArgs> = {}): AwsPrivateLinkArgs => ({
  clusterId: CLUSTER_ID,
  region: "us-east-1",
  vpc: { cidrBlock: "10.40.0.0/16" },
  ...overrides,
});

async function create(name: string, a: AwsPrivateLinkArgs, lookups: Partial<AwsPrivateLinkLookups>) {
  const link = await AwsPrivateLink.create(name, a, { lookups });
  await valueOf(link.connectionStatus);
  await waitForRegistrations();
  return link;
}

/** The component's registrations, by name (arrival order varies): type, name, parent, inputs. */
function registrations(resources: RecordedResource[]) {
  return resources
    .filter((r) => r.type !== "test:index:Cluster")
    .map((r) => ({ type: r.type, name: r.name, parent: r.parentUrn, inputs: r.inputs }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe("a clusterId output whose value is known", () => {
  it("plans and registers exactly what the plain string does, and the cluster's resources depend on its producer", async () => {
    const plain = await create("link", args(), cloudLookups().lookups);
    const fromString = registrations(world.resources);
    await world.reset();

    const cluster = new TestCluster("orders", CLUSTER_ID);
    const wired = await create("link", args({ clusterId: cluster.clusterId }), cloudLookups().lookups);
    expect(registrations(world.resources)).toEqual(fromString);
    expect(wired.plan).toEqual(plain.plan);
    expect(await valueOf(wired.privateSqlHost)).toBe(await valueOf(plain.privateSqlHost));

    const clusterUrn = await valueOf(cluster.urn);
    expect(byName(world.resources, "link-services").propertyDependencyUrns.clusterId).toEqual([clusterUrn]);
    expect(byName(world.resources, "link-connection").propertyDependencyUrns.clusterId).toEqual([clusterUrn]);
  });

  it("is lower-cased like the string, so the same cluster in capitals names the same resources", async () => {
    const cluster = new TestCluster("loud", CLUSTER_ID.toUpperCase());
    const link = await create("loud", args({ clusterId: cluster.clusterId }), cloudLookups().lookups);
    expect(link.plan.clusterId).toBe(CLUSTER_ID);
    expect(byName(world.resources, "loud-services").inputs.clusterId).toBe(CLUSTER_ID);
    expect(byName(world.resources, "loud-connection").inputs.clusterId).toBe(CLUSTER_ID);
  });
});

describe("the lookups of one region", () => {
  it("AwsPrivateLink.create makes one cluster, one services and one AZ lookup, and nothing else", async () => {
    const { lookups, calls } = cloudLookups();
    await create("one", args(), lookups);
    expect(calls).toEqual({ cluster: 1, endpointServices: 1 });
    expect(invokes).toEqual(["aws:index/getAvailabilityZones:getAvailabilityZones"]);
  });

  it("without a region, one more: the AWS provider's region", async () => {
    const { lookups, calls } = cloudLookups();
    await create("one", args({ region: undefined }), lookups);
    expect(calls).toEqual({ cluster: 1, endpointServices: 1 });
    expect(invokes.sort()).toEqual(["aws:index/getAvailabilityZones:getAvailabilityZones", "aws:index/getRegion:getRegion"]);
  });
});

describe("serviceName, the escape hatch for the endpoint-service lookup", () => {
  it("skips the lookup and creates the endpoint for the given name, in the given AZs", async () => {
    const { lookups, calls } = cloudLookups();
    const link = await create("given", args({ serviceName: SERVICE, serviceAzIds: ["use1-az3", "use1-az1"] }), lookups);
    expect(calls).toEqual({ cluster: 1, endpointServices: 0 });
    expect(invokes).toEqual(["aws:index/getAvailabilityZones:getAvailabilityZones"]);
    expect(byType(world.resources, TYPES.endpoint)[0]?.inputs.serviceName).toBe(SERVICE);
    // The fake service is in az1, az2 and az4: the given AZs win, as the user asked.
    expect(link.plan.serviceAzIds).toEqual(["use1-az1", "use1-az3"]);
    expect(Object.keys(link.subnets)).toEqual(["use1-az1", "use1-az3"]);
    expect(link.plan.warnings).toEqual([]);
  });

  it("without serviceAzIds, plans a subnet per account AZ and leaves the endpoint's AZs to deploy time, saying so", async () => {
    const { lookups, calls } = cloudLookups();
    const link = await create("named", args({ serviceName: SERVICE }), lookups);
    expect(calls.endpointServices).toBe(0);
    expect(link.plan.serviceAzIds).toBeUndefined();
    expect(Object.keys(link.subnets)).toEqual(["use1-az1", "use1-az2", "use1-az3", "use1-az4"]);
    expect(link.plan.warnings).toEqual([expect.stringMatching(/^serviceName is given without serviceAzIds, so the endpoint service's availability zones are read at deploy time/)]);
    // At deploy time the endpoint takes the candidates the service (PrivateEndpointServices) reports: az1, az2, az4.
    const endpointSubnets = await valueOf(link.endpoint.subnetIds);
    expect(endpointSubnets).toEqual(["named-subnet-use1-az1_id", "named-subnet-use1-az2_id", "named-subnet-use1-az4_id"]);
  });

  it("with serviceAzIds too, reads nothing of PrivateEndpointServices: a region it does not list still builds", async () => {
    // The services mock lists us-east-1, us-west-2 and eu-west-1 only.
    const region = "eu-west-3";
    const given = `com.amazonaws.vpce.${region}.vpce-svc-0123456789abcdef0`;
    const lookups = { cluster: async () => awsCluster([region]), endpointServices: async () => [] };
    const link = await create("paris", args({ region, serviceName: given, serviceAzIds: ["euw3-az2"] }), lookups);
    expect(byType(world.resources, TYPES.endpoint)[0]?.inputs.serviceName).toBe(given);
    expect(await valueOf(link.endpoint.subnetIds)).toEqual(["paris-subnet-euw3-az2_id"]);
  });

  it("rejects a malformed or mismatched override, every problem at once, before any lookup", async () => {
    const { lookups, calls } = cloudLookups();
    const bad = create("bad", args({ serviceName: "vpce-svc-0123", serviceAzIds: ["us-east-1a"] }), lookups);
    await expect(bad).rejects.toBeInstanceOf(AwsPrivateLinkArgumentError);
    await expect(bad).rejects.toThrow(
      'AwsPrivateLink "bad": 2 problems:\n' +
        '  serviceName = "vpce-svc-0123": not an endpoint service name. Allowed: an endpoint service name such as com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0.\n' +
        '  serviceAzIds[0] = "us-east-1a": not a regional AZ ID. Allowed: a regional AZ ID such as use1-az1 (not an AZ name such as us-east-1a).',
    );
    expect(calls).toEqual({ cluster: 0, endpointServices: 0 });

    const alone = create("alone", args({ serviceAzIds: ["use1-az1"] }), lookups);
    await expect(alone).rejects.toThrow('serviceAzIds = ["use1-az1"]: is only for a given serviceName');
  });

  it("rejects a service of another region and AZ IDs of another region at plan time", async () => {
    const other = "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0";
    const bad = create("west", args({ serviceName: other, serviceAzIds: ["usw2-az1"] }), cloudLookups().lookups);
    await expect(bad).rejects.toThrow(
      'AwsPrivateLink "west": 2 problems:\n' +
        `  serviceName = "${other}": names an endpoint service in us-west-2, and the endpoint is in us-east-1. ` +
        "Allowed: the endpoint service of the cluster in us-east-1 (an interface endpoint reaches services of its own region).\n" +
        '  serviceAzIds[0] = "usw2-az1": is not an AZ ID of us-east-1. Allowed: AZ IDs of us-east-1, such as use1-az1.',
    );
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
  });
});
