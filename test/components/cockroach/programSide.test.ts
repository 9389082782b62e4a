// What runs in the program process: the resources as a program registers them (under Pulumi mocks: type tokens,
// inputs, a __provider without the key) and the lookups (pulumiverse-shaped results, stack config as settings).
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AllowList,
  CockroachCloudClient,
  getClusterCert,
  getClusterCertOutput,
  getCockroachCluster,
  getCockroachClusterOutput,
  getConnectionString,
  getPrivateEndpointServices,
  getPrivateEndpointServicesOutput,
  PrivateEndpointConnection,
  PrivateEndpointServices,
  PrivateEndpointTrustedOwner,
} from "../../../components/cockroach";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { API_KEY, CLUSTERS, FAST, startFake } from "./support";

const CANARY_KEY = "CCDB1_mock-registration-canary-0a9b8c";
const registered: pulumi.runtime.MockResourceArgs[] = [];
/** What each resource handed to the closure serializer: the provider instance whose code goes into `__provider`. */
const serialized: unknown[] = [];

/**
 * Serializing the four providers for real costs seconds, and serializedProviders.test.ts already serializes each of
 * them, loads the text and checks that the key is absent. Here the serializer is replaced by a recorder: the test
 * checks that each resource hands its own provider class to it and stores the result as `__provider`.
 */
function recordProviderSerialization(): void {
  const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure") as {
    serializeFunction: (fn: () => unknown, options?: unknown) => Promise<unknown>;
  };
  closure.serializeFunction = async (fn) => {
    serialized.push(fn());
    return { text: `exports.handler = /* provider ${serialized.length} */ undefined;`, exportName: "handler", containsSecrets: false };
  };
}

const promiseOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

beforeAll(async () => {
  process.env.COCKROACH_API_KEY = CANARY_KEY;
  recordProviderSerialization();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "crdb-test",
    "dev",
    false,
  );
});

describe("dynamic resources under mocks", () => {
  it("register with the cockroach type tokens, their inputs, and their own provider as __provider, without the key", async () => {
    const services = new PrivateEndpointServices("svc", { clusterId: CLUSTERS.standardAws });
    const connection = new PrivateEndpointConnection("conn", { clusterId: CLUSTERS.standardAws, endpointId: "vpce-0123456789abcdef0" });
    const owner = new PrivateEndpointTrustedOwner("owner", {
      clusterId: CLUSTERS.standardAws,
      type: "AWS_ACCOUNT_ID",
      externalOwnerId: "012345678901",
    });
    const allow = new AllowList("office", { clusterId: CLUSTERS.standardAws, cidrIp: "203.0.113.0", cidrMask: 24, sql: true, ui: false });
    await Promise.all([services, connection, owner, allow].map((r) => promiseOf(r.id)));

    const byName = Object.fromEntries(registered.map((r) => [r.name, r]));
    expect(byName.svc?.type).toBe("pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices");
    expect(byName.conn?.type).toBe("pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection");
    expect(byName.owner?.type).toBe("pulumi-nodejs:dynamic/cockroach:PrivateEndpointTrustedOwner");
    expect(byName.office?.type).toBe("pulumi-nodejs:dynamic/cockroach:AllowList");

    expect(byName.svc?.inputs).toMatchObject({ clusterId: CLUSTERS.standardAws });
    expect(byName.conn?.inputs).toMatchObject({ clusterId: CLUSTERS.standardAws, endpointId: "vpce-0123456789abcdef0" });
    expect(byName.owner?.inputs).toMatchObject({ type: "AWS_ACCOUNT_ID", externalOwnerId: "012345678901" });
    expect(byName.office?.inputs).toMatchObject({ cidrIp: "203.0.113.0", cidrMask: 24, sql: true, ui: false });
    expect(serialized.map((p) => (p as object).constructor.name).sort()).toEqual([
      "AllowListProvider",
      "PrivateEndpointConnectionProvider",
      "PrivateEndpointServicesProvider",
      "PrivateEndpointTrustedOwnerProvider",
    ]);
    for (const args of registered) {
      expect(args.inputs.__provider).toMatch(/^exports\.handler = \/\* provider \d \*\/ undefined;$/);
      expect(JSON.stringify(args.inputs)).not.toContain(CANARY_KEY);
    }
    // Nor does any provider instance hold the key (its tuning and configured settings are all it carries).
    expect(JSON.stringify(serialized)).not.toContain(CANARY_KEY);

    // Outputs are declared, not class fields, so they are real outputs (a field would have clobbered them).
    expect(pulumi.Output.isInstance(connection.status)).toBe(true);
    expect(await promiseOf(connection.endpointId)).toBe("vpce-0123456789abcdef0");
    expect(await promiseOf(allow.cidrMask)).toBe(24);
  });
});

describe("lookup Output forms", () => {
  it("resolve against the Cloud API", async () => {
    const fake = await startFake({
      clusters: [{ id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] }],
    });
    const client = new CockroachCloudClient({ rateLimit: FAST.rateLimit });
    const cluster = await promiseOf(getCockroachClusterOutput({ id: pulumi.output(CLUSTERS.standardAws) }, { client }));
    expect(cluster).toMatchObject({ id: CLUSTERS.standardAws, plan: "STANDARD" });
    const services = await promiseOf(getPrivateEndpointServicesOutput({ clusterId: CLUSTERS.standardAws }, { client }));
    expect(services.servicesMap["us-east-1"]?.status).toBe("AVAILABLE");
    const cert = await promiseOf(getClusterCertOutput({ id: CLUSTERS.standardAws }, { client }));
    expect(cert.cert).toMatch(/BEGIN CERTIFICATE/);
    expect(fake.requests).toHaveLength(3);
  });
});

const client = () => new CockroachCloudClient({ rateLimit: FAST.rateLimit });
const CLUSTERS_SEED: FakeClusterSeed[] = [
  { id: CLUSTERS.standardAws, name: "std", plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }, { name: "us-west-2" }] },
  { id: CLUSTERS.advancedGcp, name: "adv", plan: "ADVANCED", cloudProvider: "GCP", regions: [{ name: "us-east4" }], servicesExist: true },
];

describe("lookups", () => {
  it("getCockroachCluster maps a Standard AWS cluster like the pulumiverse SDK", async () => {
    const fake = await startFake({ clusters: [...CLUSTERS_SEED] });
    const cluster = await getCockroachCluster({ id: CLUSTERS.standardAws }, { client: client() });
    const wire = fake.cluster(CLUSTERS.standardAws) as { regions: { internal_dns: string; private_endpoint_dns: string }[]; creator_id: string };
    expect(cluster).toMatchObject({
      id: CLUSTERS.standardAws,
      name: "std",
      cloudProvider: "AWS",
      plan: "STANDARD",
      state: "CREATED",
      operationStatus: "UNSPECIFIED",
      upgradeStatus: "FINALIZED",
      creatorId: wire.creator_id,
      deleteProtection: false,
    });
    expect(cluster.regions.map((r) => r.name)).toEqual(["us-east-1", "us-west-2"]);
    expect(cluster.regions[0]).toMatchObject({
      internalDns: wire.regions[0]!.internal_dns,
      privateEndpointDns: wire.regions[0]!.private_endpoint_dns,
      nodeCount: 0,
      primary: true,
    });
    expect(cluster.serverless).toMatchObject({ usageLimits: { provisionedVirtualCpus: 2 } });
    expect(cluster.dedicated).toBeUndefined();
  });

  it("getCockroachCluster maps an Advanced GCP cluster's dedicated config", async () => {
    await startFake({ clusters: [...CLUSTERS_SEED] });
    const cluster = await getCockroachCluster({ id: CLUSTERS.advancedGcp }, { client: client() });
    expect(cluster.serverless).toBeUndefined();
    expect(cluster.dedicated).toEqual({
      machineType: "n2-standard-4",
      numVirtualCpus: 4,
      storageGib: 150,
      memoryGib: 16,
      diskIops: 0,
      cidrRange: "172.28.0.0/14",
      privateNetworkVisibility: false,
    });
    expect(cluster.regions[0]?.nodeCount).toBe(3);
  });

  it("getPrivateEndpointServices lists without creating or waiting", async () => {
    const fake = await startFake({ clusters: [...CLUSTERS_SEED] });
    const result = await getPrivateEndpointServices({ clusterId: CLUSTERS.standardAws }, { client: client() });
    expect(result.clusterId).toBe(CLUSTERS.standardAws);
    expect(Object.keys(result.servicesMap).sort()).toEqual(["us-east-1", "us-west-2"]);
    expect(result.services[0]).toMatchObject({ cloudProvider: "AWS", status: "AVAILABLE" });
    expect(fake.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("getConnectionString and getClusterCert mirror the pulumiverse functions", async () => {
    const fake = await startFake({ clusters: [...CLUSTERS_SEED] });
    const result = await getConnectionString({ id: CLUSTERS.standardAws, sqlUser: "app", os: "LINUX" }, { client: client() });
    expect(result).toMatchObject({ id: CLUSTERS.standardAws, database: "defaultdb", sqlUser: "app", os: "LINUX" });
    expect(result.connectionString).toMatch(/^postgresql:\/\/app@.*:26257\/defaultdb/);
    expect(result.connectionParams).toMatchObject({ port: "26257", database: "defaultdb", username: "app" });
    expect(fake.requests[0]?.query).toMatchObject({ database: "defaultdb", sql_user: "app", os: "LINUX" });
    const cert = await getClusterCert({ id: CLUSTERS.standardAws }, { client: client() });
    expect(cert).toEqual({ id: CLUSTERS.standardAws, cert: expect.stringMatching(/^-----BEGIN CERTIFICATE-----/) });
  });

  it("without a client, read cockroach:apikey and cockroach:server from stack config, which wins over env", async () => {
    const fake = await startFake({ clusters: [...CLUSTERS_SEED] });
    // Nothing listens there: a request that went to the env server would fail.
    process.env.COCKROACH_SERVER = "http://127.0.0.1:9";
    process.env.COCKROACH_API_KEY = "not-the-key";
    pulumi.runtime.setAllConfig({ "cockroach:apikey": API_KEY, "cockroach:server": fake.url }, ["cockroach:apikey"]);
    const cluster = await getCockroachCluster({ id: CLUSTERS.advancedGcp });
    expect(cluster.plan).toBe("ADVANCED");
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${API_KEY}`);
  });
});
