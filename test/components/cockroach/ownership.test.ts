// Issue 8 cases 6, 7, 8, 12, 13: who owns an entry, outputs from inputs plus a fresh read, partial creates, and
// answers that are malformed but describe a change that happened.
import { describe, expect, it } from "vitest";
import { CockroachCloudClient } from "../../../components/cockroach/api/client";
import { AllowListProvider } from "../../../components/cockroach/providers/allowListProvider";
import { PrivateEndpointConnectionProvider } from "../../../components/cockroach/providers/privateEndpointConnectionProvider";
import { PrivateEndpointTrustedOwnerProvider } from "../../../components/cockroach/providers/privateEndpointTrustedOwnerProvider";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { API_KEY, CLUSTERS, FAST, rejectionOf, requestsTo, startFake } from "./support";

const CLUSTER = CLUSTERS.advancedAws;
const ADVANCED: FakeClusterSeed = { id: CLUSTER, plan: "ADVANCED", cloudProvider: "AWS", regions: [{ name: "us-east-1" }], servicesExist: true };
const ENTRY = { clusterId: CLUSTER, cidrIp: "203.0.113.0", cidrMask: 24, sql: true, ui: false, name: "office" };
const OWNER = { clusterId: CLUSTER, type: "AWS_ACCOUNT_ID", externalOwnerId: "012345678901" };
const ENDPOINT = "vpce-0a1b2c3d4e5f60718";

/** Tuning that reports progress (to console.error, which withStderr captures). */
function capture(): { tuning: typeof FAST } {
  return { tuning: { ...FAST, silent: false } };
}

async function withStderr<T>(run: (lines: string[]) => Promise<T>): Promise<T> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => lines.push(String(line));
  try {
    return await run(lines);
  } finally {
    console.error = original;
  }
}

describe("two resources managing one allowlist entry (two stacks, or a rename without an alias)", () => {
  it("the second adopts it and says which flags it changes; its delete leaves the entry for the first", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    const { tuning } = capture();
    const first = await new AllowListProvider(FAST).create(ENTRY);
    expect(first.outs?.adopted).toBe(false);
    const second = await withStderr(async (lines) => {
      const created = await new AllowListProvider(tuning).create({ ...ENTRY, ui: true });
      expect(lines).toContain(
        `AllowList 203.0.113.0/24 of cluster ${CLUSTER}: adopting an existing entry; it changes ui false -> true (whoever else manages this entry sees that)`,
      );
      return created;
    });
    expect(second.outs).toEqual({ ...ENTRY, ui: true, adopted: true });

    await withStderr(async (lines) => {
      await new AllowListProvider(tuning).delete(second.id, second.outs!);
      expect(lines.join("\n")).toMatch(/leaving the allowlist entry 203\.0\.113\.0\/24 .* in place: it existed before this resource.*deleteAdopted: true/);
    });
    expect(fake.allowlist(CLUSTER)).toHaveLength(1);
    expect(requestsTo(fake, "DELETE", "/203.0.113.0/24")).toHaveLength(0);
    // The creator's delete removes it.
    await new AllowListProvider(FAST).delete(first.id, first.outs!);
    expect(fake.allowlist(CLUSTER)).toEqual([]);
  });

  it("deleteAdopted: true removes an adopted entry, connection and trusted owner; changing it is an in-place update", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    await new AllowListProvider(FAST).create(ENTRY);
    await new PrivateEndpointTrustedOwnerProvider(FAST).create(OWNER);
    await new PrivateEndpointConnectionProvider(FAST).create({ clusterId: CLUSTER, endpointId: ENDPOINT });

    const allowList = new AllowListProvider(FAST);
    const entry = await allowList.create(ENTRY);
    expect(await allowList.diff(entry.id, entry.outs!, { ...ENTRY, deleteAdopted: true })).toEqual({ changes: true, replaces: [] });
    const updated = await allowList.update(entry.id, entry.outs!, { ...ENTRY, deleteAdopted: true });
    expect(updated.outs).toEqual({ ...ENTRY, deleteAdopted: true, adopted: true });
    await allowList.delete(entry.id, updated.outs!);
    expect(fake.allowlist(CLUSTER)).toEqual([]);

    const owners = new PrivateEndpointTrustedOwnerProvider(FAST);
    const owner = await owners.create({ ...OWNER, deleteAdopted: true });
    expect(owner.outs).toMatchObject({ adopted: true, deleteAdopted: true });
    await owners.delete(owner.id, owner.outs!);
    expect(fake.trustedOwners(CLUSTER)).toEqual([]);

    const connections = new PrivateEndpointConnectionProvider(FAST);
    const connection = await connections.create({ clusterId: CLUSTER, endpointId: ENDPOINT, deleteAdopted: true });
    expect(connection.outs).toMatchObject({ adopted: true, deleteAdopted: true });
    await connections.delete(connection.id, connection.outs!);
    expect(fake.connections(CLUSTER)[0]?.status).toBe("STATUS_REJECTED");
  });

  it("state written before adoption was recorded (no `adopted`) counts as created: delete removes the entry", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    const { id, outs } = await new AllowListProvider(FAST).create(ENTRY);
    const { adopted: _adopted, ...oldState } = outs!;
    await new AllowListProvider(FAST).delete(id, oldState);
    expect(fake.allowlist(CLUSTER)).toEqual([]);
  });
});

describe("outputs from the inputs plus a fresh read (case 8)", () => {
  it("an add or update answered `200 {}` still gives the full outputs, and the next diff is no change", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    fake.setQuirks({ emptyAnswers: ["AddAllowlistEntry", "UpdateAllowlistEntry"] });
    const provider = new AllowListProvider(FAST);
    const { id, outs } = await provider.create(ENTRY);
    expect(outs).toEqual({ ...ENTRY, adopted: false });
    expect(await provider.diff(id, outs!, ENTRY)).toEqual({ changes: false, replaces: [] });
    const updated = await provider.update(id, outs!, { ...ENTRY, ui: true });
    expect(updated.outs).toEqual({ ...ENTRY, ui: true, adopted: false });
    expect(fake.allowlist(CLUSTER)).toEqual([{ cidr_ip: "203.0.113.0", cidr_mask: 24, sql: true, ui: true, name: "office" }]);
  });

  it("a trusted owner add answered `200 {}` (case 13) takes the owner's ID from a fresh list", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    fake.setQuirks({ emptyAnswers: ["AddPrivateEndpointTrustedOwner"] });
    const { id, outs } = await new PrivateEndpointTrustedOwnerProvider(FAST).create(OWNER);
    const [entry] = fake.trustedOwners(CLUSTER);
    expect(outs).toEqual({ ...OWNER, ownerId: entry!.id, adopted: false });
    expect(id).toBe(`${CLUSTER}:${entry!.id}`);
  });

  it("a connection listed without a status (case 13) is waited on, and the timeout says so", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    fake.setQuirks({ connectionsWithoutStatus: true });
    const err = await rejectionOf(new PrivateEndpointConnectionProvider({ ...FAST, waitTimeoutMs: 800 }).create({ clusterId: CLUSTER, endpointId: ENDPOINT }));
    expect(err.message).toMatch(/timed out after \d+s waiting for private endpoint .* to be STATUS_AVAILABLE; last status: listed without a status\./);
    expect(err.message).not.toMatch(/undefined/);
  });
});

describe("partial creates (case 12)", () => {
  it("an allowlist add that was applied, then could not be confirmed before the deadline, is reported with its ID", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    const post = fake.hold("POST", "/networking/allowlist");
    const creating = rejectionOf(new AllowListProvider({ ...FAST, waitTimeoutMs: 1500 }).create({ ...ENTRY, __provider: "serialized-provider-text" } as never));
    await post.arrived;
    // From now on every read fails: the add lands, but no fresh list can confirm it.
    fake.setFaults({ unavailableRate: 1, methods: ["GET"] });
    post.release();
    expect((await post.done).status).toBe(200);
    const err = await creating;
    expect(err.message).toMatch(/^Gave up to allow 203\.0\.113\.0\/24 .*The entry was created \(ID 3{8}-.*:203\.0\.113\.0\/24\) and is recorded in the state/);
    expect(err).toMatchObject({
      id: `${CLUSTER}:203.0.113.0/24`,
      properties: { ...ENTRY, adopted: false, __provider: "serialized-provider-text" },
      reasons: [expect.stringMatching(/^Gave up/)],
    });
    expect(fake.allowlist(CLUSTER)).toHaveLength(1);
  });

  it("a create refused before anything was made is a plain failure, without an ID", async () => {
    // 429 with a Retry-After longer than the time left: one POST, refused, then the wait runs out before anything
    // else is sent, so no request is in flight (of unknown outcome) at the deadline.
    const fake = await startFake({ clusters: [ADVANCED], faults: { rateLimitRate: 1, retryAfterSeconds: 3600, methods: ["POST"] } });
    const tuning = { ...FAST, waitTimeoutMs: 1000, retry: { baseDelayMs: 5, maxDelayMs: 60_000 } };
    const err = await rejectionOf(new AllowListProvider(tuning).create(ENTRY));
    expect(err.message).toMatch(/^Gave up to allow .*HTTP 429/);
    expect(err).not.toHaveProperty("id");
    expect(requestsTo(fake, "POST", "/networking/allowlist").map((r) => r.status)).toEqual([429]);
  });
});

describe("trusted owner orphaned by a crash (case 6)", () => {
  it("a POST that lands after the re-run's look leaves a duplicate, and the created owner's delete removes both", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    // Run 1 sends its POST and "crashes": the request is parked at the server, its client gone.
    const crashed = fake.hold("POST", "/private-endpoint-trusted-owners");
    const abandoned = new AbortController();
    void fetch(`${fake.url}/api/v1/clusters/${CLUSTER}/networking/private-endpoint-trusted-owners`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "cc-version": "2024-09-16", "content-type": "application/json" },
      body: JSON.stringify({ type: OWNER.type, external_owner_id: OWNER.externalOwnerId }),
      signal: abandoned.signal,
    }).catch(() => undefined);
    await crashed.arrived;
    abandoned.abort();
    // Run 2, in a new process: looks (nothing yet), adds, confirms.
    const provider = new PrivateEndpointTrustedOwnerProvider(FAST);
    const { id, outs } = await provider.create(OWNER);
    expect(outs?.adopted).toBe(false);
    // Run 1's POST lands now: two identical entries.
    crashed.release();
    await crashed.done;
    expect(fake.trustedOwners(CLUSTER)).toHaveLength(2);
    // Destroy: no orphan keeps the account trusted.
    await provider.delete(id, outs!);
    expect(fake.trustedOwners(CLUSTER)).toEqual([]);
    expect(fake.requests.filter((r) => r.method === "DELETE" && r.path.includes("/private-endpoint-trusted-owners/"))).toHaveLength(2);
  });

  it("duplicates visible when the create confirms its own add are removed at once, keeping the oldest", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    // While the provider's POST is in flight, another process adds the same owner: after its add the provider sees
    // two identical entries, keeps the oldest (as every process would) and removes the other.
    const client = new CockroachCloudClient({ rateLimit: FAST.rateLimit });
    const provider = new PrivateEndpointTrustedOwnerProvider(FAST);
    const post = fake.hold("POST", "/private-endpoint-trusted-owners");
    const creating = provider.create(OWNER);
    await post.arrived;
    const other = await client.addTrustedOwner(CLUSTER, OWNER);
    post.release();
    const { outs } = await creating;
    const left = fake.trustedOwners(CLUSTER);
    expect(left.map((o) => o.id)).toEqual([other.id]);
    expect(outs?.ownerId).toBe(other.id);
    expect(outs?.adopted).toBe(false);
  });
});
