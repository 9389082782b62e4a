// PrivateEndpointTrustedOwnerProvider against the fake (which, like the API, never deduplicates entries).
import { describe, expect, it } from "vitest";
import { PrivateEndpointTrustedOwnerProvider } from "../../../components/cockroach/providers/privateEndpointTrustedOwnerProvider";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { CLUSTERS, FAST, rejectionOf, requestsTo, startFake } from "./support";

const provider = new PrivateEndpointTrustedOwnerProvider(FAST);
const ADVANCED: FakeClusterSeed = { id: CLUSTERS.advancedAws, plan: "ADVANCED", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] };
const inputs = { clusterId: CLUSTERS.advancedAws, type: "AWS_ACCOUNT_ID", externalOwnerId: "012345678901" };

describe("PrivateEndpointTrustedOwnerProvider", () => {
  it("adds an entry, and adopts an identical one instead of adding a duplicate", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    const first = await provider.create(inputs);
    const [entry] = fake.trustedOwners(CLUSTERS.advancedAws);
    expect(first).toEqual({ id: `${CLUSTERS.advancedAws}:${entry!.id}`, outs: { ...inputs, ownerId: entry!.id, adopted: false } });
    const second = await provider.create(inputs);
    expect(second.outs).toEqual({ ...inputs, ownerId: entry!.id, adopted: true });
    expect(fake.trustedOwners(CLUSTERS.advancedAws)).toHaveLength(1);
  });

  it("never double-adds when the answer to the add is lost", async () => {
    const fake = await startFake({ clusters: [ADVANCED], faults: { dropAfterRate: 1, methods: ["POST"] } });
    const { outs } = await provider.create({ ...inputs, externalOwnerId: "*" });
    expect(fake.trustedOwners(CLUSTERS.advancedAws)).toEqual([expect.objectContaining({ id: outs!.ownerId, external_owner_id: "*" })]);
    expect(requestsTo(fake, "POST", "/private-endpoint-trusted-owners")).toHaveLength(1);
  });

  it("reads and imports by <clusterId>:<ownerId>; a removed entry is gone", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    const { id } = await provider.create(inputs);
    const read = await provider.read(id, {} as never);
    expect(read.props).toEqual({ ...inputs, ownerId: id.split(":")[1], adopted: false });
    expect(read.inputs).toEqual(inputs);
    await provider.delete(id, read.props!);
    expect(fake.trustedOwners(CLUSTERS.advancedAws)).toEqual([]);
    expect((await provider.read(id)).id).toBe("");
    const err = await rejectionOf(provider.read("not-an-id"));
    expect(err.message).toMatch(/Invalid PrivateEndpointTrustedOwner ID "not-an-id": expected <clusterId>:<ownerId>/);
  });

  it("deletes idempotently", async () => {
    const fake = await startFake({ clusters: [ADVANCED] });
    const { id, outs } = await provider.create(inputs);
    await provider.delete(id, outs!);
    await provider.delete(id, outs!);
    expect(requestsTo(fake, "DELETE", outs!.ownerId)).toHaveLength(1);
  });

  it("says that adding needs CLUSTER_ADMIN when the key is only an operator", async () => {
    await startFake({ clusters: [ADVANCED], apiKeys: { "writer-key": "CLUSTER_OPERATOR_WRITER" } });
    process.env.COCKROACH_API_KEY = "writer-key";
    const err = await rejectionOf(provider.create(inputs));
    expect(err.message).toMatch(/AddPrivateEndpointTrustedOwner .* HTTP 403 .*needs one of CLUSTER_ADMIN on the cluster/);
    expect(err.message).not.toContain("writer-key");
  });

  it("replaces on any input change", async () => {
    const olds = { ...inputs, ownerId: "x", adopted: false };
    expect(await provider.diff("x", olds, inputs)).toEqual({ changes: false, replaces: [] });
    expect(await provider.diff("x", olds, { ...inputs, externalOwnerId: "*" })).toEqual({ changes: true, replaces: ["externalOwnerId"] });
  });
});
