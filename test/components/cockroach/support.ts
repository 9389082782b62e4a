// Shared set-up of the CockroachDB tests: a real fake Cloud API on 127.0.0.1, fixed cluster IDs, and provider tuning
// that keeps waits and backoffs short.
import { afterEach } from "vitest";
import { startFakeCloud, type FakeCloudOptions, type FakeCloudServer } from "../../../tools/fake-cloud";
import type { ProviderTuning } from "../../../components/cockroach/providers/tuning";

export const API_KEY = "fake-api-key";

export const CLUSTERS = {
  standardAws: "11111111-1111-4111-8111-111111111111",
  basicGcp: "22222222-2222-4222-8222-222222222222",
  advancedAws: "33333333-3333-4333-8333-333333333333",
  advancedGcp: "44444444-4444-4444-8444-444444444444",
  standardGcp: "55555555-5555-4555-8555-555555555555",
  missing: "99999999-9999-4999-8999-999999999999",
};

/** Fast waits, fast backoff, and a rate limit high enough not to slow the tests (its own test uses the default). */
export const FAST: ProviderTuning = {
  waitTimeoutMs: 5_000,
  pollMinIntervalMs: 10,
  pollMaxIntervalMs: 30,
  requestTimeoutMs: 2_000,
  retry: { attempts: 6, baseDelayMs: 5, maxDelayMs: 40 },
  rateLimit: { maxRequests: 10_000 },
  silent: true,
};

export const FAST_TIMING = { serviceCreateMs: 120, connectionPendingMs: 30, connectionAcceptMs: 80 };

const running: FakeCloudServer[] = [];

afterEach(async () => {
  while (running.length > 0) await running.pop()!.close();
});

/**
 * Starts a fake (closed after the test) and points the client at it through the environment, as a user would:
 * COCKROACH_SERVER and COCKROACH_API_KEY.
 */
export async function startFake(options: FakeCloudOptions = {}): Promise<FakeCloudServer> {
  const fake = (await startFakeCloud({ timing: FAST_TIMING, ...options })) as FakeCloudServer;
  running.push(fake);
  process.env.COCKROACH_SERVER = fake.url;
  process.env.COCKROACH_API_KEY = API_KEY;
  return fake;
}

/** Requests the fake received with this method whose path ends with `pathEnd`. */
export function requestsTo(fake: FakeCloudServer, method: string, pathEnd: string) {
  return fake.requests.filter((r) => r.method === method && r.path.endsWith(pathEnd));
}

/** The rejection of a promise, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected a rejection, but the promise resolved");
}

/** Resolves once `condition` holds, checking every 5 ms (the test's own timeout bounds it). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
