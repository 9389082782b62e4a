// AllowListEntryRemovalProvider from its serialized text, against the fake: removes the default 0.0.0.0/0 entry
// once, tolerates its absence, survives a lost answer, notices the entry added back, never restores it on delete.
import { beforeAll, describe, expect, it } from "vitest";
import { CockroachCloudClient } from "../../../components/cockroach/api/client";
import { AllowListEntryRemovalProvider } from "../../../components/cockroach/providers/allowListEntryRemovalProvider";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { serializeProvider } from "../../support/serialized";
import { API_KEY, CLUSTERS, FAST, rejectionOf, requestsTo, startFake } from "./support";

const STANDARD: FakeClusterSeed = { id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] };
const inputs = { clusterId: CLUSTERS.standardAws, cidrIp: "0.0.0.0", cidrMask: 0 };
const OFFICE = { cidr_ip: "203.0.113.0", cidr_mask: 24, sql: true, ui: false, name: "office" };

async function withDefaultEntry(options: Parameters<typeof startFake>[0] = {}) {
  const fake = await startFake({ clusters: [STANDARD], ...options });
  const client = new CockroachCloudClient({ rateLimit: FAST.rateLimit });
  await client.addAllowlistEntry(CLUSTERS.standardAws, { cidr_ip: "0.0.0.0", cidr_mask: 0, sql: true, ui: true, name: "default" });
  await client.addAllowlistEntry(CLUSTERS.standardAws, OFFICE);
  return { fake, client };
}

describe("AllowListEntryRemovalProvider (serialized)", () => {
  // Serializing costs seconds: once for the file. The provider holds no state between calls.
  let serialized: Awaited<ReturnType<typeof serializeProvider<AllowListEntryRemovalProvider>>>;
  beforeAll(async () => {
    serialized = await serializeProvider(new AllowListEntryRemovalProvider(FAST));
  }, 120_000); // serializing is CPU-bound: generous on a busy 2-core machine

  it("removes only the 0.0.0.0/0 entry, and records what it allowed; the key is not in its text", async () => {
    const { fake } = await withDefaultEntry();
    const { text, provider } = serialized;
    expect(text).not.toContain(API_KEY);
    const { id, outs } = await provider.create(inputs);
    expect(id).toBe(`${CLUSTERS.standardAws}:0.0.0.0/0`);
    expect(outs).toEqual({ ...inputs, removed: true, removedEntry: { sql: true, ui: true, name: "default" } });
    expect(fake.allowlist(CLUSTERS.standardAws)).toEqual([OFFICE]);
    expect(requestsTo(fake, "DELETE", "/networking/allowlist/0.0.0.0/0")).toHaveLength(1);
  });

  it("does nothing when the entry is not there", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    const { provider } = serialized;
    const { outs } = await provider.create(inputs);
    expect(outs).toEqual({ ...inputs, removed: false });
    expect(fake.requests.filter((r) => r.method === "DELETE")).toEqual([]);
  });

  it("looks again after a lost answer instead of failing (the delete happened)", async () => {
    const { fake } = await withDefaultEntry({ faults: { dropAfterRate: 1, methods: ["DELETE"] } });
    const { provider } = serialized;
    const { outs } = await provider.create(inputs);
    expect(outs?.removed).toBe(true);
    expect(fake.allowlist(CLUSTERS.standardAws)).toEqual([OFFICE]);
  });

  it("fails with a plain Error naming the operation, the cluster and what to fix when the key is refused", async () => {
    await withDefaultEntry();
    process.env.COCKROACH_API_KEY = "not-a-key";
    const { provider } = serialized;
    const error = await rejectionOf(provider.create(inputs));
    expect(error).toBeInstanceOf(Error);
    // The client's one error format, as every other resource reports a refused key.
    expect(error.message).toMatch(new RegExp(`ListAllowlistEntries \\(cluster ${CLUSTERS.standardAws}\\) failed: HTTP 401 .*cockroach:apikey`));
    expect(error.message).not.toContain("not-a-key");
  });

  it("reads as gone once the entry is added back, so the next up removes it again", async () => {
    const { client } = await withDefaultEntry();
    const { provider } = serialized;
    const { id, outs } = await provider.create(inputs);
    expect(await provider.read!(id, outs)).toEqual({ id, props: outs });
    await client.addAllowlistEntry(CLUSTERS.standardAws, { cidr_ip: "0.0.0.0", cidr_mask: 0, sql: true, ui: false });
    expect(await provider.read!(id, outs)).toEqual({ id: "" });
  });

  it("never restores the entry on delete, and replaces when the entry named changes", async () => {
    const { fake } = await withDefaultEntry();
    const { provider } = serialized;
    const { id, outs } = await provider.create(inputs);
    const before = fake.requests.length;
    await provider.delete!(id, outs!);
    expect(fake.requests.length).toBe(before);
    expect(fake.allowlist(CLUSTERS.standardAws)).toEqual([OFFICE]);
    expect(await provider.diff!(id, outs!, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(await provider.diff!(id, outs!, { ...inputs, cidrMask: 1 })).toMatchObject({ changes: true, replaces: ["cidrMask"] });
  });

  it("checks its inputs before any call", async () => {
    const { provider } = serialized;
    const result = await provider.check!({} as never, { clusterId: "nope", cidrIp: "::", cidrMask: 40 });
    expect(result.failures?.map((f) => f.property)).toEqual(["clusterId", "cidrIp", "cidrMask"]);
  });
});
