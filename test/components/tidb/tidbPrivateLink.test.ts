// Graph tests of TidbPrivateLink under Pulumi mocks: what it registers (and what not), with which inputs, from the
// plan prepared against injected lookups.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TidbPrivateLink } from "../../../components/tidb";
import { waitForRegistrations } from "../../../tools/mocks/pulumiInternals";
import { type MockWorld, TYPES, byName, byType, setUpMocks } from "../aws/support/mocks";
import { HOST, OWNER, SERVICE, TIDB_CLUSTER, fixtureLookups } from "./support";

let world: MockWorld;
beforeAll(async () => {
  world = await setUpMocks();
});
beforeEach(() => world.reset());

const TIDB_TYPE = "crdb-private-endpoints:index:TidbPrivateLink";
const COCKROACH_TYPES = [TYPES.services, TYPES.connection, TYPES.privateDns, TYPES.component];

async function build(args: Parameters<typeof TidbPrivateLink.create>[1], lookups = fixtureLookups()) {
  const link = await TidbPrivateLink.create("tidb", args, { lookups, owner: OWNER });
  await waitForRegistrations();
  return link;
}

describe("TidbPrivateLink with a new VPC", () => {
  it("registers VPC, subnets only in the service's AZs, a security group on 4000 only, the endpoint with private DNS at creation, the wait", async () => {
    const link = await build({ clusterId: TIDB_CLUSTER, vpc: { cidrBlock: "10.60.0.0/16" } });

    const component = byType(world.resources, TIDB_TYPE);
    expect(component.map((r) => r.name)).toEqual(["tidb"]);
    const children = world.resources.filter((r) => r.parentUrn === component[0]?.urn).map((r) => r.name);
    expect(children.sort()).toEqual(
      ["tidb-vpc", "tidb-subnet-use1-az1", "tidb-subnet-use1-az2", "tidb-subnet-use1-az4", "tidb-sg", "tidb-sql-10-60-0-0-16", "tidb-endpoint", "tidb-ready"].sort(),
    );
    // The account has az3 too; the service does not: no subnet there.
    expect(byType(world.resources, TYPES.subnet).map((s) => s.inputs.availabilityZoneId)).toEqual(["use1-az1", "use1-az2", "use1-az4"]);

    const rules = byType(world.resources, TYPES.ingressRule);
    expect(rules.map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.ipProtocol, r.inputs.cidrIpv4])).toEqual([[4000, 4000, "tcp", "10.60.0.0/16"]]);
    expect(rules[0]?.inputs.description).toBe("TiDB SQL (MySQL protocol) (TCP 4000) from 10.60.0.0/16");
    expect(byName(world.resources, "tidb-sg").inputs.description).toBe(`TiDB Cloud Serverless SQL over PrivateLink to ${SERVICE}`);

    const endpoint = byName(world.resources, "tidb-endpoint");
    expect(endpoint.inputs).toMatchObject({ serviceName: SERVICE, vpcEndpointType: "Interface", privateDnsEnabled: true, region: "us-east-1" });
    expect(endpoint.inputs.subnetIds).toHaveLength(3);
    expect(endpoint.inputs.tags).toMatchObject({ Name: "tidb-endpoint", "crdb-private-endpoints:owner": OWNER });
    expect(byName(world.resources, "tidb-ready").inputs).toMatchObject({ privateDnsEnabled: true, region: "us-east-1" });

    // Nothing of CockroachDB's: no services, registration, separate private DNS step, or AwsPrivateLink.
    for (const type of COCKROACH_TYPES) expect(byType(world.resources, type)).toEqual([]);
    expect(world.resources.some((r) => /cockroach/i.test(r.type))).toBe(false);

    expect(link.plan.privateHost).toBe(HOST);
    expect(link.plan.port).toBe(4000);
    expect(link.plan.userPrefix).toBe("3ZxAbc9Def1GhiJ");
  });

  it("opens the port the cluster reports, not 4000", async () => {
    await build({ clusterId: TIDB_CLUSTER, vpc: { cidrBlock: "10.60.0.0/16" } }, fixtureLookups(undefined, { cluster: { port: 4100 } }));
    const rules = byType(world.resources, TYPES.ingressRule);
    expect(rules.map((r) => [r.inputs.fromPort, r.inputs.toPort])).toEqual([[4100, 4100]]);
  });

  it("maps AZ names the API reports to this account's AZ IDs", async () => {
    // us-east-1c is use1-az1 and us-east-1b is use1-az4 in this account (support.ts).
    await build({ clusterId: TIDB_CLUSTER, vpc: { cidrBlock: "10.60.0.0/16" } }, fixtureLookups(undefined, { cluster: { availabilityZones: ["us-east-1c", "us-east-1b"] } }));
    expect(byType(world.resources, TYPES.subnet).map((s) => s.inputs.availabilityZoneId)).toEqual(["use1-az1", "use1-az4"]);
  });
});

describe("TidbPrivateLink with an existing VPC", () => {
  const vpc = { vpcId: "vpc-0aaaaaaaaaaaaaaaa", subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa3", "subnet-0aaaaaaaaaaaaaaa4"] };

  it("uses only the given subnets in the service's AZs, and looks for endpoints to the service in that VPC", async () => {
    const log = { calls: [] as string[] };
    await build({ clusterId: TIDB_CLUSTER, vpc }, fixtureLookups(log));
    expect(byType(world.resources, TYPES.vpc)).toEqual([]);
    expect(byType(world.resources, TYPES.subnet)).toEqual([]);
    expect(byName(world.resources, "tidb-endpoint").inputs.subnetIds).toEqual(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa4"]);
    expect(log.calls).toContain(`vpcEndpointsToService vpc-0aaaaaaaaaaaaaaaa ${SERVICE} us-east-1`);
  });

  it("does not take its own endpoint (owner tag) for a second one", async () => {
    const ours = { id: "vpce-0000000000000aaaa", state: "available", privateDnsEnabled: true, tags: { "crdb-private-endpoints:owner": OWNER } };
    await build({ clusterId: TIDB_CLUSTER, vpc }, fixtureLookups(undefined, { endpoints: [ours] }));
    expect(byType(world.resources, TYPES.endpoint).map((r) => r.name)).toEqual(["tidb-endpoint"]);
  });

  it("refuses, at plan time and before registering anything, a VPC that already has an endpoint to the service", async () => {
    const other = { id: "vpce-0123456789abcdef0", state: "available", privateDnsEnabled: true, tags: { Name: "hand-made" } };
    await expect(build({ clusterId: TIDB_CLUSTER, vpc }, fixtureLookups(undefined, { endpoints: [other] }))).rejects.toThrow(
      /vpc\.vpcId = "vpc-0aaaaaaaaaaaaaaaa": the VPC already has an endpoint to com\.amazonaws\.vpce\.us-east-1\.vpce-svc-\w+: vpce-0123456789abcdef0 \(available, private DNS on\).*conflicting DNS domain.*Allowed: a VPC without an endpoint to this service, or existingEndpoint: reuse to use vpce-0123456789abcdef0\./,
    );
    expect(world.resources).toEqual([]);
  });

  it("reuses that endpoint when told: no security group, no endpoint, only the wait on the existing one", async () => {
    const other = { id: "vpce-0123456789abcdef0", state: "available", privateDnsEnabled: true, tags: {} };
    const link = await build({ clusterId: TIDB_CLUSTER, vpc, existingEndpoint: "reuse" }, fixtureLookups(undefined, { endpoints: [other] }));
    expect(world.resources.map((r) => [r.type, r.name])).toEqual([
      [TIDB_TYPE, "tidb"],
      [TYPES.ready, "tidb-ready"],
    ]);
    expect(byName(world.resources, "tidb-ready").inputs).toMatchObject({ vpcEndpointId: "vpce-0123456789abcdef0", privateDnsEnabled: true });
    expect(link.plan.reusedEndpointId).toBe("vpce-0123456789abcdef0");
    expect(link.plan.warnings.some((w) => w.startsWith("Reusing vpce-0123456789abcdef0, not created by this stack"))).toBe(true);
  });
});

describe("TidbPrivateLink with the real lookups", () => {
  it("asks the TiDB API (fake, Digest auth) and the AWS invokes (mocks), mapping the account's AZ names", async () => {
    const { startFakeTidb, fakeTidbCluster } = await import("../../../tools/fake-tidb");
    const keys = { publicKey: "PUBKEYREAL", privateKey: "real-lookup-private-key" };
    // The API lists AZ names here; this account names use1-az4 "us-east-1b" and use1-az1 "us-east-1c".
    const fake = await startFakeTidb({ keys, clusters: [fakeTidbCluster(TIDB_CLUSTER, "us-east-1", { availabilityZones: ["us-east-1b", "us-east-1c"] })] });
    const invokes: string[] = [];
    world.answerInvoke = (token, inputs) => {
      invokes.push(`${token} ${JSON.stringify(inputs)}`);
      if (token !== "aws:index/getAvailabilityZones:getAvailabilityZones") throw new Error(`unexpected ${token}`);
      return { zoneIds: ["use1-az2", "use1-az4", "use1-az1"], names: ["us-east-1a", "us-east-1b", "us-east-1c"] };
    };
    try {
      await TidbPrivateLink.create("tidb", { clusterId: TIDB_CLUSTER, region: "us-east-1", vpc: { cidrBlock: "10.60.0.0/16" } }, { tidb: { endpoint: fake.url, keys }, owner: OWNER });
      await waitForRegistrations();
    } finally {
      world.answerInvoke = undefined;
      await fake.close();
    }
    expect(fake.requests.map((r) => [r.auth, r.status])).toEqual([
      ["none", 401],
      ["digest", 200],
    ]);
    expect(invokes).toEqual(['aws:index/getAvailabilityZones:getAvailabilityZones {"region":"us-east-1","state":"available"}']);
    expect(byType(world.resources, TYPES.subnet).map((s) => s.inputs.availabilityZoneId)).toEqual(["use1-az1", "use1-az4"]);
  });

  it("registers nothing when the arguments are bad", async () => {
    await expect(TidbPrivateLink.create("tidb", { clusterId: "x", vpc: { cidrBlock: "10.60.0.0/16" } }, { lookups: fixtureLookups(), owner: OWNER })).rejects.toThrow(
      /^TidbPrivateLink "tidb": clusterId = "x": not a TiDB Cloud cluster ID\./,
    );
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
  });
});
