// A gcp-peering stack (an ADVANCED cluster, an existing application network) under the real runtime and provider
// host: the peering is created INACTIVE (its CockroachDB half is a Console request), a refresh after the other side
// peered back shows it ACTIVE, and destroy removes it. Nothing is registered at the Cloud API on this path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GCP_TYPES } from "../../tools/engine/fakeGcp";
import { readStackConfig } from "../../tools/engine/stackConfig";
import { type GcpHarness, ROOT, startGcpHarness } from "./gcpHarness";

const LONG = 300_000;
const REGION = "us-central1";
const NS = "crdb-private-endpoints";
const PEER = { network: "app-vpc", peerProject: "crl-prod-a1b2c3", peerNetwork: "crdb-net" };
const APP_NETWORK = "https://www.googleapis.com/compute/v1/projects/app-project-dev/global/networks/app-vpc";
const PEER_NETWORK = "https://www.googleapis.com/compute/v1/projects/crl-prod-a1b2c3/global/networks/crdb-net";

let h: GcpHarness;
beforeAll(async () => {
  // The gcp-dev stack's project, region and cluster, on the peering path (PSC-only settings left out).
  const base = readStackConfig(ROOT, "gcp-dev");
  const config = {
    "gcp:project": base["gcp:project"]!,
    "gcp:region": base["gcp:region"]!,
    [`${NS}:clusterId`]: base[`${NS}:clusterId`]!,
    [`${NS}:path`]: "gcp-peering",
    [`${NS}:peering`]: JSON.stringify(PEER),
  };
  h = await startGcpHarness({ stack: "gcp-dev", config, plan: "ADVANCED" });
}, LONG);
afterAll(async () => {
  await h?.close();
});

const regionOutputs = (outputs: Record<string, unknown>) => (outputs.regions as Record<string, Record<string, unknown>>)[REGION]!;
const peering = () => h.gcp.read(GCP_TYPES.peering, h.gcp.ids(GCP_TYPES.peering)[0]!)!;

describe("a gcp-peering stack under the real runtime and provider host", () => {
  it("up: one peering from the application network to the cluster's, INACTIVE until the Console request", async () => {
    const up = await h.engine.up();
    expect(up.steps.filter((s) => s.op !== "create")).toEqual([]);
    expect([...h.gcp.resources.values()].map((r) => r.type)).toEqual([GCP_TYPES.peering]);
    expect(peering()).toMatchObject({ network: APP_NETWORK, peerNetwork: PEER_NETWORK.replace("https://www.googleapis.com/compute/v1/", ""), state: "INACTIVE" });
    expect(regionOutputs(up.run!.outputs)).toMatchObject({ path: "gcp-peering", peeringState: "INACTIVE" });
    expect(h.cloud.connections(h.clusterId)).toEqual([]);
  }, LONG);

  it("refresh after the cluster's side peered back: the peering is ACTIVE in the state", async () => {
    h.gcp.peerFromOtherSide(PEER_NETWORK, APP_NETWORK);
    const refresh = await h.engine.refresh();
    expect(refresh.steps.find((s) => s.type === GCP_TYPES.peering)).toMatchObject({ op: "refresh", keys: ["state", "stateDetails"] });
    expect(h.engine.state.resources.find((r) => r.type === GCP_TYPES.peering)!.outputs.state).toBe("ACTIVE");
  }, LONG);

  it("destroy: the peering is gone", async () => {
    await h.engine.destroy();
    expect(h.gcp.resources.size).toBe(0);
    expect(h.gcp.events.map((e) => [e.action, e.type])).toEqual([["create", GCP_TYPES.peering], ["delete", GCP_TYPES.peering]]);
    expect(h.engine.state.resources).toEqual([]);
  }, LONG);
});
