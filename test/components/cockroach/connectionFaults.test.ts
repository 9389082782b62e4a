// Under a ~30% fault mix (503, 429 with a short Retry-After, connections dropped before and after a mutation is
// applied), concurrent creates and deletes still converge, and each endpoint is registered exactly once.
import { expect, it } from "vitest";
import { PrivateEndpointConnectionProvider } from "../../../components/cockroach/providers/privateEndpointConnectionProvider";
import { CLUSTERS, FAST, startFake } from "./support";

const ENDPOINTS = ["vpce-00000000000000a01", "vpce-00000000000000a02", "vpce-00000000000000a03", "vpce-00000000000000a04", "vpce-00000000000000a05", "vpce-00000000000000a06"];
const FAULT_MIX = {
  unavailableRate: 0.1,
  rateLimitRate: 0.08,
  retryAfterSeconds: 0.02,
  dropBeforeRate: 0.08,
  dropAfterRate: 0.3,
};

it("registers each endpoint exactly once and deletes them all, whatever fails on the way", async () => {
  const fake = await startFake({
    clusters: [{ id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] }],
    timing: { connectionPendingMs: 30, connectionAcceptMs: 80 },
  });
  const provider = new PrivateEndpointConnectionProvider({ ...FAST, mutationAttempts: 20, retry: { attempts: 8, baseDelayMs: 5, maxDelayMs: 30 } });

  for (const seed of [3, 11]) {
    const roundStart = fake.requests.length;
    fake.setFaults({ ...FAULT_MIX, seed });
    const created = await Promise.all(ENDPOINTS.map((endpointId) => provider.create({ clusterId: CLUSTERS.standardAws, endpointId })));
    expect(created.map((c) => c.outs?.status)).toEqual(ENDPOINTS.map(() => "STATUS_AVAILABLE"));
    await Promise.all(created.map((c) => provider.delete(c.id, c.outs!)));
    fake.setFaults({});
    expect(fake.connections(CLUSTERS.standardAws).map((c) => c.status)).toEqual(ENDPOINTS.map(() => "STATUS_REJECTED"));

    // Observed before every repeat: no POST ever met an entry that was already there (409), and each endpoint saw
    // exactly one add and one delete that the fake applied (answered 200, or applied and then dropped).
    const round = fake.requests.slice(roundStart);
    const applied = (r: (typeof round)[number]) => r.status === 200 || r.fault === "drop-after";
    const posts = round.filter((r) => r.method === "POST");
    expect(posts.filter((r) => r.status === 409)).toEqual([]);
    expect(posts.filter(applied)).toHaveLength(ENDPOINTS.length);
    for (const endpointId of ENDPOINTS) {
      expect(round.filter((r) => r.method === "DELETE" && r.path.endsWith(endpointId) && applied(r))).toHaveLength(1);
    }
  }

  // Two rounds, each with one create per endpoint: the second is the re-attach of a rejected entry.
  for (const endpointId of ENDPOINTS) expect(fake.registrations(CLUSTERS.standardAws, endpointId)).toBe(2);
  const faults = new Set(fake.requests.map((r) => r.fault).filter(Boolean));
  expect(faults).toEqual(new Set(["unavailable", "rate-limit", "drop-before", "drop-after"]));
  // The mix was really around 30% of all requests.
  const faulty = fake.requests.filter((r) => r.fault !== undefined).length / fake.requests.length;
  expect(faulty).toBeGreaterThan(0.15);
});
