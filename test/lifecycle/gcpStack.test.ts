// The gcp-dev stack's whole lifecycle (Private Service Connect) under the real Pulumi runtime: the program runner
// (cmd/run) and the dynamic-provider host (cmd/dynamic-provider) as child processes speaking gRPC to our engine,
// against the fake Cloud API (the cluster seeded on GCP) and the fake GCP project on loopback, with the state in a
// JSON file between operations. The steps run in order on one stack.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { Address4 } from "ip-address";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationResult } from "../../tools/engine/lifecycle";
import { GCP_TYPES } from "../../tools/engine/fakeGcp";
import { isSecret, UNKNOWN } from "../../tools/engine/protocol";
import { readStackConfig } from "../../tools/engine/stackConfig";
import { API_KEY, type GcpHarness, ROOT, startGcpHarness } from "./gcpHarness";

const LONG = 300_000;
const CONNECTION = "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection";
const SERVICES = "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices";
const REGION = "us-central1";
const PROJECT = "app-project-dev";

let h: GcpHarness;
beforeAll(async () => {
  h = await startGcpHarness({ stack: "gcp-dev" });
}, LONG);
afterAll(async () => {
  await h?.close();
});

const mutations = () => h.cloud.requests.filter((r) => r.method !== "GET");
const rule = () => h.gcp.read(GCP_TYPES.forwardingRule, h.gcp.ids(GCP_TYPES.forwardingRule)[0]!)!;
const regionOutputs = (result: OperationResult) => (result.run!.outputs.regions as Record<string, Record<string, unknown>>)[REGION]!;
const attachment = () => (h.cloud.services(h.clusterId) as { region_name: string; endpoint_service_id: string }[]).find((s) => s.region_name === REGION)!.endpoint_service_id;
const clusterRegion = () => (h.cloud.cluster(h.clusterId) as { regions: { name: string; private_endpoint_dns: string }[] }).regions.find((r) => r.name === REGION)!;

/** Every (type, name) of the offline plan's JSON, children included. */
async function offlinePlan(): Promise<string[]> {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const { stdout } = await promisify(execFile)(tsx, ["tools/plan/main.ts", "--json", "--stack", "gcp-dev"], { cwd: ROOT, env: { ...process.env, COCKROACH_SERVER: "" } });
  type Node = { type: string; name: string; children?: Node[] };
  const flat = (nodes: Node[]): string[] => nodes.flatMap((n) => [`${n.type}::${n.name}`, ...flat(n.children ?? [])]);
  return flat((JSON.parse(stdout) as { resources: Node[] }).resources).sort();
}

describe("gcp-dev stack (Private Service Connect) under the real runtime and provider host", () => {
  it("preview: creates nothing, the rule's connection ID flows as unknown, and shows what the offline plan shows", async () => {
    const [preview, plan] = await Promise.all([h.engine.preview(), offlinePlan()]);
    expect(preview.steps.every((s) => s.op === "create")).toBe(true);
    expect(mutations()).toEqual([]);
    expect(h.gcp.resources.size).toBe(0);
    expect(fs.existsSync(h.statePath)).toBe(false);
    const regs = preview.run!.registrations;
    const endpoint = regs.find((r) => r.type === GCP_TYPES.forwardingRule)!;
    expect(endpoint.inputs).toMatchObject({ name: "crdb-analytics", loadBalancingScheme: "", allowPscGlobalAccess: true, target: attachment(), ipAddress: UNKNOWN });
    expect(regs.find((r) => r.type === CONNECTION)!.inputs.endpointId).toBe(UNKNOWN);
    const previewed = regs.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => `${r.type}::${r.name}`).sort();
    expect(previewed).toEqual(plan);
  }, LONG);

  let up: OperationResult;
  it("up: creates everything; the registration carries the rule's PSC connection ID and becomes AVAILABLE", async () => {
    up = await h.engine.up();
    expect(up.steps.filter((s) => s.op !== "create")).toEqual([]);
    const types = [...h.gcp.resources.values()].map((r) => r.type).sort();
    expect(types).toEqual([
      GCP_TYPES.address, GCP_TYPES.forwardingRule, GCP_TYPES.network, GCP_TYPES.subnetwork, GCP_TYPES.service, GCP_TYPES.service, GCP_TYPES.namespace,
    ].sort());
    const endpoint = rule();
    expect(endpoint.pscConnectionId).toMatch(/^[0-9]+$/);
    expect(endpoint).toMatchObject({ name: "crdb-analytics", target: attachment(), serviceDirectoryRegistrations: { namespace: "crdb-9a1b2c3d" } });
    // The address GCP picked is inside the subnetwork's range, and is the rule's IP.
    const address = h.gcp.read(GCP_TYPES.address, h.gcp.ids(GCP_TYPES.address)[0]!)!;
    expect(new Address4(String(address.address)).isInSubnet(new Address4("10.60.0.0/24"))).toBe(true);
    expect(endpoint.ipAddress).toBe(address.address);
    expect(address).toMatchObject({ addressType: "INTERNAL", labels: { environment: "dev", owner: "platform" } });

    const [connection] = h.cloud.connections(h.clusterId);
    expect(connection).toMatchObject({ endpoint_id: endpoint.pscConnectionId, cloud_provider: "GCP", region_name: REGION, status: "STATUS_AVAILABLE" });
    expect(h.cloud.registrations(h.clusterId, String(endpoint.pscConnectionId))).toBe(1);
    expect(h.pscEndpoints).toEqual([{ pscConnectionId: endpoint.pscConnectionId, region: REGION, target: attachment(), name: "crdb-analytics" }]);
    const registration = up.state.resources.find((r) => r.type === CONNECTION)!;
    expect(registration.outputs).toMatchObject({ endpointId: endpoint.pscConnectionId, status: "STATUS_AVAILABLE" });

    // Service Directory only after its API is on (the fake refuses otherwise); the registration after the rule.
    const createdSeq = (type: string) => h.gcp.events.filter((e) => e.action === "create" && e.type === type).map((e) => e.seq);
    expect(Math.min(...createdSeq(GCP_TYPES.namespace))).toBeGreaterThan(Math.max(...createdSeq(GCP_TYPES.service)));
    const order = up.steps.map((s) => s.type);
    expect(order.indexOf(CONNECTION)).toBeGreaterThan(order.indexOf(GCP_TYPES.forwardingRule));

    const outputs = regionOutputs(up);
    expect(clusterRegion().private_endpoint_dns).not.toBe("");
    expect(outputs).toMatchObject({
      path: "gcp-psc",
      privateSqlHost: clusterRegion().private_endpoint_dns,
      pscConnectionId: endpoint.pscConnectionId,
      endpointAddress: address.address,
      endpointName: "crdb-analytics",
      serviceAttachment: attachment(),
      networkSelfLink: `https://www.googleapis.com/compute/v1/projects/${PROJECT}/global/networks/${String(h.gcp.read(GCP_TYPES.network, h.gcp.ids(GCP_TYPES.network)[0]!)!.name)}`,
      connectionStatus: "STATUS_AVAILABLE",
    });
    expect(isSecret(outputs.connectionString)).toBe(true);
    expect((outputs.connectionString as { value: string }).value).toContain(`${clusterRegion().private_endpoint_dns}:26257`);
  }, LONG);

  it("secrets: the API key is nowhere in the state file, the provider host's stderr or the registrations", () => {
    expect(up.steps.length).toBeGreaterThan(0);
    expect(fs.readFileSync(h.statePath, "utf8")).not.toContain(API_KEY);
    expect(up.providerStderr).not.toContain(API_KEY);
    expect(JSON.stringify(up.run!.registrations)).not.toContain(API_KEY);
  });

  it("up again: every step is the same, and nothing is sent to the Cloud API or GCP", async () => {
    const before = { cloud: mutations().length, gcp: h.gcp.events.length };
    const again = await h.engine.up();
    expect(again.steps.filter((s) => s.op !== "same")).toEqual([]);
    expect({ cloud: mutations().length, gcp: h.gcp.events.length }).toEqual(before);
  }, LONG);

  it("changing the tags updates the address's labels in place and nothing else", async () => {
    const before = h.gcp.ids(GCP_TYPES.address);
    h.engine.setConfig({ ...readStackConfig(ROOT, "gcp-dev"), "crdb-private-endpoints:tags": JSON.stringify({ environment: "dev", owner: "data" }) });
    const result = await h.engine.up();
    expect(result.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.type, s.keys])).toEqual([["update", GCP_TYPES.address, ["labels"]]]);
    expect(h.gcp.ids(GCP_TYPES.address)).toEqual(before);
    expect(h.gcp.read(GCP_TYPES.address, before[0]!)!.labels).toEqual({ environment: "dev", owner: "data" });
  }, LONG);

  it("renaming the endpoint replaces the rule and its registration: the new PSC connection ID is AVAILABLE, the old one deleted", async () => {
    const old = String(rule().pscConnectionId);
    const since = h.gcp.events.length;
    h.engine.setConfig({ ...readStackConfig(ROOT, "gcp-dev"), "crdb-private-endpoints:tags": JSON.stringify({ environment: "dev", owner: "data" }), "crdb-private-endpoints:endpointName": "crdb-analytics-2" });
    const result = await h.engine.up();
    expect(result.steps.filter((s) => s.op === "replace").map((s) => s.type).sort()).toEqual([GCP_TYPES.forwardingRule, CONNECTION].sort());
    const renamed = rule();
    expect(h.gcp.ids(GCP_TYPES.forwardingRule)).toHaveLength(1);
    expect(renamed).toMatchObject({ name: "crdb-analytics-2" });
    expect(renamed.pscConnectionId).not.toBe(old);
    // The old rule goes first: the address serves one rule at a time (the fake refuses a second, as GCP does).
    const ruleEvents = h.gcp.events.slice(since).filter((e) => e.type === GCP_TYPES.forwardingRule).map((e) => [e.action, e.id.split("/").pop()]);
    expect(ruleEvents).toEqual([["delete", "crdb-analytics"], ["create", "crdb-analytics-2"]]);
    const status = Object.fromEntries(h.cloud.connections(h.clusterId).map((c) => [c.endpoint_id, c.status]));
    expect(status).toEqual({ [old]: "STATUS_REJECTED", [String(renamed.pscConnectionId)]: "STATUS_AVAILABLE" });
    expect(regionOutputs(result)).toMatchObject({ endpointName: "crdb-analytics-2", pscConnectionId: renamed.pscConnectionId });
  }, LONG);

  it("destroy: the registration is deleted before the rule, GCP is empty, the APIs stay enabled", async () => {
    const pscConnectionId = String(rule().pscConnectionId);
    const since = { cloud: h.cloudEvents.length, gcp: h.gcp.events.length };
    const result = await h.engine.destroy();
    const cloudDelete = h.cloudEvents.slice(since.cloud).find((e) => e.request.method === "DELETE" && e.request.path.endsWith(`/private-endpoint-connections/${pscConnectionId}`));
    const ruleDelete = h.gcp.events.slice(since.gcp).find((e) => e.action === "delete" && e.type === GCP_TYPES.forwardingRule);
    expect(cloudDelete?.request.status).toBe(200);
    expect(cloudDelete && ruleDelete && cloudDelete.seq < ruleDelete.seq).toBe(true);
    expect(h.gcp.resources.size).toBe(0);
    // disableOnDestroy: false, so deleting the Service resources leaves the APIs on (other workloads use them).
    expect([...h.gcp.enabledApis].sort()).toEqual([`${PROJECT}/dns.googleapis.com`, `${PROJECT}/servicedirectory.googleapis.com`]);
    // The Cloud API keeps a deleted entry as REJECTED (nothing attached): that is all that is left.
    expect(h.cloud.connections(h.clusterId).filter((c) => c.status !== "STATUS_REJECTED")).toEqual([]);
    expect(h.cloud.connections(h.clusterId).map((c) => c.endpoint_id)).toContain(pscConnectionId);
    expect(h.engine.state.resources).toEqual([]);
    expect(result.steps.map((s) => s.type)).toContain(SERVICES);
  }, LONG);
});
