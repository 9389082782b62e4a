import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FakeCloudServer } from "../../../tools/fake-cloud";
import {
  AWS_ADVANCED,
  AWS_BASIC,
  AWS_STANDARD,
  GCP_ADVANCED,
  GCP_STANDARD,
  call,
  networkingPath,
  startWithAllClusters,
} from "./helpers";

const T0 = 3_000_000;
const VPCE = "vpce-0123456789abcdef0";
const connectionsPath = (seed: typeof AWS_STANDARD) => networkingPath(seed, "private-endpoint-connections");
const add = (seed: typeof AWS_STANDARD, endpointId: unknown) =>
  call(fake, "POST", connectionsPath(seed), { body: { endpoint_id: endpointId } });
const remove = (seed: typeof AWS_STANDARD, encodedId: string) =>
  call(fake, "DELETE", `${connectionsPath(seed)}/${encodedId}`);
const statusOf = async (seed: typeof AWS_STANDARD, endpointId: string) =>
  (await call(fake, "GET", connectionsPath(seed))).body.connections.find(
    (c: { endpoint_id: string }) => c.endpoint_id === endpointId,
  )?.status;

let fake: FakeCloudServer;
beforeEach(async () => {
  fake = await startWithAllClusters({ timing: { connectionPendingMs: 100, connectionAcceptMs: 300 } });
});
afterEach(async () => {
  vi.useRealTimers();
  await fake.close();
});

describe("adding a connection", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
  });

  it("goes PENDING -> PENDING_ACCEPTANCE -> AVAILABLE on the configured timing, one registration", async () => {
    const [service] = fake.services(AWS_STANDARD.id) as { name: string; endpoint_service_id: string }[];
    const added = await add(AWS_STANDARD, VPCE);
    expect(added.status).toBe(200);
    expect(added.body).toEqual({
      endpoint_id: VPCE,
      endpoint_service_id: service!.endpoint_service_id,
      service_name: service!.name,
      cloud_provider: "AWS",
      region_name: "us-east-1",
      status: "STATUS_PENDING",
      external_owner_id: "123456789012",
    });

    vi.setSystemTime(T0 + 99);
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_PENDING");
    vi.setSystemTime(T0 + 100);
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_PENDING_ACCEPTANCE");
    vi.setSystemTime(T0 + 299);
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_PENDING_ACCEPTANCE");
    vi.setSystemTime(T0 + 300);
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_AVAILABLE");
    expect(fake.registrations(AWS_STANDARD.id, VPCE)).toBe(1);
  });

  it("answers 409 ALREADY_EXISTS for an endpoint that is already registered, without registering again", async () => {
    await add(AWS_STANDARD, VPCE);
    vi.setSystemTime(T0 + 1_000);
    const again = await add(AWS_STANDARD, VPCE);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(6);
    expect(again.body.message).toContain(VPCE);
    expect(fake.registrations(AWS_STANDARD.id, VPCE)).toBe(1);
  });

  it("uses the declared region and owner account", async () => {
    await call(fake, "POST", networkingPath(AWS_ADVANCED, "private-endpoint-services"));
    vi.setSystemTime(T0 + 10_000);
    fake.declareEndpoint(AWS_ADVANCED.id, VPCE, { region: "us-west-2", ownerAccountId: "210987654321" });
    const added = await add(AWS_ADVANCED, VPCE);
    const service = (fake.services(AWS_ADVANCED.id) as { region_name: string; endpoint_service_id: string }[]).find(
      (s) => s.region_name === "us-west-2",
    );
    expect(added.body).toMatchObject({
      region_name: "us-west-2",
      external_owner_id: "210987654321",
      endpoint_service_id: service?.endpoint_service_id,
    });
  });

  it("accepts a numeric PSC connection ID on GCP and reports no owner", async () => {
    const added = await add(GCP_STANDARD, "6133183410995353");
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ cloud_provider: "GCP", region_name: "us-central1", status: "STATUS_PENDING" });
    expect(added.body.external_owner_id).toBeUndefined();
  });
});

describe("rejected adds", () => {
  it.each([
    { seed: AWS_STANDARD, id: "vpc-12345678", why: "not a vpce ID" },
    { seed: AWS_STANDARD, id: "vpce-XYZ", why: "not hex" },
    { seed: AWS_STANDARD, id: "6133183410995353", why: "a GCP ID on AWS" },
    { seed: GCP_STANDARD, id: VPCE, why: "an AWS ID on GCP" },
  ])("400 INVALID_ARGUMENT naming $id ($why)", async ({ seed, id }) => {
    const result = await add(seed, id);
    expect(result.status).toBe(400);
    expect(result.body.code).toBe(3);
    expect(result.body.message).toContain(id);
    expect(fake.connections(seed.id)).toEqual([]);
  });

  it("400 when endpoint_id is missing or the body is not JSON", async () => {
    expect((await call(fake, "POST", connectionsPath(AWS_STANDARD), { body: {} })).body).toEqual({
      code: 3,
      message: "endpoint_id is required",
      details: [],
    });
    expect((await call(fake, "POST", connectionsPath(AWS_STANDARD), { body: "{not json" })).status).toBe(400);
  });

  it("400 FAILED_PRECONDITION on BASIC clusters", async () => {
    const result = await add(AWS_BASIC, VPCE);
    expect(result.status).toBe(400);
    expect(result.body.code).toBe(9);
    expect(result.body.message).toBe("private endpoints are not available on BASIC clusters");
  });

  it("400 FAILED_PRECONDITION while the cluster has no AVAILABLE service", async () => {
    const before = await add(GCP_ADVANCED, "42");
    expect(before.status).toBe(400);
    expect(before.body.code).toBe(9);
    await call(fake, "POST", networkingPath(GCP_ADVANCED, "private-endpoint-services"));
    expect((await add(GCP_ADVANCED, "42")).status).toBe(400); // still CREATING
    expect(fake.registrations(GCP_ADVANCED.id, "42")).toBe(0);
  });
});

describe("deleting and re-attaching", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
  });

  it("DELETE leaves the entry REJECTED; adding it again re-attaches from PENDING, a second registration", async () => {
    await add(AWS_STANDARD, VPCE);
    vi.setSystemTime(T0 + 1_000);
    const deleted = await remove(AWS_STANDARD, VPCE);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_REJECTED");

    const readded = await add(AWS_STANDARD, VPCE);
    expect(readded.status).toBe(200);
    expect(readded.body.status).toBe("STATUS_PENDING");
    vi.setSystemTime(T0 + 1_299);
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_PENDING_ACCEPTANCE");
    vi.setSystemTime(T0 + 1_300);
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_AVAILABLE");
    expect(fake.registrations(AWS_STANDARD.id, VPCE)).toBe(2);
    expect(fake.connections(AWS_STANDARD.id)).toHaveLength(1);
  });

  it("DELETE of an unknown endpoint is 404, and the path segment is URL-decoded", async () => {
    const azureStyleId = "/subscriptions/abc/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe";
    const missing = await remove(AWS_STANDARD, encodeURIComponent(azureStyleId));
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe(`private endpoint connection ${azureStyleId} not found`);

    await add(AWS_STANDARD, VPCE);
    const encoded = VPCE.replace("-", "%2D");
    expect((await remove(AWS_STANDARD, encoded)).status).toBe(200);
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_REJECTED");
  });

  it("a forced STALE status sticks (adds answer 409) until a DELETE and re-attach", async () => {
    await add(AWS_STANDARD, VPCE);
    fake.setConnectionStatus(AWS_STANDARD.id, VPCE, "STATUS_STALE");
    vi.setSystemTime(T0 + 10_000);
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_STALE");
    expect((await add(AWS_STANDARD, VPCE)).status).toBe(409);

    await remove(AWS_STANDARD, VPCE);
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_REJECTED");
    await add(AWS_STANDARD, VPCE);
    vi.setSystemTime(T0 + 10_300);
    expect(await statusOf(AWS_STANDARD, VPCE)).toBe("STATUS_AVAILABLE");
  });

  it("removeConnection makes the entry vanish; adding it again is a new registration", async () => {
    await add(AWS_STANDARD, VPCE);
    fake.removeConnection(AWS_STANDARD.id, VPCE);
    expect((await call(fake, "GET", connectionsPath(AWS_STANDARD))).body).toEqual({ connections: [] });
    expect((await add(AWS_STANDARD, VPCE)).status).toBe(200);
    expect(fake.registrations(AWS_STANDARD.id, VPCE)).toBe(2);
  });
});

describe("with the real clock", () => {
  it("reaches STATUS_AVAILABLE by itself", async () => {
    fake.setTiming({ connectionPendingMs: 20, connectionAcceptMs: 60 });
    await add(AWS_STANDARD, VPCE);
    const seen = new Set<string>();
    const deadline = Date.now() + 15_000; // generous: a busy machine may be slow to get here
    while (Date.now() < deadline) {
      const status = await statusOf(AWS_STANDARD, VPCE);
      seen.add(status);
      if (status === "STATUS_AVAILABLE") break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(seen.has("STATUS_AVAILABLE")).toBe(true);
    expect([...seen].every((s) => /^STATUS_(PENDING|PENDING_ACCEPTANCE|AVAILABLE)$/.test(s))).toBe(true);
  });
});
