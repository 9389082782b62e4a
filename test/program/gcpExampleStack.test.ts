// The GCP example stack's URNs are pinned as the AWS ones are: once deployed, an upgrade must rename or re-parent
// nothing. Its stack file is read as Pulumi hands config to the program; the cluster comes from the GCP fixtures.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as yaml from "js-yaml";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runProgram } from "../../program";
import { runtimeConfigOf } from "../../program/config/stackFile";
import { FAKE_CLUSTER_CA_PEM } from "../../tools/fake-cloud/cert";
import { waitForRegistrations } from "../../tools/mocks/pulumiInternals";
import { cloudLookups } from "../components/gcp/support/fixtures";
import { type GcpTestWorld, setUpGcpMocks, valueOf } from "../components/gcp/support/world";

const ROOT = path.resolve(__dirname, "../..");
const PSC = "crdb-private-endpoints:index:GcpPrivateServiceConnect";

const GCP_DEV_URNS = [
  `${PSC}::crdb-us-central1`,
  `${PSC}$gcp:compute/address:Address::crdb-us-central1-address`,
  `${PSC}$gcp:compute/forwardingRule:ForwardingRule::crdb-us-central1-endpoint`,
  `${PSC}$gcp:compute/network:Network::crdb-us-central1-network`,
  `${PSC}$gcp:compute/subnetwork:Subnetwork::crdb-us-central1-subnet`,
  `${PSC}$gcp:projects/service:Service::crdb-us-central1-api-dns`,
  `${PSC}$gcp:projects/service:Service::crdb-us-central1-api-servicedirectory`,
  `${PSC}$gcp:servicedirectory/namespace:Namespace::crdb-us-central1-namespace`,
  `${PSC}$pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection::crdb-us-central1-connection`,
  "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices::crdb-services-9a1b2c3d-0000-4000-8000-000000000001",
];

let world: GcpTestWorld;
beforeAll(async () => {
  world = await setUpGcpMocks();
});
beforeEach(() => world.reset());

describe("the GCP example stack's URNs", () => {
  it("Pulumi.gcp-dev.yaml", async () => {
    const config = runtimeConfigOf(yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.gcp-dev.yaml"), "utf8"))).config;
    const outputs = await runProgram({ config, lookups: cloudLookups().lookups, env: {}, clusterCa: async () => FAKE_CLUSTER_CA_PEM });
    await valueOf(pulumi.output(outputs.regions));
    await waitForRegistrations();
    expect(world.resources.map((r) => r.urn.split("::").slice(2).join("::")).sort()).toEqual([...GCP_DEV_URNS].sort());
  });
});
