// The program with target: tidb. The cluster lookup goes through the real TiDB Cloud API client to the fake TiDB API
// over loopback (Digest auth checked by the fake); AWS facts come from the test fixtures. What registers, what the
// stack outputs, and every bad TiDB config rejected (key, value, what is allowed) before anything registers.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ExistingVpcEndpoint } from "../../components/aws";
import { tidbClusterFacts, tidbServerlessClient } from "../../components/tidb";
import { type StackConfigError, runProgram } from "../../program";
import type { ProgramLookups } from "../../program/routes/types";
import { type FakeTidb, fakeTidbCluster, fakeTidbServiceName, startFakeTidb } from "../../tools/fake-tidb";
import { waitForRegistrations } from "../../tools/mocks/pulumiInternals";
import { CLUSTER_ID, EXISTING_SUBNETS, EXISTING_VPC, fakeLookups } from "../components/aws/support/fixtures";
import { type MockWorld, TYPES, byName, byType, setUpMocks, valueOf } from "../components/aws/support/mocks";
import { NS, stackConfig } from "./support";

const KEYS = { publicKey: "PUBKEYTEST", privateKey: "7c1d0a9e-1111-4222-8333-944455556666" };
const TIDB_CLUSTER = "10289758592817381";
const TIDB_TYPE = "crdb-private-endpoints:index:TidbPrivateLink";

let world: MockWorld;
let fake: FakeTidb;
beforeAll(async () => {
  world = await setUpMocks();
  fake = await startFakeTidb({ keys: KEYS, clusters: [fakeTidbCluster(TIDB_CLUSTER, "us-east-1"), fakeTidbCluster("20000000000000002", "us-west-2")] });
});
afterAll(() => fake.close());
beforeEach(async () => {
  await world.reset();
  fake.requests.length = 0;
});

const TIDB_BASE: Record<string, unknown> = {
  "aws:region": "us-east-1",
  [`${NS}:target`]: "tidb",
  [`${NS}:tidb`]: { clusterId: TIDB_CLUSTER },
  [`${NS}:vpc`]: { cidrBlock: "10.70.0.0/16" },
};

/** AWS from the fixtures, the TiDB cluster through the real client to the fake API, the VPC's endpoints as given. */
function lookups(keys = KEYS, endpoints: ExistingVpcEndpoint[] = []): Partial<ProgramLookups> {
  const client = tidbServerlessClient({ endpoint: fake.url, keys, backoffMs: 0 });
  return {
    ...fakeLookups(),
    tidbCluster: async (id) => tidbClusterFacts(id, await client.getCluster(id)),
    accountZones: async (region) => {
      const prefix = region === "us-east-1" ? "use1" : "usw2";
      return { zoneIds: [1, 2, 3, 4].map((n) => `${prefix}-az${n}`), names: ["a", "b", "c", "d"].map((l) => `${region}${l}`) };
    },
    vpcEndpointsToService: async () => endpoints,
  };
}

async function run(changes: Record<string, unknown>, programLookups = lookups()) {
  const outputs = await runProgram({ config: stackConfig(changes, TIDB_BASE), lookups: programLookups });
  await valueOf(pulumi.output(outputs));
  await waitForRegistrations();
  return outputs;
}

async function issuesOf(changes: Record<string, unknown>, programLookups = lookups()): Promise<string[]> {
  const err = await run(changes, programLookups).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect((err as Error)?.name).toBe("StackConfigError");
  expect(world.resources).toEqual([]);
  return (err as StackConfigError).issues.map((i) => `${i.key} = ${JSON.stringify(i.value)}: ${i.reason}. Allowed: ${i.allowed}`);
}

describe("the program with target: tidb", () => {
  it("looks the service up in the TiDB API (Digest auth) and builds one TidbPrivateLink, nothing of CockroachDB's", async () => {
    const outputs = await run({});
    expect(fake.requests.map((r) => [r.path, r.auth, r.status])).toEqual([
      [`/v1beta1/clusters/${TIDB_CLUSTER}?view=BASIC`, "none", 401],
      [`/v1beta1/clusters/${TIDB_CLUSTER}?view=BASIC`, "digest", 200],
    ]);
    expect(byType(world.resources, TIDB_TYPE).map((r) => r.name)).toEqual(["tidb-us-east-1"]);
    for (const type of [TYPES.component, TYPES.services, TYPES.connection, TYPES.privateDns]) expect(byType(world.resources, type)).toEqual([]);
    expect(byName(world.resources, "tidb-us-east-1-endpoint").inputs).toMatchObject({ serviceName: fakeTidbServiceName("us-east-1"), privateDnsEnabled: true });
    expect(byType(world.resources, TYPES.ingressRule).map((r) => [r.inputs.fromPort, r.inputs.toPort])).toEqual([[4000, 4000]]);

    const region = (await valueOf(pulumi.output(outputs.regions["us-east-1"]))) as Record<string, unknown>;
    expect(region).toMatchObject({
      privateHost: "gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com",
      sqlPort: 4000,
      user: "3ZxAbc9Def1GhiJ.root",
      sslCa: "/etc/ssl/certs/ca-certificates.crt",
      mysqlCommand:
        "mysql -u '3ZxAbc9Def1GhiJ.root' -h gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com -P 4000 -D test " +
        "--ssl-mode=VERIFY_IDENTITY --ssl-ca=/etc/ssl/certs/ca-certificates.crt -p",
    });
    expect(outputs.cluster).toBeUndefined();
  });

  it("takes the connection settings for the example: user after the prefix, database, the OS's CA bundle", async () => {
    const outputs = await run({ connection: { user: "app", database: "orders", os: "redhat" } });
    const region = (await valueOf(pulumi.output(outputs.regions["us-east-1"]))) as Record<string, unknown>;
    expect(region.mysqlCommand).toBe(
      "mysql -u '3ZxAbc9Def1GhiJ.app' -h gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com -P 4000 -D orders " +
        "--ssl-mode=VERIFY_IDENTITY --ssl-ca=/etc/pki/tls/certs/ca-bundle.crt -p",
    );
  });

  it("with the service given, asks the TiDB API nothing", async () => {
    await run({
      tidb: { service: { serviceName: fakeTidbServiceName("us-east-1"), availabilityZones: ["us-east-1a", "use1-az4"], host: "gw.example.com", port: 4001 } },
    });
    expect(fake.requests).toEqual([]);
    expect(byType(world.resources, TYPES.subnet).map((r) => r.inputs.availabilityZoneId)).toEqual(["use1-az1", "use1-az4"]);
    expect(byType(world.resources, TYPES.ingressRule).map((r) => r.inputs.fromPort)).toEqual([4001]);
  });

  it("builds each regions entry from its own cluster, named tidb-<region>", async () => {
    await run({
      tidb: undefined,
      vpc: undefined,
      regions: [
        { region: "us-east-1", tidb: { clusterId: TIDB_CLUSTER }, vpc: { cidrBlock: "10.70.0.0/16" } },
        { region: "us-west-2", tidb: { clusterId: "20000000000000002" }, vpc: { cidrBlock: "10.71.0.0/16" } },
      ],
    });
    expect(byType(world.resources, TIDB_TYPE).map((r) => r.name)).toEqual(["tidb-us-east-1", "tidb-us-west-2"]);
    expect(byName(world.resources, "tidb-us-west-2-endpoint").inputs.serviceName).toBe(fakeTidbServiceName("us-west-2"));
  });
});

describe("the program with target: tidb, refusing", () => {
  it("a refused key pair (401) and a cluster the key cannot see (404), each on its key, told apart", async () => {
    const refused = await issuesOf({}, lookups({ ...KEYS, privateKey: "not-the-private-key" }));
    expect(refused).toEqual([expect.stringMatching(/^crdb-private-endpoints:tidb\.clusterId = "10289758592817381": could not be looked up \(TiDB Cloud API GetCluster for cluster 10289758592817381 failed with HTTP 401: .*check TIDBCLOUD_PUBLIC_KEY and TIDBCLOUD_PRIVATE_KEY/)]);
    expect(refused[0]).not.toContain("not-the-private-key");
    expect(fake.requests.map((r) => [r.auth, r.status, r.authProblem])).toEqual([
      ["none", 401, "no digest credentials"],
      ["digest", 401, "wrong response (private key)"],
    ]);

    fake.requests.length = 0;
    const missing = await issuesOf({ tidb: { clusterId: "404" } });
    expect(missing).toEqual([expect.stringMatching(/^crdb-private-endpoints:tidb\.clusterId = "404": could not be looked up \(.*HTTP 404: cluster 404 not found\. No cluster 404 is visible to this API key/)]);
    expect(fake.requests.map((r) => [r.auth, r.status])).toEqual([
      ["none", 401],
      ["digest", 404],
    ]);
  });

  it("every bad TiDB setting at once, before any lookup", async () => {
    const issues = await issuesOf({
      clusterId: CLUSTER_ID,
      trustedOwners: ["123456789012"],
      // As YAML reads an unquoted ID: a number, its last digits already lost.
      tidb: { clusterId: Number("10289758592817381"), existingEndpoint: "adopt", cluster: "x" },
      port: 0,
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'crdb-private-endpoints:tidb.clusterId = 10289758592817380: is a number; YAML numbers lose the digits of long IDs, so quote it. Allowed: the cluster\'s numeric ID as a quoted string, e.g. "10289758592817381"',
        expect.stringMatching(/^crdb-private-endpoints:tidb\.existingEndpoint = "adopt": .*Allowed: refuse or reuse/),
        expect.stringMatching(/^crdb-private-endpoints:tidb\.cluster = "x": /),
        expect.stringMatching(/^crdb-private-endpoints:port = 0: /),
        expect.stringMatching(/^crdb-private-endpoints:trustedOwners = \["123456789012"\]: is a CockroachDB setting, and the stack's target is tidb/),
        expect.stringMatching(/^crdb-private-endpoints:clusterId = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d": is a CockroachDB cluster's ID.*Allowed: tidb\.clusterId/),
      ]),
    );
    expect(issues).toHaveLength(6);
    expect(fake.requests).toEqual([]);
  });

  it("a region without tidb.clusterId or tidb.service", async () => {
    expect(await issuesOf({ tidb: undefined })).toEqual([
      "crdb-private-endpoints:tidb.clusterId = undefined: is required when service is not given. Allowed: the TiDB Cloud Serverless cluster's ID (its service is looked up), or service: {serviceName, availabilityZones, host}",
    ]);
  });

  it("an existing VPC that already has an endpoint to TiDB's service, at plan time", async () => {
    const stranger = { id: "vpce-0123456789abcdef0", state: "available", privateDnsEnabled: true, tags: {} };
    const issues = await issuesOf(
      { vpc: { vpcId: EXISTING_VPC.id, subnetIds: EXISTING_SUBNETS.slice(0, 2).map((s) => s.id) } },
      lookups(KEYS, [stranger]),
    );
    expect(issues).toEqual([expect.stringMatching(/^crdb-private-endpoints:vpc\.vpcId = "vpc-[0-9a-f]+": the VPC already has an endpoint to .*vpce-0123456789abcdef0 .*Allowed: .*existingEndpoint: reuse/)]);
  });

  it("the tidb key on a CockroachDB stack", async () => {
    const err = await runProgram({ config: stackConfig({ tidb: { clusterId: TIDB_CLUSTER } }), lookups: lookups() }).catch((e: StackConfigError) => e);
    expect((err as StackConfigError).issues.map((i) => [i.key, i.reason])).toEqual([["crdb-private-endpoints:tidb", "is not a setting of the aws path, which us-east-1 uses"]]);
  });
});
