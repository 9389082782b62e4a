// The program with GCP regions: the gcp-psc and gcp-peering routes of the CockroachDB target, their outputs, and
// every bad GCP config rejected with key, value and what is allowed, before anything is registered.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StackConfigError, runProgram } from "../../program";
import type { StackOutputs } from "../../program";
import { FAKE_CLUSTER_CA_PEM } from "../../tools/fake-cloud/cert";
import { waitForRegistrations } from "../../tools/mocks/pulumiInternals";
import { ATTACHMENT, GCP_CLUSTER_ID, PRIVATE_HOST, cloudLookups } from "../components/gcp/support/fixtures";
import { GCP_TYPES, type GcpTestWorld, byName, dependsOnNames, setUpGcpMocks, valueOf } from "../components/gcp/support/world";
import { GCP_BAD_CONFIGS, gcpConfig } from "./gcpBadConfigCases";

let world: GcpTestWorld;
beforeAll(async () => {
  world = await setUpGcpMocks();
});
beforeEach(() => world.reset());

async function run(config: Record<string, string>, lookups = cloudLookups().lookups): Promise<StackOutputs> {
  // Advanced: the CA is fetched after deploy; never from the network in a test.
  const outputs = await runProgram({ config, lookups, env: {}, clusterCa: async () => FAKE_CLUSTER_CA_PEM });
  await valueOf(pulumi.output(outputs));
  await waitForRegistrations();
  return outputs;
}

const SERVICES = `crdb-services-${GCP_CLUSTER_ID}`;
const noCa = () => Promise.reject(new Error("a rejected config fetches no CA"));
const PEERING = { network: "app-vpc", peerProject: "crl-prod-a1b2c3", peerNetwork: "crdb-net" };

describe("the program on GCP", () => {
  it("builds one GcpPrivateServiceConnect for gcp:region (the default path of a GCP region), sharing the cluster's services", async () => {
    const outputs = await run(gcpConfig({ endpointName: "crdb-analytics" }));
    expect(world.resources.filter((r) => r.type === GCP_TYPES.psc).map((r) => r.name)).toEqual(["crdb-us-central1"]);
    const services = byName(world.resources, SERVICES);
    expect(services.parentUrn).toBeUndefined();
    expect(world.resources.filter((r) => r.type === GCP_TYPES.services)).toHaveLength(1);
    expect(byName(world.resources, "crdb-us-central1-endpoint").inputs).toMatchObject({ name: "crdb-analytics", target: ATTACHMENT, project: "app-project-dev" });
    const region = outputs.regions["us-central1"] as Record<string, pulumi.Output<unknown>>;
    expect(await valueOf(region.privateSqlHost as pulumi.Output<string>)).toBe(PRIVATE_HOST);
    expect(await valueOf(region.pscConnectionId as pulumi.Output<string>)).toBe("6133183410995353");
    expect(region.path).toBe("gcp-psc");
    expect(region.sqlPort).toBe(26257);
    const connectionString = region.connectionString as pulumi.Output<string>;
    expect(await pulumi.isSecret(connectionString)).toBe(true);
    expect(await valueOf(connectionString)).toBe(`postgresql://${PRIVATE_HOST}:26257/defaultdb?sslmode=verify-full&sslrootcert=analytics-ca.crt`);
  });

  it("labels the address with the stack's tags", async () => {
    await run(gcpConfig({ tags: { environment: "dev" } }));
    expect(byName(world.resources, "crdb-us-central1-address").inputs.labels).toEqual({ environment: "dev" });
  });

  it("builds PSC and peering regions side by side; peerings wait for the ones before them", async () => {
    const config = gcpConfig({
      "gcp:region": undefined,
      network: undefined,
      regions: [
        { region: "us-central1", network: { subnetCidr: "10.60.0.0/24" } },
        { region: "europe-west1", path: "gcp-peering", peering: PEERING },
        { region: "us-east1", path: "gcp-peering", peering: { ...PEERING, network: "batch-vpc", peeringName: "crdb-batch" } },
      ],
    });
    const cluster = cloudLookups().lookups;
    const threeRegions = {
      ...cluster,
      gcpCluster: async (id: string) => {
        const facts = await (cluster.gcpCluster as (id: string) => Promise<import("../../components/gcp").GcpClusterFacts>)(id);
        return { ...facts, regions: [...facts.regions, { name: "us-east1", internalDns: "internal-analytics-5e1f2.gcp-us-east1.cockroachlabs.cloud", privateEndpointDns: "" }] };
      },
    };
    const outputs = await run(config, threeRegions);
    expect(world.resources.filter((r) => r.type === GCP_TYPES.peeringComponent).map((r) => r.name)).toEqual(["crdb-europe-west1", "crdb-us-east1"]);
    expect(dependsOnNames(byName(world.resources, "crdb-europe-west1-peering"))).toEqual([]);
    expect(dependsOnNames(byName(world.resources, "crdb-us-east1-peering"))).toEqual(["crdb-europe-west1-peering"]);
    const eu = outputs.regions["europe-west1"] as Record<string, pulumi.Output<string>>;
    expect(await valueOf(eu.peeringState as pulumi.Output<string>)).toBe("INACTIVE");
    expect(await valueOf(eu.privateSqlHost as pulumi.Output<string>)).toBe("internal-analytics-5e1f2.gcp-europe-west1.cockroachlabs.cloud");
    expect(byName(world.resources, "crdb-us-east1-peering").inputs).toMatchObject({ name: "crdb-batch", peerNetwork: "projects/crl-prod-a1b2c3/global/networks/crdb-net" });
  });

  it("looks the cluster up once for all its regions", async () => {
    const { lookups, calls } = cloudLookups();
    await run(
      gcpConfig({ "gcp:region": undefined, network: undefined, regions: [{ region: "us-central1", network: { subnetCidr: "10.60.0.0/24" } }, { region: "europe-west1", network: { subnetCidr: "10.61.0.0/24" } }] }),
      lookups,
    );
    expect(calls.sort()).toEqual([`cluster ${GCP_CLUSTER_ID}`, `services ${GCP_CLUSTER_ID}`]);
  });
});

describe("bad GCP stack configs", () => {
  it("has at least 20 cases", () => {
    expect(GCP_BAD_CONFIGS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(GCP_BAD_CONFIGS)("$name: names $key, its value and what is allowed; registers nothing", async (bad) => {
    world.gcp = bad.networks ? { networks: bad.networks } : {};
    const error = await runProgram({ config: bad.config, lookups: bad.lookups ?? cloudLookups().lookups, env: {}, clusterCa: noCa }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StackConfigError);
    const issue = (error as StackConfigError).issues.find((i) => i.key === bad.key);
    expect(issue, `${bad.key} in\n${(error as Error).message}`).toBeDefined();
    expect((error as Error).message).toContain(`${bad.key} = ${bad.value}: `);
    expect(issue?.reason).toMatch(bad.reason);
    expect(issue?.allowed).toMatch(bad.allowed);
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
  });

  it("reports problems of every kind together", async () => {
    const config = gcpConfig({ dns: "private", endpointName: "Bad", "gcp:project": "123456789012", network: { subnetCidr: "10.60.0.1/24" } });
    const error = (await runProgram({ config, lookups: cloudLookups().lookups, env: {}, clusterCa: noCa }).catch((e: unknown) => e)) as StackConfigError;
    expect(error.issues.map((i) => i.key).sort()).toEqual([
      "crdb-private-endpoints:dns",
      "crdb-private-endpoints:endpointName",
      "crdb-private-endpoints:network.subnetCidr",
      "gcp:project",
    ]);
  });
});
