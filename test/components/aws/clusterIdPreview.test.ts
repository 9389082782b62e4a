// A clusterId that is an output unknown at preview (a program that creates its cluster in the same stack), under
// Pulumi's mocks in preview mode: an output the mock does not give is unknown, as the engine reports it.
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AwsPrivateLinkArgs } from "../../../components/aws/args";
import { AwsPrivateLink } from "../../../components/aws/awsPrivateLink";
import type { AwsPrivateLinkLookups } from "../../../components/aws/facts";
import { resolveInput } from "../../../components/core/input";
import { waitForRegistrations } from "../../../tools/mocks/pulumiInternals";
import type { RecordedResource } from "../../../tools/mocks/recorder";
import { CLUSTER_ID, EXISTING_SUBNETS, EXISTING_VPC, awsCluster, fakeLookups, fakeWorld } from "./support/fixtures";
import { type MockWorld, TYPES, byName, byType, setUpMocks } from "./support/mocks";

/** A cluster this program creates: its `clusterId` is an output, unknown at preview unless given. */
class TestCluster extends pulumi.CustomResource {
  declare readonly clusterId: pulumi.Output<string>;
  constructor(name: string, clusterId?: string) {
    super("test:index:Cluster", name, { clusterId }, {});
  }
}

let world: MockWorld;
beforeAll(async () => {
  world = await setUpMocks(true);
});
beforeEach(() => world.reset());
afterEach(() => vi.restoreAllMocks());

/** Lookups over the fake world, each call counted by name. */
function countingLookups(lookups: AwsPrivateLinkLookups = fakeLookups()) {
  const calls: string[] = [];
  const counted = Object.fromEntries(
    Object.entries(lookups).map(([key, lookup]) => [
      key,
      (...args: unknown[]) => {
        calls.push(key);
        return (lookup as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as AwsPrivateLinkLookups;
  return { lookups: counted, calls };
}

const args = (clusterId: pulumi.Input<string>): AwsPrivateLinkArgs => ({
  clusterId,
  region: "us-east-1",
  vpc: { cidrBlock: "10.40.0.0/16" },
});

/** The component's registrations by name (arrival order varies): type, name, where subnets go. */
function shape(resources: RecordedResource[]) {
  return resources
    .filter((r) => r.type !== "test:index:Cluster")
    .map((r) => ({ type: r.type, name: r.name, cidrBlock: r.inputs.cidrBlock, availabilityZoneId: r.inputs.availabilityZoneId }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function settle(link: AwsPrivateLink) {
  await resolveInput(link.endpointId);
  await waitForRegistrations();
}

describe("resolveInput under preview", () => {
  it("tells an output unknown at preview from a known one, a plain value and a promise", async () => {
    expect(await resolveInput(new TestCluster("unknown").clusterId)).toEqual({ known: false });
    expect(await resolveInput(new TestCluster("known", CLUSTER_ID).clusterId)).toEqual({ known: true, value: CLUSTER_ID });
    expect(await resolveInput("plain")).toEqual({ known: true, value: "plain" });
    expect(await resolveInput(Promise.resolve("promised"))).toEqual({ known: true, value: "promised" });
    expect(await resolveInput(pulumi.secret("s"))).toEqual({ known: true, value: "s" });
  });
});

describe("AwsPrivateLink.create with a clusterId unknown at preview", () => {
  it("plans conservatively: a subnet in each of the account's AZs, no cluster lookup, and a warning saying why", async () => {
    const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
    const { lookups, calls } = countingLookups();
    const cluster = new TestCluster("orders");
    const link = await AwsPrivateLink.create("p1", args(cluster.clusterId), { lookups });
    await settle(link);

    // Only the network side is looked up: the cluster and its services need the ID.
    expect(calls.sort()).toEqual(["accountAzIds"]);
    expect(link.plan).toMatchObject({ clusterId: "", clusterIdUnknown: true, serviceAzIds: undefined, privateSqlHost: "" });
    expect(link.plan.subnets).toEqual([
      { azId: "use1-az1", cidrBlock: "10.40.0.0/20" },
      { azId: "use1-az2", cidrBlock: "10.40.16.0/20" },
      { azId: "use1-az3", cidrBlock: "10.40.32.0/20" },
      { azId: "use1-az4", cidrBlock: "10.40.48.0/20" },
    ]);
    expect(JSON.parse(JSON.stringify(link.plan))).toEqual(link.plan);

    const [warning, ...others] = link.plan.warnings;
    expect(others).toEqual([]);
    expect(warning).toMatch(/^clusterId is not known yet \(it comes from a resource this deployment creates or replaces\)/);
    expect(warning).toContain("its endpoint service in us-east-1 cannot be looked up");
    expect(warning).toContain("one subnet per AZ of the account");
    expect(warn.mock.calls).toEqual([[warning, link]]);

    // The resources take the cluster's ID at deploy time: unknown now, and from the cluster resource.
    const clusterUrn = await resolveInput(cluster.urn);
    for (const name of ["p1-services", "p1-connection"]) {
      const resource = byName(world.resources, name);
      expect(pulumi.isUnknown(resource.inputs.clusterId)).toBe(true);
      expect(resource.propertyDependencyUrns.clusterId).toEqual([clusterUrn.known && clusterUrn.value]);
    }
    const sg = byName(world.resources, "p1-sg");
    expect(pulumi.isUnknown(sg.inputs.description)).toBe(true);
    expect(sg.propertyDependencyUrns.description).toEqual([clusterUrn.known && clusterUrn.value]);
    expect(await resolveInput(link.privateSqlHost)).toEqual({ known: false });
  });

  it("registers the graph of a new Advanced cluster whose endpoint services do not exist yet", async () => {
    const cluster = new TestCluster("orders");
    await settle(await AwsPrivateLink.create("same", args(cluster.clusterId), { lookups: fakeLookups() }));
    const unknown = shape(world.resources);
    await world.reset();

    const advanced = fakeWorld();
    advanced.clusters = [awsCluster(["us-east-1"], { plan: "ADVANCED" })];
    advanced.services = {};
    await settle(await AwsPrivateLink.create("same", args(CLUSTER_ID), { lookups: fakeLookups(advanced) }));
    expect(unknown).toEqual(shape(world.resources));
    expect(byType(world.resources, TYPES.subnet)).toHaveLength(4);
  });

  it("keeps an existing VPC's subnets as the candidates, and narrows them to a given service's AZs", async () => {
    const cluster = new TestCluster("orders");
    const existing = {
      ...args(cluster.clusterId),
      vpc: { vpcId: EXISTING_VPC.id, subnetIds: EXISTING_SUBNETS.map((s) => s.id) },
    };
    const { lookups, calls } = countingLookups();
    const open = await AwsPrivateLink.prepare("p2", existing, { lookups });
    expect(open.subnets.map((s) => s.azId)).toEqual(["use1-az1", "use1-az2", "use1-az3"]);
    expect(open.warnings[0]).toContain("the given subnets");
    expect(calls.sort()).toEqual(["accountAzIds", "subnet", "subnet", "subnet", "vpc"]);

    const given = await AwsPrivateLink.prepare(
      "p2",
      { ...existing, serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", serviceAzIds: ["use1-az2", "use1-az1"] },
      { lookups },
    );
    expect(given.subnets.map((s) => s.azId)).toEqual(["use1-az1", "use1-az2"]);
    expect(given.serviceAzIds).toEqual(["use1-az1", "use1-az2"]);
    expect(given.serviceName).toBe("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0");
    await waitForRegistrations();
    expect(world.resources.map((r) => r.type)).toEqual(["test:index:Cluster"]);
  });

  it("still rejects every bad argument that needs no cluster, before registering anything", async () => {
    const cluster = new TestCluster("orders");
    const bad = { ...args(cluster.clusterId), port: 0, allowedCidrs: ["10.0.0.1/8"], allowedSecurityGroupIds: ["sg-0123456789abcdef0"] };
    await expect(AwsPrivateLink.create("p3", bad, { lookups: fakeLookups() })).rejects.toThrow(
      /2 problems:\n {2}allowedCidrs\[0\] = "10.0.0.1\/8": host bits are set.*\n {2}port = 0: not a TCP port/s,
    );
    await waitForRegistrations();
    expect(world.resources.filter((r) => r.type !== "test:index:Cluster")).toEqual([]);
  });

  it("a plan made while clusterId was unknown needs that clusterId to build", async () => {
    const cluster = new TestCluster("orders");
    const plan = await AwsPrivateLink.prepare("p4", args(cluster.clusterId), { lookups: fakeLookups() });
    expect(() => new AwsPrivateLink("p4", plan)).toThrow(/the plan was made while clusterId was unknown; pass that clusterId/);
    await waitForRegistrations();
    expect(world.resources.filter((r) => r.type === TYPES.component)).toEqual([]);
  });
});
