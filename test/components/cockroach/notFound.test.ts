// Issue 8 case 2: a 404 is "gone" only for an entry of a cluster known to exist. A 404 for the cluster (another
// organization's key) or for every path (a COCKROACH_SERVER with an extra path) is an error naming the cluster and
// the operation, and nothing is reported deleted or dropped from state.
import { describe, expect, it } from "vitest";
import { AllowListProvider } from "../../../components/cockroach/providers/allowListProvider";
import { PrivateEndpointConnectionProvider } from "../../../components/cockroach/providers/privateEndpointConnectionProvider";
import { PrivateEndpointTrustedOwnerProvider } from "../../../components/cockroach/providers/privateEndpointTrustedOwnerProvider";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { CLUSTERS, FAST, rejectionOf, requestsTo, startFake } from "./support";

const CLUSTER = CLUSTERS.advancedAws;
const ADVANCED: FakeClusterSeed = { id: CLUSTER, plan: "ADVANCED", cloudProvider: "AWS", regions: [{ name: "us-east-1" }], servicesExist: true };
const ENTRY = { clusterId: CLUSTER, cidrIp: "203.0.113.0", cidrMask: 24, sql: true, ui: false, name: "office" };
const OWNER = { clusterId: CLUSTER, type: "AWS_ACCOUNT_ID", externalOwnerId: "012345678901" };
const ENDPOINT = "vpce-0a1b2c3d4e5f60718";
const allowList = new AllowListProvider(FAST);
const owners = new PrivateEndpointTrustedOwnerProvider(FAST);
const connections = new PrivateEndpointConnectionProvider(FAST);

async function withEverything() {
  const fake = await startFake({ clusters: [ADVANCED] });
  const entry = await allowList.create(ENTRY);
  const owner = await owners.create(OWNER);
  const connection = await connections.create({ clusterId: CLUSTER, endpointId: ENDPOINT });
  fake.requests.length = 0;
  return { fake, entry, owner, connection };
}

describe("a 404 for the whole cluster", () => {
  it("fails delete and read of every resource, sends no DELETE, and leaves the entries on the cluster", async () => {
    const { fake, entry, owner, connection } = await withEverything();
    fake.setQuirks({ hiddenClusters: [CLUSTER] });
    const failures = [
      await rejectionOf(allowList.delete(entry.id, entry.outs!)),
      await rejectionOf(allowList.read(entry.id, entry.outs)),
      await rejectionOf(owners.delete(owner.id, owner.outs!)),
      await rejectionOf(owners.read(owner.id, owner.outs)),
      await rejectionOf(connections.delete(connection.id, connection.outs!)),
      await rejectionOf(connections.read(connection.id, connection.outs)),
    ];
    for (const err of failures) {
      expect(err.message).toMatch(new RegExp(`^CockroachDB Cloud API List\\w+ \\(cluster ${CLUSTER}\\) failed: HTTP 404 NOT_FOUND`));
      expect(err.message).toContain(`Not found: cluster ${CLUSTER}`);
    }
    expect(fake.requests.filter((r) => r.method === "DELETE")).toEqual([]);
    fake.setQuirks({});
    expect(fake.allowlist(CLUSTER)).toHaveLength(1);
    expect(fake.trustedOwners(CLUSTER)).toHaveLength(1);
    expect(fake.connections(CLUSTER)[0]?.status).toBe("STATUS_AVAILABLE");
  });

  it("with a COCKROACH_SERVER that has an extra path (404 everywhere): errors, never 'already gone'", async () => {
    const { fake, entry } = await withEverything();
    process.env.COCKROACH_SERVER = `${fake.url}/extra`;
    const deleting = await rejectionOf(allowList.delete(entry.id, entry.outs!));
    expect(deleting.message).toMatch(/ListAllowlistEntries \(cluster 3{8}-.*\) failed: HTTP 404.*COCKROACH_SERVER/);
    const reading = await rejectionOf(allowList.read(entry.id, entry.outs));
    expect(reading.message).toMatch(/HTTP 404/);
    expect(fake.requests.every((r) => r.path.startsWith("/extra/") && r.status === 404)).toBe(true);
    expect(fake.allowlist(CLUSTER)).toHaveLength(1);
  });
});

describe("a 404 for an entry of a cluster that exists", () => {
  it("is gone: read reports an empty ID and delete succeeds without a DELETE", async () => {
    const { fake, entry, owner, connection } = await withEverything();
    await allowList.delete(entry.id, entry.outs!);
    await owners.delete(owner.id, owner.outs!);
    fake.removeConnection(CLUSTER, ENDPOINT);
    fake.requests.length = 0;
    expect(await allowList.read(entry.id, entry.outs)).toEqual({ id: "" });
    expect(await owners.read(owner.id, owner.outs)).toEqual({ id: "" });
    expect(await connections.read(connection.id, connection.outs)).toEqual({ id: "" });
    await allowList.delete(entry.id, entry.outs!);
    await owners.delete(owner.id, owner.outs!);
    await connections.delete(connection.id, connection.outs!);
    expect(fake.requests.filter((r) => r.method === "DELETE")).toEqual([]);
    expect(requestsTo(fake, "GET", "/networking/allowlist").every((r) => r.status === 200)).toBe(true);
  });
});
