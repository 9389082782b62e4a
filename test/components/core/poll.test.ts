// pollUntil under vitest's fake clock: pauses, deadlines and timeouts are asserted exactly, with no real sleeping
// and no wall-clock gaps that a busy machine could stretch.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeError, pollUntil, WaitTimeoutError, type PollOptions } from "../../../components/core/poll";

const fast = { minIntervalMs: 5, maxIntervalMs: 20, onProgress: () => {} };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs a poll to its end on the fake clock. */
async function settle<T, R>(options: PollOptions<T, R>): Promise<{ value?: R; error?: unknown }> {
  const outcome = pollUntil(options).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

describe("pollUntil", () => {
  it("returns the value once check says done, reporting each new status once", async () => {
    const statuses = ["PENDING", "PENDING", "PENDING_ACCEPTANCE", "AVAILABLE"];
    const lines: string[] = [];
    let calls = 0;
    const { value } = await settle({
      ...fast,
      description: "connection to be AVAILABLE",
      timeoutMs: 2000,
      observe: async () => statuses[calls++]!,
      check: (s) => (s === "AVAILABLE" ? { done: true, value: `got ${s}` } : { done: false, status: s }),
      onProgress: (l) => lines.push(l),
    });
    expect(value).toBe("got AVAILABLE");
    expect(calls).toBe(4);
    expect(lines).toEqual([
      "waiting for connection to be AVAILABLE: PENDING (0s)",
      "waiting for connection to be AVAILABLE: PENDING_ACCEPTANCE (0s)",
    ]);
  });

  it("times out at the deadline with the description and the last status", async () => {
    const started = Date.now();
    const { error } = await settle({
      ...fast,
      description: "endpoint vpce-1 to be available",
      timeoutMs: 3000,
      observe: async () => "pending",
      check: (s) => ({ done: false, status: s }),
    });
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toBe(
      "timed out after 3s waiting for endpoint vpce-1 to be available; last status: pending. Run the update again to keep waiting; nothing is lost.",
    );
    expect(Date.now() - started).toBe(3000);
  });

  it("keeps waiting through retryable errors, pausing exactly the retryAfterMs they ask for", async () => {
    const times: number[] = [];
    const lines: string[] = [];
    const { value } = await settle({
      ...fast,
      description: "x",
      timeoutMs: 2000,
      onProgress: (l) => lines.push(l),
      observe: async () => {
        times.push(Date.now());
        if (times.length === 1) throw Object.assign(new Error("HTTP 429"), { retryable: true, retryAfterMs: 150 });
        return "ok";
      },
      check: (s) => ({ done: true, value: s }),
    });
    expect(value).toBe("ok");
    expect(times[1]! - times[0]!).toBe(150);
    expect(lines).toEqual(["waiting for x: transient error: HTTP 429 (0s)"]);
  });

  it("names a transient error that is not an Error (an SDK's plain object) instead of printing undefined", async () => {
    const lines: string[] = [];
    let calls = 0;
    await settle({
      ...fast,
      description: "x",
      timeoutMs: 1000,
      onProgress: (l) => lines.push(l),
      observe: async () => {
        if (calls++ === 0) throw { name: "ThrottlingException", retryable: true };
        return 1;
      },
      check: (n) => ({ done: true, value: n }),
    });
    expect(lines).toEqual(["waiting for x: transient error: ThrottlingException (0s)"]);
    expect(describeError({ $metadata: { httpStatusCode: 503 } })).toBe('{"$metadata":{"httpStatusCode":503}}');
    expect(describeError("plain text")).toBe("plain text");
  });

  it("fails at once on a non-retryable error or when check throws", async () => {
    const forbidden = await settle({
      ...fast, description: "x", timeoutMs: 1000,
      observe: async () => { throw Object.assign(new Error("HTTP 403"), { retryable: false }); },
      check: () => ({ done: true, value: 1 }),
    });
    expect((forbidden.error as Error).message).toBe("HTTP 403");
    const failed = await settle({
      ...fast, description: "x", timeoutMs: 1000,
      observe: async () => "STATUS_FAILED",
      check: (s) => { throw new Error(`connection failed with status ${s}`); },
    });
    expect((failed.error as Error).message).toBe("connection failed with status STATUS_FAILED");
  });

  it("grows the pause by half each time up to maxIntervalMs, and never beyond", async () => {
    const times: number[] = [];
    await settle({
      description: "x", timeoutMs: 3000, minIntervalMs: 10, maxIntervalMs: 40, onProgress: () => {},
      observe: async () => { times.push(Date.now()); return times.length; },
      check: (n) => (n >= 8 ? { done: true, value: n } : { done: false, status: String(n) }),
    });
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps).toEqual([10, 15, 23, 35, 40, 40, 40]);
  });

  it("ends at an overall deadline earlier than its own timeout, and cuts the last pause to it", async () => {
    const started = Date.now();
    const { error } = await settle({
      ...fast, description: "x", timeoutMs: 60_000, deadline: started + 1234,
      observe: async () => "pending",
      check: (s) => ({ done: false, status: s }),
    });
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(Date.now() - started).toBe(1234);
  });

  it("aborts an observation's signal at the deadline, and abandons one that ignores it after the grace", async () => {
    let signal: AbortSignal | undefined;
    const started = Date.now();
    const { error } = await settle({
      ...fast, description: "endpoint to be ready", timeoutMs: 5000, observationGraceMs: 700,
      observe: (s) => {
        signal = s;
        return new Promise<string>(() => undefined); // a request that never answers
      },
      check: (s) => ({ done: true, value: s }),
    });
    expect((error as Error).message).toMatch(/^timed out after 6s waiting for endpoint to be ready; last status: not observed yet\./);
    expect(Date.now() - started).toBe(5700);
    expect(signal?.aborted).toBe(true);
  });

  it("ends at the deadline when the observation honours its signal (a request cancelled by it)", async () => {
    const started = Date.now();
    const { error } = await settle({
      ...fast, description: "endpoint to be ready", timeoutMs: 5000,
      observe: (signal) =>
        new Promise<string>((_, reject) => signal.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { retryable: true })))),
      check: (s) => ({ done: true, value: s }),
    });
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(Date.now() - started).toBe(5000);
  });
});
