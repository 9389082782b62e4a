// PrivateEndpointConnectionProvider against the fake: register once, wait for acceptance, drift, re-attach, delete.
import { describe, expect, it } from "vitest";
import { PrivateEndpointConnectionProvider } from "../../../components/cockroach/providers/privateEndpointConnectionProvider";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { CLUSTERS, FAST, rejectionOf, requestsTo, startFake } from "./support";

const provider = new PrivateEndpointConnectionProvider(FAST);
const ENDPOINT = "vpce-0a1b2c3d4e5f60718";
const STANDARD_AWS: FakeClusterSeed = { id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] };
const inputs = { clusterId: CLUSTERS.standardAws, endpointId: ENDPOINT };

describe("PrivateEndpointConnectionProvider.create", () => {
  it("STANDARD on AWS: adds once and waits through PENDING to STATUS_AVAILABLE", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    const { id, outs } = await provider.create(inputs);
    expect(id).toBe(`${CLUSTERS.standardAws}:${ENDPOINT}`);
    expect(outs).toMatchObject({ ...inputs, cloudProvider: "AWS", regionName: "us-east-1", status: "STATUS_AVAILABLE" });
    expect(outs!.serviceId).toMatch(/^vpce-svc-/);
    expect(fake.registrations(CLUSTERS.standardAws, ENDPOINT)).toBe(1);
    expect(requestsTo(fake, "GET", "/private-endpoint-connections").length).toBeGreaterThan(2);
  });

  it("says on stderr what it is waiting for", async () => {
    await startFake({ clusters: [STANDARD_AWS] });
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => lines.push(line);
    try {
      await new PrivateEndpointConnectionProvider({ ...FAST, silent: false }).create(inputs);
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
    fake.setClusterState(CLUSTERS.standardAws, "LOCKED", 150);
    const { outs } = await new PrivateEndpointConnectionProvider({ ...FAST, retry: { baseDelayMs: 40, maxDelayMs: 80 } }).create(inputs);
    expect(outs?.status).toBe("STATUS_AVAILABLE");
    expect(requestsTo(fake, "POST", "/private-endpoint-connections").some((r) => r.status === 409)).toBe(true);
    expect(fake.registrations(CLUSTERS.standardAws, ENDPOINT)).toBe(1);
  });

  it("times out naming the endpoint and its last status", async () => {
    await startFake({ clusters: [STANDARD_AWS], timing: { connectionPendingMs: 40, connectionAcceptMs: 60_000 } });
    const err = await rejectionOf(new PrivateEndpointConnectionProvider({ ...FAST, waitTimeoutMs: 250 }).create(inputs));
    expect(err.message).toMatch(
      new RegExp(`timed out after \\d+s waiting for private endpoint ${ENDPOINT} on cluster 1{8}-.* to be STATUS_AVAILABLE; last status: STATUS_PENDING_ACCEPTANCE`),
    );
  });

  it("fails while waiting when the entry goes STALE or vanishes", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS], timing: { connectionAcceptMs: 60_000 } });
    setTimeout(() => fake.setConnectionStatus(CLUSTERS.standardAws, ENDPOINT, "STATUS_STALE"), 80);
    const stale = await rejectionOf(provider.create(inputs));
    expect(stale.message).toMatch(/is STATUS_STALE, so it will not become STATUS_AVAILABLE\. The endpoint was deleted outside/);

    const other = "vpce-0000000000000000f";
    setTimeout(() => fake.removeConnection(CLUSTERS.standardAws, other), 80);
    const vanished = await rejectionOf(provider.create({ ...inputs, endpointId: other }));
    expect(vanished.message).toMatch(/vanished from cluster/);
  });
});

describe("PrivateEndpointConnectionProvider read, re-attach, delete", () => {
  it("reports drift on read, and a missing entry as gone", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    const { id } = await provider.create(inputs);
    fake.setConnectionStatus(CLUSTERS.standardAws, ENDPOINT, "STATUS_STALE");
    const read = await provider.read(id);
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({ ...inputs, status: "STATUS_STALE", regionName: "us-east-1" });
    expect(read.inputs).toEqual(inputs);
    fake.removeConnection(CLUSTERS.standardAws, ENDPOINT);
    expect((await provider.read(id)).id).toBe("");
    expect((await provider.read(`${CLUSTERS.missing}:${ENDPOINT}`)).id).toBe("");
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

  it("deletes idempotently: twice, after the entry vanished, and on a vanished cluster", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    const { id, outs } = await provider.create(inputs);
    await provider.delete(id, outs!);
    expect(fake.connections(CLUSTERS.standardAws)[0]?.status).toBe("STATUS_REJECTED");
    await provider.delete(id, outs!);
    fake.removeConnection(CLUSTERS.standardAws, ENDPOINT);
    await provider.delete(id, outs!);
    await provider.delete(`${CLUSTERS.missing}:${ENDPOINT}`, { clusterId: CLUSTERS.missing, endpointId: ENDPOINT } as never);
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
