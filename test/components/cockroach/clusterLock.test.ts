// The shared reconcile path against a LOCKED cluster and a server asking for long pauses: a lock is waited out (GET
// cluster until CREATED) within the resource's wait timeout, and no pause sleeps past that timeout.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AllowListProvider } from "../../../components/cockroach/providers/allowListProvider";
import { PrivateEndpointConnectionProvider } from "../../../components/cockroach/providers/privateEndpointConnectionProvider";
import { PrivateEndpointTrustedOwnerProvider } from "../../../components/cockroach/providers/privateEndpointTrustedOwnerProvider";
import type { ProviderTuning } from "../../../components/cockroach/providers/tuning";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { CLUSTERS, FAST, rejectionOf, requestsTo, startFake, until } from "./support";

const CLUSTER = CLUSTERS.standardAws;
const STANDARD_AWS: FakeClusterSeed = { id: CLUSTER, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] };
const ENDPOINT = "vpce-0a1b2c3d4e5f60718";
const ENTRY = { clusterId: CLUSTER, cidrIp: "203.0.113.0", cidrMask: 24, sql: true, ui: false, name: "office" };
const OWNER = { clusterId: CLUSTER, type: "AWS_ACCOUNT_ID", externalOwnerId: "012345678901" };
const MUTATIONS = ["/private-endpoint-connections", "/networking/allowlist", "/private-endpoint-trusted-owners"];

/** The three resources whose changes go through reconcile, with one tuning. */
function providers(tuning: ProviderTuning) {
  return {
    connection: new PrivateEndpointConnectionProvider(tuning),
    allowList: new AllowListProvider(tuning),
    owner: new PrivateEndpointTrustedOwnerProvider(tuning),
  };
}

function captureStderr(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => lines.push(line);
  return { lines, restore: () => (console.error = original) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("a LOCKED cluster", () => {
  it("is waited out until CREATED, long past the mutation attempts; then each resource registers once", async () => {
    // The fake's lock ends by Date.now(): a fake clock that also runs in real time lets the lock last 1.5 s of it.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    fake.setClusterState(CLUSTER, "LOCKED", 1500);
    // Three rounds with at most 5 + 10 ms of backoff: before, this gave up ("Gave up after 3 attempts") within ~50 ms.
    const { connection, allowList, owner } = providers({ ...FAST, mutationAttempts: 3, silent: false });
    const stderr = captureStderr();
    try {
      let settled = false;
      const created = Promise.all([connection.create({ clusterId: CLUSTER, endpointId: ENDPOINT }), allowList.create(ENTRY), owner.create(OWNER)]);
      void created.finally(() => (settled = true)).catch(() => undefined);
      const waiting = () => stderr.lines.filter((l) => l.startsWith(`waiting for cluster ${CLUSTER} to be unlocked: LOCKED`));
      // All three are waiting for the unlock, and still are well after their backoff would have run out.
      await until(() => settled || waiting().length === 3);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(settled).toBe(false);
      vi.setSystemTime(Date.now() + 1500);
      const [conn, entry, trusted] = await created;

      expect(conn.outs?.status).toBe("STATUS_AVAILABLE");
      expect(entry.outs).toEqual({ ...ENTRY, adopted: false });
      expect(trusted.outs).toMatchObject(OWNER);
      expect(fake.registrations(CLUSTER, ENDPOINT)).toBe(1);
      expect(fake.allowlist(CLUSTER)).toHaveLength(1);
      expect(fake.trustedOwners(CLUSTER)).toHaveLength(1);
      // Each mutation: refused once by the lock, then applied once after the unlock.
      for (const path of MUTATIONS) expect(requestsTo(fake, "POST", path).map((r) => r.status)).toEqual([409, 200]);
      expect(waiting()).toHaveLength(3);
    } finally {
      stderr.restore();
    }
  });

  it("that outlasts the wait timeout fails naming the lock, having changed nothing", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS] });
    fake.setClusterState(CLUSTER, "LOCKED");
    // The lock never ends: the timeout is only what the test costs, long enough for a busy machine to get going.
    const { connection, allowList, owner } = providers({ ...FAST, waitTimeoutMs: 1500 });
    const errors = await Promise.all([
      rejectionOf(connection.create({ clusterId: CLUSTER, endpointId: ENDPOINT })),
      rejectionOf(allowList.create(ENTRY)),
      rejectionOf(owner.create(OWNER)),
    ]);
    for (const err of errors) {
      expect(err.message).toMatch(
        new RegExp(`^timed out after \\d+s waiting for cluster ${CLUSTER} to be unlocked; last status: LOCKED\\. Run the update again`),
      );
    }
    expect(fake.requests.filter((r) => r.method !== "GET" && r.status !== 409)).toEqual([]);
  });
});

describe("Retry-After on a mutation", () => {
  it("never sleeps past the wait timeout, however long the server asks to wait", async () => {
    const fake = await startFake({ clusters: [STANDARD_AWS], faults: { rateLimitRate: 1, retryAfterSeconds: 3600, methods: ["POST"] } });
    // The default max delay (20 s) would honour 20 s of the hour; the 500 ms time limit is shorter still. Retries go
    // on until the limit (not a count), and the operation ends there: the test's own 10 s timeout is the bound.
    const provider = new PrivateEndpointConnectionProvider({ ...FAST, retry: { baseDelayMs: 5 }, waitTimeoutMs: 500 });
    const err = await rejectionOf(provider.create({ clusterId: CLUSTER, endpointId: ENDPOINT }));
    expect(err.message).toMatch(
      new RegExp(`^Gave up to register private endpoint ${ENDPOINT} with cluster ${CLUSTER} after \\d+ rounds? in [\\d.]+s \\(the operation's time limit ran out\\); the last transient failure was: .*HTTP 429`),
    );
    const posts = requestsTo(fake, "POST", "/private-endpoint-connections");
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(posts.every((r) => r.status === 429)).toBe(true);
  }, 10_000);
});
