// AllowListProvider against the fake: add, adopt, update in place, delete, import.
import { describe, expect, it } from "vitest";
import { AllowListProvider } from "../../../components/cockroach/providers/allowListProvider";
import { CockroachCloudClient } from "../../../components/cockroach/api/client";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { CLUSTERS, FAST, rejectionOf, requestsTo, startFake } from "./support";

const provider = new AllowListProvider(FAST);
const STANDARD: FakeClusterSeed = { id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] };
const inputs = { clusterId: CLUSTERS.standardAws, cidrIp: "203.0.113.0", cidrMask: 24, sql: true, ui: false, name: "office" };

describe("AllowListProvider", () => {
  it("adds an entry, keyed <clusterId>:<ip>/<mask>", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    const { id, outs } = await provider.create(inputs);
    expect(id).toBe(`${CLUSTERS.standardAws}:203.0.113.0/24`);
    expect(outs).toEqual({ ...inputs, adopted: false });
    expect(fake.allowlist(CLUSTERS.standardAws)).toEqual([{ cidr_ip: "203.0.113.0", cidr_mask: 24, sql: true, ui: false, name: "office" }]);
  });

  it("adopts an existing entry and gives it the wanted flags", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    const client = new CockroachCloudClient({ rateLimit: FAST.rateLimit });
    await client.addAllowlistEntry(CLUSTERS.standardAws, { cidr_ip: "203.0.113.0", cidr_mask: 24, sql: false, ui: true, name: "old" });
    const { outs } = await provider.create(inputs);
    expect(outs).toEqual({ ...inputs, adopted: true });
    expect(fake.allowlist(CLUSTERS.standardAws)).toEqual([expect.objectContaining({ sql: true, ui: false, name: "office" })]);
    expect(requestsTo(fake, "PATCH", "/203.0.113.0/24")).toHaveLength(1);
  });

  it("converges when the answer to the add is lost (409 on a blind retry would fail)", async () => {
    const fake = await startFake({ clusters: [STANDARD], faults: { dropAfterRate: 1, methods: ["POST"] } });
    const { outs } = await provider.create(inputs);
    expect(outs).toEqual({ ...inputs, adopted: false });
    expect(requestsTo(fake, "POST", "/networking/allowlist")).toHaveLength(1);
  });

  it("updates sql/ui/name in place; ip, mask and cluster replace", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    const { id, outs } = await provider.create(inputs);
    const wanted = { ...inputs, ui: true, name: "office-2" };
    expect(await provider.diff(id, outs!, wanted)).toEqual({ changes: true, replaces: [] });
    expect((await provider.update(id, outs!, wanted)).outs).toEqual({ ...wanted, adopted: false });
    expect(fake.allowlist(CLUSTERS.standardAws)).toEqual([expect.objectContaining({ ui: true, name: "office-2" })]);
    expect(await provider.diff(id, outs!, { ...inputs, cidrMask: 25 })).toEqual({ changes: true, replaces: ["cidrMask"] });
    // No name given: the server's name stays and is no change.
    const { name: _name, ...unnamed } = inputs;
    expect(await provider.diff(id, outs!, unnamed)).toEqual({ changes: false, replaces: [] });
  });

  it("reports the server's name when none is given", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    const { name: _name, ...unnamed } = inputs;
    const { outs } = await provider.create(unnamed);
    // The output carries the name the fresh list confirmed (none here: the key is absent, never undefined).
    expect(outs).toStrictEqual({ ...unnamed, adopted: false });
    expect(fake.allowlist(CLUSTERS.standardAws)[0]!.name).toBeUndefined();
  });

  it("reads and imports by <clusterId>:<ip>/<mask>, deletes idempotently", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    const { id } = await provider.create(inputs);
    const read = await provider.read(id, {} as never);
    expect(read).toEqual({ id, props: { ...inputs, adopted: false }, inputs });
    await provider.delete(id, read.props!);
    await provider.delete(id, read.props!);
    expect(requestsTo(fake, "DELETE", "/203.0.113.0/24")).toHaveLength(1);
    expect((await provider.read(id)).id).toBe("");
    const err = await rejectionOf(provider.read(`${CLUSTERS.standardAws}:203.0.113.0`));
    expect(err.message).toMatch(/Invalid AllowList ID .*expected <clusterId>:<cidrIp>\/<cidrMask>/);
  });
});
