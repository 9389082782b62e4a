// Issue 8 case 9: at ~70% injected faults, 20 concurrent flows (connections, allowlist entries, trusted owners:
// create, change, delete) all converge within the resources' own limit (10 minutes), with nothing duplicated or
// left behind. The suite runs it with an unlimited request rate so it is quick; `SOAK_REAL_RATE=1` runs it under
// the real 10 requests/s limit (`SOAK_REAL_RATE=1 npx vitest run test/components/cockroach/faultSoak.test.ts`), and
// it prints its figures either way.
import { expect, it } from "vitest";
import { AllowListProvider } from "../../../components/cockroach/providers/allowListProvider";
import { PrivateEndpointConnectionProvider } from "../../../components/cockroach/providers/privateEndpointConnectionProvider";
import { PrivateEndpointTrustedOwnerProvider } from "../../../components/cockroach/providers/privateEndpointTrustedOwnerProvider";
import type { ProviderTuning } from "../../../components/cockroach/providers/tuning";
import { CLUSTERS, FAST, startFake } from "./support";

const CLUSTER = CLUSTERS.advancedAws;
const REAL_RATE = process.env.SOAK_REAL_RATE === "1";
/** Before-handling faults (~62%), slow answers, and mutations applied but unanswered: about 70% of requests. */
const FAULTS = {
  unavailableRate: 0.4,
  rateLimitRate: 0.2,
  retryAfterSeconds: 0.05,
  dropBeforeRate: 0.2,
  dropAfterRate: 0.3,
  slowRate: 0.2,
  slowMs: 30,
  seed: 70,
};
/** The resources' real limit and request timeout; only pauses are short (and the rate limit, unless REAL_RATE). */
const TUNING: ProviderTuning = {
  ...FAST,
  waitTimeoutMs: 10 * 60 * 1000,
  requestTimeoutMs: 30_000,
  retry: { baseDelayMs: 10, maxDelayMs: 100 },
  rateLimit: REAL_RATE ? undefined : FAST.rateLimit,
};
const ENDPOINTS = Array.from({ length: 8 }, (_, i) => `vpce-00000000000000b${String(i).padStart(2, "0")}`);
const CIDRS = Array.from({ length: 8 }, (_, i) => `198.51.100.${i * 16}`);
const ACCOUNTS = Array.from({ length: 4 }, (_, i) => `00000000000${i}`.padStart(12, "0"));

it("20 flows at ~70% faults converge, each entry made once and removed", async () => {
  const fake = await startFake({
    clusters: [{ id: CLUSTER, plan: "ADVANCED", cloudProvider: "AWS", regions: [{ name: "us-east-1" }], servicesExist: true }],
    timing: { connectionPendingMs: 30, connectionAcceptMs: 80, allowlistPropagationMs: 50 },
  });
  fake.setFaults(FAULTS);
  const connections = new PrivateEndpointConnectionProvider(TUNING);
  const allowList = new AllowListProvider(TUNING);
  const owners = new PrivateEndpointTrustedOwnerProvider(TUNING);
  const started = Date.now();

  const flows = [
    ...ENDPOINTS.map(async (endpointId) => {
      const { id, outs } = await connections.create({ clusterId: CLUSTER, endpointId });
      expect(outs).toMatchObject({ status: "STATUS_AVAILABLE", adopted: false });
      await connections.delete(id, outs!);
    }),
    ...CIDRS.map(async (cidrIp) => {
      const inputs = { clusterId: CLUSTER, cidrIp, cidrMask: 28, sql: true, ui: false, name: `soak-${cidrIp}` };
      const { id, outs } = await allowList.create(inputs);
      expect(outs).toEqual({ ...inputs, adopted: false });
      const updated = await allowList.update(id, outs!, { ...inputs, ui: true });
      expect(updated.outs).toEqual({ ...inputs, ui: true, adopted: false });
      await allowList.delete(id, updated.outs!);
    }),
    ...ACCOUNTS.map(async (externalOwnerId) => {
      const { id, outs } = await owners.create({ clusterId: CLUSTER, type: "AWS_ACCOUNT_ID", externalOwnerId });
      expect(outs?.adopted).toBe(false);
      await owners.delete(id, outs!);
    }),
  ];
  expect(flows).toHaveLength(20);
  await Promise.all(flows);
  const elapsedMs = Date.now() - started;
  fake.setFaults({});

  expect(fake.connections(CLUSTER).map((c) => c.status)).toEqual(ENDPOINTS.map(() => "STATUS_REJECTED"));
  for (const endpointId of ENDPOINTS) expect(fake.registrations(CLUSTER, endpointId)).toBe(1);
  expect(fake.allowlist(CLUSTER)).toEqual([]);
  expect(fake.trustedOwners(CLUSTER)).toEqual([]);
  // No connection POST ever met an entry that was already there: each was observed before any repeat.
  expect(fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/private-endpoint-connections") && r.status === 409)).toEqual([]);

  const faulty = fake.requests.filter((r) => r.fault !== undefined).length / fake.requests.length;
  expect(faulty).toBeGreaterThan(0.6);
  expect(elapsedMs).toBeLessThan(10 * 60 * 1000);
  const peak = fake.maxRequestsPerSecond();
  if (REAL_RATE) expect(peak).toBeLessThanOrEqual(10);
  console.log(
    `fault soak: 20 flows, ${fake.requests.length} requests, ${Math.round(faulty * 100)}% faulty, peak ${peak} requests/s, ` +
      `${(elapsedMs / 1000).toFixed(1)} s${REAL_RATE ? " (real 10 requests/s limit)" : " (rate limit off)"}`,
  );
}, REAL_RATE ? 600_000 : 60_000);
