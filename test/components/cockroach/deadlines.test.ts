// Issue 8 cases 3, 9, 10 and 17: one deadline per operation that every request, retry and Retry-After sleep
// respects; retries until that deadline, not a fixed count; invalid JSON retried; 429s absorbed. Where a case is
// "it does not overrun", the test's own timeout is the bound: the server would otherwise keep it for minutes.
import { describe, expect, it } from "vitest";
import { CockroachCloudClient } from "../../../components/cockroach/api/client";
import { AllowListProvider } from "../../../components/cockroach/providers/allowListProvider";
import { PrivateEndpointConnectionProvider } from "../../../components/cockroach/providers/privateEndpointConnectionProvider";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { CLUSTERS, FAST, rejectionOf, requestsTo, startFake } from "./support";

const CLUSTER = CLUSTERS.standardAws;
const STANDARD: FakeClusterSeed = { id: CLUSTER, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] };
const ENTRY = { clusterId: CLUSTER, cidrIp: "203.0.113.0", cidrMask: 24, sql: true, ui: false, name: "office" };
const ENDPOINT = "vpce-0a1b2c3d4e5f60718";
/** The real request timeout (30 s) and backoff: only the operation's deadline may cut them short. */
const DEFAULT_TIMEOUTS = { ...FAST, requestTimeoutMs: undefined, retry: undefined, waitTimeoutMs: 1000 };

describe("one deadline per operation", () => {
  it("cuts a request that answers later than the deadline (here: never within the test)", async () => {
    const fake = await startFake({ clusters: [STANDARD], faults: { slowRate: 1, slowMs: 600_000 } });
    const err = await rejectionOf(new AllowListProvider(DEFAULT_TIMEOUTS).create(ENTRY));
    expect(err.message).toMatch(/^Gave up to allow 203\.0\.113\.0\/24 .*\(the operation's time limit ran out\); the last transient failure was: .*ListAllowlistEntries.*request timed out after \d+ ms/);
    expect(fake.requests.every((r) => r.method === "GET")).toBe(true);
  }, 15_000);

  it("bounds the cluster lookup before registering, and the wait after it, by the same deadline", async () => {
    const fake = await startFake({ clusters: [STANDARD], faults: { slowRate: 1, slowMs: 600_000, methods: ["GET"] } });
    const err = await rejectionOf(new PrivateEndpointConnectionProvider(DEFAULT_TIMEOUTS).create({ clusterId: CLUSTER, endpointId: ENDPOINT }));
    expect(err.message).toMatch(/GetCluster \(cluster 1{8}-.*\) failed: no answer: request timed out after \d+ ms/);
    expect(requestsTo(fake, "POST", "/private-endpoint-connections")).toEqual([]);
  }, 15_000);

  it("does not sleep the hour a GET's Retry-After asks for: it gives up at the deadline naming the 429", async () => {
    await startFake({ clusters: [STANDARD], faults: { rateLimitRate: 1, retryAfterSeconds: 3600, methods: ["GET"] } });
    const err = await rejectionOf(new AllowListProvider(DEFAULT_TIMEOUTS).read(`${CLUSTER}:203.0.113.0/24`));
    expect(err.message).toMatch(/ListAllowlistEntries .* HTTP 429 RESOURCE_EXHAUSTED/);
  }, 15_000);

  it("a client without a deadline keeps its fixed attempts; with one, retries until the deadline", async () => {
    const fake = await startFake({ clusters: [STANDARD], faults: { unavailableRate: 1, methods: ["GET"] } });
    const retry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
    await rejectionOf(new CockroachCloudClient({ retry, rateLimit: FAST.rateLimit }).getCluster(CLUSTER));
    expect(fake.requests).toHaveLength(3);
    fake.requests.length = 0;
    const deadline = Date.now() + 2000;
    const err = await rejectionOf(new CockroachCloudClient({ retry, rateLimit: FAST.rateLimit, deadline }).getCluster(CLUSTER));
    expect(err.message).toMatch(/HTTP 503/);
    expect(fake.requests.length).toBeGreaterThan(3);
  });
});

describe("transient answers are retried", () => {
  it("a GET answered 200 with invalid JSON is asked again (case 10)", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    fake.setQuirks({ invalidJsonAnswers: 2 });
    const cluster = await new CockroachCloudClient({ retry: { baseDelayMs: 1, maxDelayMs: 5 }, rateLimit: FAST.rateLimit }).getCluster(CLUSTER);
    expect(cluster.id).toBe(CLUSTER);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("429s from a budget shared with other processes are absorbed, not fatal (case 17)", async () => {
    // Another pipeline of the same service account uses part of the 10 requests/s: half our requests get 429.
    const fake = await startFake({ clusters: [STANDARD], faults: { rateLimitRate: 0.5, retryAfterSeconds: 0.02, seed: 17 } });
    const tuning = { ...FAST, waitTimeoutMs: 15_000 };
    const entry = await new AllowListProvider(tuning).create(ENTRY);
    const connection = await new PrivateEndpointConnectionProvider(tuning).create({ clusterId: CLUSTER, endpointId: ENDPOINT });
    expect(entry.outs).toEqual({ ...ENTRY, adopted: false });
    expect(connection.outs?.status).toBe("STATUS_AVAILABLE");
    expect(fake.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(fake.registrations(CLUSTER, ENDPOINT)).toBe(1);
  }, 20_000);
});
