import { describe, expect, it } from "vitest";
import { pollUntil, WaitTimeoutError } from "../../../components/shared/poll";

const fast = { minIntervalMs: 5, maxIntervalMs: 20 };

describe("pollUntil", () => {
  it("returns the value once check says done, reporting each new status once", async () => {
    const statuses = ["PENDING", "PENDING", "PENDING_ACCEPTANCE", "AVAILABLE"];
    const lines: string[] = [];
    let calls = 0;
    const value = await pollUntil({
      ...fast,
      description: "connection to be AVAILABLE",
      timeoutMs: 2000,
      observe: async () => statuses[calls++]!,
      check: (s) => (s === "AVAILABLE" ? { done: true, value: `got ${s}` } : { done: false, status: s }),
      onProgress: (l) => lines.push(l),
    });
    expect(value).toBe("got AVAILABLE");
    expect(calls).toBe(4);
    expect(lines.map((l) => l.replace(/ \(\d+s\)$/, ""))).toEqual([
      "waiting for connection to be AVAILABLE: PENDING",
      "waiting for connection to be AVAILABLE: PENDING_ACCEPTANCE",
    ]);
  });

  it("times out with the description and the last status", async () => {
    const err = await pollUntil({
      ...fast,
      description: "endpoint vpce-1 to be available",
      timeoutMs: 60,
      observe: async () => "pending",
      check: (s) => ({ done: false, status: s }),
      onProgress: () => {},
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as Error).message).toMatch(/timed out after \d+s waiting for endpoint vpce-1 to be available; last status: pending/);
  });

  it("keeps waiting through retryable errors and honours their retryAfterMs", async () => {
    let calls = 0;
    const times: number[] = [];
    const value = await pollUntil({
      ...fast,
      description: "x",
      timeoutMs: 2000,
      observe: async () => {
        times.push(Date.now());
        if (calls++ === 0) throw Object.assign(new Error("HTTP 429"), { retryable: true, retryAfterMs: 150 });
        return "ok";
      },
      check: (s) => ({ done: true, value: s }),
      onProgress: () => {},
    });
    expect(value).toBe("ok");
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
  });

  it("fails at once on a non-retryable error or when check throws", async () => {
    await expect(
      pollUntil({
        ...fast, description: "x", timeoutMs: 1000, onProgress: () => {},
        observe: async () => { throw Object.assign(new Error("HTTP 403"), { retryable: false }); },
        check: () => ({ done: true, value: 1 }),
      }),
    ).rejects.toThrow("HTTP 403");
    await expect(
      pollUntil({
        ...fast, description: "x", timeoutMs: 1000, onProgress: () => {},
        observe: async () => "STATUS_FAILED",
        check: (s) => { throw new Error(`connection failed with status ${s}`); },
      }),
    ).rejects.toThrow("connection failed with status STATUS_FAILED");
  });

  it("never sleeps longer than maxIntervalMs between observations", async () => {
    const times: number[] = [];
    await pollUntil({
      description: "x", timeoutMs: 3000, minIntervalMs: 10, maxIntervalMs: 40, onProgress: () => {},
      observe: async () => { times.push(Date.now()); return times.length; },
      check: (n) => (n >= 12 ? { done: true, value: n } : { done: false, status: String(n) }),
    });
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThan(40 + 30); // timer slack
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(35);    // grew to the cap
  });
});
