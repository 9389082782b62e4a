// PrivateEndpointConnectionProvider against the fake: register once, wait for acceptance, drift, re-attach, delete.
import { describe, expect, it } from "vitest";
import { CockroachCloudClient } from "../../../components/cockroach/api/client";
import { PrivateEndpointConnectionProvider } from "../../../components/cockroach/providers/privateEndpointConnectionProvider";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { CLUSTERS, FAST, rejectionOf, requestsTo, startFake, until } from "./support";

const provider = new PrivateEndpointConnectionProvider(FAST);
const ENDPOINT = "vpce-0a1b2c3d4e5f60718";
const STANDARD_AWS: FakeClusterSeed = { id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] };
const inputs = { clusterId: CLUSTERS.standardAws, endpointId: ENDPOINT };
const PSC_CONNECTION_ID = "6133183410995353";

describe("PrivateEndpointConnectionProvider.create", () => {
  it("STANDARD on AWS: adds once and waits through PENDING to STATUS_AVAILABLE", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    const { id, outs } = await provider.create(inputs);
    expect(id).toBe(`${CLUSTERS.standardAws}:${ENDPOINT}`);
    expect(outs).toMatchObject({ ...inputs, cloudProvider: "AWS", regionName: "us-east-1", status: "STATUS_AVAILABLE", adopted: false });
    expect(outs!.serviceId).toMatch(/^vpce-svc-/);
    expect(fake.registrations(CLUSTERS.standardAws, ENDPOINT)).toBe(1);
    expect(requestsTo(fake, "GET", "/private-endpoint-connections").length).toBeGreaterThan(2);
  });

  it("says on stderr what it is waiting for", async () => {
    // The entry stays PENDING until the test has seen the line: no race between the wait and the fake's clock.
    const fake = await startFake({ clusters: [STANDARD_AWS], timing: { connectionPendingMs: 600_000, connectionAcceptMs: 600_000 } });
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => lines.push(line);
    try {
      const creating = new PrivateEndpointConnectionProvider({ ...FAST, silent: false }).create(inputs);
      let settled = false;
      void creating.finally(() => (settled = true)).catch(() => undefined);
      await until(() => settled || lines.length > 0);
      fake.setTiming({ connectionPendingMs: 0, connectionAcceptMs: 0 });
      await creating;
    } finally {
      console.error = original;
    }
    expect(lines[0]).toMatch(new RegExp(`^waiting for private endpoint ${ENDPOINT} on cluster 1{8}-.* to be STATUS_AVAILABLE: STATUS_PENDING`));
  });

  it("ADVANCED on GCP: registers a PSC connection ID in the endpoint's region", async () => {
    const fake = await startFake({
      clusters: [
        { id: CLUSTERS.advancedGcp, plan: "ADVANCED", cloudProvider: "GCP", regions: [{ name: "us-east4" }, { name: "europe-west1" }], servicesExist: true },
      ],
    });
    fake.declareEndpoint(CLUSTERS.advancedGcp, "6133183410995353", { region: "europe-west1" });
    const { outs } = await provider.create({ clusterId: CLUSTERS.advancedGcp, endpointId: "6133183410995353" });
    expect(outs).toMatchObject({ cloudProvider: "GCP", regionName: "europe-west1", status: "STATUS_AVAILABLE" });
  });

  it("STANDARD on GCP: registers a PSC connection ID and waits to STATUS_AVAILABLE", async () => {
    const fake = await startFake({
      clusters: [{ id: CLUSTERS.standardGcp, plan: "STANDARD", cloudProvider: "GCP", regions: [{ name: "us-central1" }] }],
    });
    const { id, outs } = await provider.create({ clusterId: CLUSTERS.standardGcp, endpointId: PSC_CONNECTION_ID });
    expect(id).toBe(`${CLUSTERS.standardGcp}:${PSC_CONNECTION_ID}`);
    const [service] = fake.services(CLUSTERS.standardGcp) as { endpoint_service_id: string }[];
    expect(outs).toEqual({
      clusterId: CLUSTERS.standardGcp,
      endpointId: PSC_CONNECTION_ID,
      cloudProvider: "GCP",
      regionName: "us-central1",
      serviceId: service!.endpoint_service_id,
      status: "STATUS_AVAILABLE",
      adopted: false,
    });
    expect(fake.registrations(CLUSTERS.standardGcp, PSC_CONNECTION_ID)).toBe(1);
  });

  it("refuses an endpoint ID of another cloud than the cluster's before any POST (create and update)", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    const gcpStyle = await rejectionOf(provider.create({ ...inputs, endpointId: PSC_CONNECTION_ID }));
    expect(gcpStyle.message).toBe(
      `Endpoint ID "${PSC_CONNECTION_ID}" does not fit cluster ${CLUSTERS.standardAws}, which is on AWS: expected an AWS ` +
        `VPC endpoint ID (vpce- followed by 8 to 17 hex digits). Use an endpoint of the cluster's cloud, created for its endpoint service.`,
    );
    const azureId = "/subscriptions/0000/resourceGroups/rg-1/providers/Microsoft.Network/privateEndpoints/pe-1";
    const olds = { ...inputs, endpointId: azureId, cloudProvider: "AWS", regionName: "us-east-1", serviceId: "x", status: "STATUS_REJECTED" };
    const azureStyle = await rejectionOf(provider.update(`${CLUSTERS.standardAws}:${azureId}`, olds, { ...inputs, endpointId: azureId }));
    expect(azureStyle.message).toMatch(/^Endpoint ID "\/subscriptions\/.*" does not fit cluster 1{8}-.*, which is on AWS: expected an AWS VPC endpoint ID/);
    expect(fake.requests.map((r) => r.method)).toEqual(["GET", "GET"]);
  });

  it("BASIC: fails with the API's reason", async () => {
    await startFake({ clusters: [{ id: CLUSTERS.basicGcp, plan: "BASIC", cloudProvider: "GCP", regions: [{ name: "us-central1" }] }] });
    const err = await rejectionOf(provider.create({ clusterId: CLUSTERS.basicGcp, endpointId: "6133183410995353" }));
    expect(err.message).toMatch(/AddPrivateEndpointConnection \(cluster 2{8}-.*\) failed: HTTP 400 FAILED_PRECONDITION: private endpoints are not available on BASIC/);
  });

  it("adopts an entry that is already registered instead of adding it again", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    await provider.create(inputs);
    await provider.create(inputs);
    expect(fake.registrations(CLUSTERS.standardAws, ENDPOINT)).toBe(1);
    expect(requestsTo(fake, "POST", "/private-endpoint-connections")).toHaveLength(1);
  });

  it("waits through a locked cluster (409 lock) and then registers once", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    fake.setClusterState(CLUSTERS.standardAws, "LOCKED");
    let settled = false;
    const creating = provider.create(inputs);
    void creating.finally(() => (settled = true)).catch(() => undefined);
    // Unlocked by the test once the add met the lock (clusterLock.test.ts has the timed and the endless lock).
    await until(() => settled || requestsTo(fake, "POST", "/private-endpoint-connections").some((r) => r.status === 409));
    fake.setClusterState(CLUSTERS.standardAws, "CREATED");
    const { outs } = await creating;
    expect(outs?.status).toBe("STATUS_AVAILABLE");
    expect(requestsTo(fake, "POST", "/private-endpoint-connections").some((r) => r.status === 409)).toBe(true);
    expect(fake.registrations(CLUSTERS.standardAws, ENDPOINT)).toBe(1);
  });

  it("times out naming the endpoint and its last status", async () => {
    await startFake({ clusters: [STANDARD_AWS], timing: { connectionPendingMs: 40, connectionAcceptMs: 60_000 } });
    const err = await rejectionOf(new PrivateEndpointConnectionProvider({ ...FAST, waitTimeoutMs: 1000 }).create(inputs));
    expect(err.message).toMatch(
      new RegExp(`timed out after \\d+s waiting for private endpoint ${ENDPOINT} on cluster 1{8}-.* to be STATUS_AVAILABLE; last status: STATUS_PENDING_ACCEPTANCE`),
    );
  });

  it("keeps waiting when the entry turns REJECTED mid-wait (deleted elsewhere), without re-adding it; converges once it is re-added", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS], timing: { connectionAcceptMs: 60_000 } });
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => lines.push(line);
    try {
      let settled = false;
      const creating = new PrivateEndpointConnectionProvider({ ...FAST, silent: false }).create(inputs);
      void creating.finally(() => (settled = true)).catch(() => undefined);
      const listed = () => requestsTo(fake, "GET", "/private-endpoint-connections").length;
      await until(() => settled || (fake.registrations(CLUSTERS.standardAws, ENDPOINT) === 1 && listed() >= 3));
      fake.setConnectionStatus(CLUSTERS.standardAws, ENDPOINT, "STATUS_REJECTED");
      const rejectedAt = listed();
      // Still waiting (not failed) after observing REJECTED a few times.
      await until(() => settled || listed() >= rejectedAt + 3);
      expect(settled).toBe(false);
      // Someone else re-adds it (the Console, another stack); acceptance is quick from now on.
      fake.setTiming({ connectionAcceptMs: 40 });
      await new CockroachCloudClient({ rateLimit: FAST.rateLimit }).addPrivateEndpointConnection(CLUSTERS.standardAws, ENDPOINT);
      const { outs } = await creating;
      expect(outs?.status).toBe("STATUS_AVAILABLE");
    } finally {
      console.error = original;
    }
    expect(lines.some((l) => /to be STATUS_AVAILABLE: STATUS_REJECTED \(\d+s\)$/.test(l))).toBe(true);
    // Two registrations: the provider's, and the re-add; the provider itself posted once.
    expect(fake.registrations(CLUSTERS.standardAws, ENDPOINT)).toBe(2);
    expect(requestsTo(fake, "POST", "/private-endpoint-connections")).toHaveLength(2);
  });

  it("fails while waiting when the entry goes STALE or vanishes", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS], timing: { connectionAcceptMs: 600_000 } });
    // Changed once the provider has registered and listed the entry, not after a fixed delay.
    const listedAfterAdd = (endpointId: string) =>
      fake.registrations(CLUSTERS.standardAws, endpointId) === 1 &&
      fake.requests.some((r, i) => r.method === "GET" && r.path.endsWith("/private-endpoint-connections") &&
        fake.requests.slice(0, i).some((p) => p.method === "POST" && p.status === 200));
    const staleCreate = rejectionOf(provider.create(inputs));
    await until(() => listedAfterAdd(ENDPOINT));
    fake.setConnectionStatus(CLUSTERS.standardAws, ENDPOINT, "STATUS_STALE");
    const stale = await staleCreate;
    expect(stale.message).toMatch(/is STATUS_STALE, so it will not become STATUS_AVAILABLE\. The endpoint was deleted outside/);
    // It was registered: the failure is a partial create, so state keeps it and a destroy removes it.
    expect(stale).toMatchObject({ id: `${CLUSTERS.standardAws}:${ENDPOINT}`, properties: { ...inputs, adopted: false } });

    const other = "vpce-0000000000000000f";
    fake.requests.length = 0;
    const vanishedCreate = rejectionOf(provider.create({ ...inputs, endpointId: other }));
    await until(() => listedAfterAdd(other));
    fake.removeConnection(CLUSTERS.standardAws, other);
    const vanished = await vanishedCreate;
    expect(vanished.message).toMatch(/vanished from cluster/);
  });
});

describe("PrivateEndpointConnectionProvider read, re-attach, delete", () => {
  it("reports drift on read, and a missing entry as gone; a missing cluster is an error, not gone", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    const { id } = await provider.create(inputs);
    fake.setConnectionStatus(CLUSTERS.standardAws, ENDPOINT, "STATUS_STALE");
    const read = await provider.read(id);
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({ ...inputs, status: "STATUS_STALE", regionName: "us-east-1" });
    expect(read.inputs).toEqual(inputs);
    fake.removeConnection(CLUSTERS.standardAws, ENDPOINT);
    expect((await provider.read(id)).id).toBe("");
    const err = await rejectionOf(provider.read(`${CLUSTERS.missing}:${ENDPOINT}`));
    expect(err.message).toMatch(/ListPrivateEndpointConnections \(cluster 9{8}-.*\) failed: HTTP 404/);
  });

  it("imports by <clusterId>:<endpointId> and rejects other formats clearly", async () => {
    await startFake({ clusters: [STANDARD_AWS] });
    await provider.create(inputs);
    const imported = await provider.read(`${CLUSTERS.standardAws}:${ENDPOINT}`, {} as never);
    expect(imported.props).toMatchObject({ ...inputs, status: "STATUS_AVAILABLE" });
    const err = await rejectionOf(provider.read(ENDPOINT));
    expect(err.message).toMatch(/Invalid PrivateEndpointConnection ID "vpce-0a1b2c3d4e5f60718": expected <clusterId>:<endpointId>/);
  });

  it("re-attaches a REJECTED entry: diff asks for an update, update registers again and waits", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    const { id, outs } = await provider.create(inputs);
    await provider.delete(id, outs!);
    const refreshed = await provider.read(id);
    expect(refreshed.props?.status).toBe("STATUS_REJECTED");
    expect(await provider.diff(id, refreshed.props!, inputs)).toEqual({ changes: true, replaces: [] });
    const updated = await provider.update(id, refreshed.props!, inputs);
    expect(updated.outs?.status).toBe("STATUS_AVAILABLE");
    expect(fake.registrations(CLUSTERS.standardAws, ENDPOINT)).toBe(2);
  });

  it("create re-adds an endpoint left REJECTED by an earlier delete", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    const first = await provider.create(inputs);
    await provider.delete(first.id, first.outs!);
    expect((await provider.create(inputs)).outs?.status).toBe("STATUS_AVAILABLE");
    expect(fake.registrations(CLUSTERS.standardAws, ENDPOINT)).toBe(2);
  });

  it("deletes idempotently: twice, and after the entry vanished; a missing cluster is an error", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    const { id, outs } = await provider.create(inputs);
    await provider.delete(id, outs!);
    expect(fake.connections(CLUSTERS.standardAws)[0]?.status).toBe("STATUS_REJECTED");
    await provider.delete(id, outs!);
    fake.removeConnection(CLUSTERS.standardAws, ENDPOINT);
    await provider.delete(id, outs!);
    const err = await rejectionOf(provider.delete(`${CLUSTERS.missing}:${ENDPOINT}`, { clusterId: CLUSTERS.missing, endpointId: ENDPOINT } as never));
    expect(err.message).toMatch(/ListPrivateEndpointConnections \(cluster 9{8}-.*\) failed: HTTP 404/);
    expect(requestsTo(fake, "DELETE", ENDPOINT)).toHaveLength(1);
  });

  it("observes instead of repeating an add or delete whose answer was lost", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS], faults: { dropAfterRate: 1, methods: ["POST", "DELETE"] } });
    const { id, outs } = await provider.create(inputs);
    expect(outs?.status).toBe("STATUS_AVAILABLE");
    await provider.delete(id, outs!);
    expect(fake.connections(CLUSTERS.standardAws)[0]?.status).toBe("STATUS_REJECTED");
    expect(requestsTo(fake, "POST", "/private-endpoint-connections").map((r) => r.fault)).toEqual(["drop-after"]);
    expect(requestsTo(fake, "DELETE", ENDPOINT).map((r) => r.fault)).toEqual(["drop-after"]);
    expect(fake.registrations(CLUSTERS.standardAws, ENDPOINT)).toBe(1);
  });

  it("replaces when the cluster or endpoint changes", async () => {
    const olds = { ...inputs, status: "STATUS_AVAILABLE" } as never;
    expect(await provider.diff("x", olds, inputs)).toEqual({ changes: false, replaces: [] });
    expect(await provider.diff("x", olds, { ...inputs, endpointId: "vpce-00000000000000001" })).toEqual({
      changes: true,
      replaces: ["endpointId"],
    });
  });
});
