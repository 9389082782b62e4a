// The gcp-dev stack with `dns: zone` on an ADVANCED cluster, under the real runtime and provider host: the endpoint
// services are created through the Cloud API, the private host is read once they are AVAILABLE (it is empty
// before), and our own private zone answers for exactly that host with an A record at the endpoint's address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GCP_TYPES } from "../../tools/engine/fakeGcp";
import { readStackConfig } from "../../tools/engine/stackConfig";
import { type GcpHarness, ROOT, startGcpHarness } from "./gcpHarness";

const LONG = 300_000;
const REGION = "us-central1";
const CONNECTION = "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection";

let h: GcpHarness;
beforeAll(async () => {
  // enableApis is only for automatic DNS (the program refuses it with dns: zone).
  const { "crdb-private-endpoints:enableApis": _apis, ...stack } = readStackConfig(ROOT, "gcp-dev");
  const config = { ...stack, "crdb-private-endpoints:dns": "zone" };
  h = await startGcpHarness({ stack: "gcp-dev", config, plan: "ADVANCED" });
}, LONG);
afterAll(async () => {
  await h?.close();
});

const one = (type: string) => {
  const ids = h.gcp.ids(type);
  expect(ids).toHaveLength(1);
  return h.gcp.read(type, ids[0]!)!;
};

describe("gcp-dev with dns: zone on an ADVANCED cluster, under the real runtime and provider host", () => {
  it("up: services created, the zone is exactly the cluster's private host, its A record is the endpoint's address", async () => {
    const up = await h.engine.up();
    expect(up.steps.filter((s) => s.op !== "create")).toEqual([]);
    expect(h.cloud.serviceCreateCalls(h.clusterId)).toBe(1);
    const host = (h.cloud.cluster(h.clusterId) as { regions: { name: string; private_endpoint_dns: string }[] }).regions.find((r) => r.name === REGION)!.private_endpoint_dns;
    expect(host).toMatch(/^private-.+\.cockroachlabs\.cloud$/);

    const address = one(GCP_TYPES.address);
    const endpoint = one(GCP_TYPES.forwardingRule);
    expect(endpoint).toMatchObject({ noAutomateDnsZone: true, ipAddress: address.address });
    expect(endpoint.serviceDirectoryRegistrations).toBeUndefined();
    expect(one(GCP_TYPES.managedZone)).toMatchObject({ dnsName: `${host}.`, visibility: "private" });
    expect(one(GCP_TYPES.recordSet)).toMatchObject({ name: `${host}.`, type: "A", rrdatas: [address.address] });
    // No automatic DNS: no Service Directory namespace, no APIs enabled for it.
    expect(h.gcp.ids(GCP_TYPES.namespace)).toEqual([]);
    expect(h.gcp.ids(GCP_TYPES.service)).toEqual([]);

    expect(h.cloud.connections(h.clusterId)).toEqual([
      expect.objectContaining({ endpoint_id: endpoint.pscConnectionId, region_name: REGION, status: "STATUS_AVAILABLE" }),
    ]);
    const outputs = (up.run!.outputs.regions as Record<string, Record<string, unknown>>)[REGION]!;
    expect(outputs).toMatchObject({ privateSqlHost: host, endpointAddress: address.address, connectionStatus: "STATUS_AVAILABLE" });
  }, LONG);

  it("destroy: GCP is empty and the registration is deleted at the Cloud API", async () => {
    const pscConnectionId = String(one(GCP_TYPES.forwardingRule).pscConnectionId);
    const result = await h.engine.destroy();
    expect(h.gcp.resources.size).toBe(0);
    expect(h.cloud.requests.filter((r) => r.method === "DELETE").map((r) => [r.path.split("/").pop(), r.status])).toEqual([[pscConnectionId, 200]]);
    expect(h.cloud.connections(h.clusterId).map((c) => c.status)).toEqual(["STATUS_REJECTED"]);
    expect(result.steps.filter((s) => s.type === CONNECTION).map((s) => s.op)).toEqual(["delete"]);
    expect(h.engine.state.resources).toEqual([]);
  }, LONG);
});
