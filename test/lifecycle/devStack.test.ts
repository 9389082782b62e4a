// The dev stack's whole lifecycle under the real Pulumi runtime: the program runner (cmd/run) and the dynamic-provider
// host (cmd/dynamic-provider) as child processes speaking gRPC to our engine, against the fake Cloud API and fake
// AWS on loopback, with the state in a JSON file between operations. The steps run in order on one stack.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Step } from "../../tools/engine/deployment";
import type { OperationResult } from "../../tools/engine/lifecycle";
import { isSecret, UNKNOWN } from "../../tools/engine/protocol";
import { API_KEY, CLUSTER_ID, config, DEV, type Harness, ROOT, startHarness } from "./harness";

const LONG = 300_000;
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const CONNECTION = "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection";
const SERVICES = "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ stack: "dev", config: config(DEV), regions: ["us-east-1"] });
}, LONG);
afterAll(async () => {
  await h?.close();
});

const names = (steps: Step[], op?: Step["op"]) =>
  steps.filter((s) => !op || s.op === op).map((s) => s.urn.split("::").pop()!).sort();
const mutations = () => h.cloud.requests.filter((r) => r.method !== "GET");
const endpointId = () => h.aws.ids(ENDPOINT)[0]!;

/** Every (type, name) of the offline plan's JSON, children included. */
async function offlinePlan(): Promise<string[]> {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const { stdout } = await promisify(execFile)(tsx, ["tools/plan/main.ts", "--json", "--stack", "dev"], { cwd: ROOT, env: { ...process.env, COCKROACH_SERVER: "" } });
  type Node = { type: string; name: string; children?: Node[] };
  const flat = (nodes: Node[]): string[] => nodes.flatMap((n) => [`${n.type}::${n.name}`, ...flat(n.children ?? [])]);
  return flat((JSON.parse(stdout) as { resources: Node[] }).resources).sort();
}

describe("dev stack lifecycle under the real runtime and provider host", () => {
  it("preview: creates nothing, unknowns flow, and shows what the offline plan shows", async () => {
    const [preview, plan] = await Promise.all([h.engine.preview(), offlinePlan()]);
    expect(preview.steps.every((s) => s.op === "create")).toBe(true);
    expect(mutations()).toEqual([]);
    expect(h.aws.resources.size).toBe(0);
    expect(fs.existsSync(h.statePath)).toBe(false);
    const regs = preview.run!.registrations;
    const endpoint = regs.find((r) => r.type === ENDPOINT)!;
    expect(endpoint.inputs.vpcId).toBe(UNKNOWN);
    expect(endpoint.inputs.subnetIds).toEqual([UNKNOWN, UNKNOWN, UNKNOWN]);
    expect(regs.find((r) => r.type === CONNECTION)!.inputs.endpointId).toBe(UNKNOWN);
    const previewed = regs.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => `${r.type}::${r.name}`).sort();
    expect(previewed).toEqual(plan);
  }, LONG);

  let up: OperationResult;
  it("up: creates everything, the registration is accepted, then private DNS, then the readiness wait passes", async () => {
    up = await h.engine.up();
    expect(up.steps.filter((s) => s.op !== "create")).toEqual([]);
    expect(up.steps).toHaveLength(13);
    const [connection] = h.cloud.connections(CLUSTER_ID);
    expect(connection).toMatchObject({ endpoint_id: endpointId(), status: "STATUS_AVAILABLE", region_name: "us-east-1" });
    expect(h.cloud.registrations(CLUSTER_ID, endpointId())).toBe(1);
    // Private DNS is switched on only after CockroachDB accepted the endpoint (the connection step completed).
    const order = up.steps.map((s) => s.urn.split("::").pop());
    expect(order.indexOf("crdb-us-east-1-private-dns")).toBeGreaterThan(order.indexOf("crdb-us-east-1-connection"));
    expect(order.indexOf("crdb-us-east-1-ready")).toBeGreaterThan(order.indexOf("crdb-us-east-1-private-dns"));
    expect(h.aws.read(ENDPOINT, endpointId())).toMatchObject({ privateDnsEnabled: true });
    // The readiness wait asked the fake EC2 itself, signed with the fake credentials.
    expect(h.ec2.requests.some((r) => r.action === "DescribeVpcEndpoints" && r.accessKeyId === "AKIAFAKELIFECYCLE0001")).toBe(true);
    const ready = up.state.resources.find((r) => r.type === "pulumi-nodejs:dynamic/aws:VpcEndpointReady")!;
    expect(ready.outputs).toMatchObject({ state: "available", privateDnsEnabled: true });
    expect(up.run!.outputs).toMatchObject({ regions: { "us-east-1": { endpointId: endpointId(), connectionStatus: "STATUS_AVAILABLE" } } });
  }, LONG);

  it("secrets: the API key (a secret stack config value) is nowhere in the state file", () => {
    const text = fs.readFileSync(h.statePath, "utf8");
    expect(text).not.toContain(API_KEY);
    expect(up.steps.length).toBeGreaterThan(0);
    expect(up.providerStderr).not.toContain(API_KEY);
    expect(JSON.stringify(up.run!.registrations)).not.toContain(API_KEY);
  });

  it("secrets: the connection string reaches the engine as a secret stack output", () => {
    const region = (up.run!.outputs.regions as Record<string, Record<string, unknown>>)["us-east-1"]!;
    expect(isSecret(region.connectionString)).toBe(true);
    expect(isSecret(region.privateSqlHost)).toBe(false);
  });

  it("up again: every Diff says no change, and nothing is sent to either cloud", async () => {
    const before = { cloud: mutations().length, aws: h.aws.events.length };
    const again = await h.engine.up();
    expect(again.steps.filter((s) => s.op !== "same")).toEqual([]);
    expect({ cloud: mutations().length, aws: h.aws.events.length }).toEqual(before);
  }, LONG);

  it("adding an allowed CIDR creates one ingress rule and replaces nothing", async () => {
    h.engine.setConfig(config({ ...DEV, allowedCidrs: ["10.40.0.0/16", "10.50.0.0/16"] }));
    const result = await h.engine.up();
    expect(result.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.urn.split("::").pop()])).toEqual([
      ["create", "crdb-us-east-1-sql-10-50-0-0-16"],
    ]);
  }, LONG);

  it("changing a tag updates the tagged AWS resources in place and nothing else", async () => {
    h.engine.setConfig(config({ ...DEV, allowedCidrs: ["10.40.0.0/16", "10.50.0.0/16"], tags: { environment: "dev", owner: "data" } }));
    const result = await h.engine.up();
    const changed = result.steps.filter((s) => s.op !== "same");
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((s) => s.op === "update" && s.type.startsWith("aws:") && s.keys.includes("tags"))).toBe(true);
    expect(names(changed)).toContain("crdb-us-east-1-vpc");
  }, LONG);

  it("refresh shows a registration rejected outside Pulumi, and the next up re-attaches it", async () => {
    h.cloud.setConnectionStatus(CLUSTER_ID, endpointId(), "STATUS_REJECTED");
    const refresh = await h.engine.refresh();
    const drift = refresh.steps.find((s) => s.type === CONNECTION)!;
    expect(drift).toMatchObject({ op: "refresh", keys: ["status"] });
    expect(h.engine.state.resources.find((r) => r.type === CONNECTION)!.outputs.status).toBe("STATUS_REJECTED");
    const repair = await h.engine.up();
    expect(repair.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.type])).toEqual([["update", CONNECTION]]);
    expect(h.cloud.connections(CLUSTER_ID)[0]!.status).toBe("STATUS_AVAILABLE");
  }, LONG);

  it("refresh drops a registration deleted outside Pulumi, and the next up registers it again", async () => {
    h.cloud.removeConnection(CLUSTER_ID, endpointId());
    const refresh = await h.engine.refresh();
    expect(refresh.steps.filter((s) => s.op === "read-gone").map((s) => s.type)).toEqual([CONNECTION]);
    const repair = await h.engine.up();
    expect(repair.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.type])).toEqual([["create", CONNECTION]]);
    expect(h.cloud.connections(CLUSTER_ID)).toEqual([expect.objectContaining({ endpoint_id: endpointId(), status: "STATUS_AVAILABLE" })]);
  }, LONG);

  it("destroy: the registration is removed before the endpoint, nothing is left, the services leave with a warning", async () => {
    const id = endpointId();
    const result = await h.engine.destroy();
    const cloudDelete = h.cloudEvents.find((e) => e.request.method === "DELETE" && e.request.path.endsWith(`/private-endpoint-connections/${id}`));
    const ec2Delete = h.aws.events.find((e) => e.action === "delete" && e.type === ENDPOINT);
    expect(cloudDelete && ec2Delete && cloudDelete.seq < ec2Delete.seq).toBe(true);
    expect(h.aws.resources.size).toBe(0);
    // The Cloud API keeps a deleted entry, as REJECTED (nothing attached): that is all that is left.
    expect(h.cloud.connections(CLUSTER_ID).map((c) => c.status)).toEqual(["STATUS_REJECTED"]);
    expect(h.engine.state.resources).toEqual([]);
    expect(result.steps.map((s) => s.type)).toContain(SERVICES);
    expect(result.providerStderr).toMatch(/endpoint services cannot be deleted through the Cloud API/);
  }, LONG);
});
