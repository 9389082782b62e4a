import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FakeCloudServer, FakeFaults } from "../../../tools/fake-cloud";
import { maxArrivalsInWindow } from "../../../tools/fake-cloud/requestLog";
import { mulberry32 } from "../../../tools/fake-cloud/faults";
import { AWS_STANDARD, call, clusterPath, networkingPath, startWithAllClusters } from "./helpers";

const LIST = networkingPath(AWS_STANDARD, "allowlist");
const ENTRY = { cidr_ip: "10.0.0.0", cidr_mask: 8, ui: true, sql: true };

let fake: FakeCloudServer;
beforeEach(async () => {
  fake = await startWithAllClusters();
});
afterEach(async () => {
  vi.useRealTimers();
  await fake.close();
});

const last = () => fake.requests.at(-1);

describe("injected faults", () => {
  it("drop-before destroys the socket without handling: a network error and no state change", async () => {
    fake.setFaults({ dropBeforeRate: 1 });
    await expect(call(fake, "POST", LIST, { body: ENTRY })).rejects.toThrow(TypeError);
    expect(last()).toMatchObject({ method: "POST", status: 0, fault: "drop-before" });
    fake.setFaults({});
    expect(fake.allowlist(AWS_STANDARD.id)).toEqual([]);
  });

  it("drop-after applies the mutation, then destroys the socket: a network error and the change made", async () => {
    fake.setFaults({ dropAfterRate: 1 });
    await expect(call(fake, "POST", LIST, { body: ENTRY })).rejects.toThrow(TypeError);
    expect(last()).toMatchObject({ method: "POST", status: 0, fault: "drop-after" });
    expect(fake.allowlist(AWS_STANDARD.id)).toEqual([ENTRY]);

    // Reads are never dropped after handling.
    const read = await call(fake, "GET", LIST);
    expect(read.status).toBe(200);
    expect(last()?.fault).toBeUndefined();
  });

  it("unavailable answers 503 UNAVAILABLE without handling", async () => {
    fake.setFaults({ unavailableRate: 1 });
    const result = await call(fake, "POST", LIST, { body: ENTRY });
    expect(result.status).toBe(503);
    expect(result.body).toEqual({ code: 14, message: "service unavailable", details: [] });
    expect(last()).toMatchObject({ status: 503, fault: "unavailable" });
    expect(fake.allowlist(AWS_STANDARD.id)).toEqual([]);
  });

  it("rate-limit answers 429 with Retry-After", async () => {
    fake.setFaults({ rateLimitRate: 1, retryAfterSeconds: 0.05 });
    const result = await call(fake, "GET", clusterPath(AWS_STANDARD));
    expect(result.status).toBe(429);
    expect(result.headers.get("retry-after")).toBe("0.05");
    expect(result.body).toEqual({ code: 8, message: "rate limit exceeded", details: [] });
    expect(last()).toMatchObject({ status: 429, fault: "rate-limit" });
  });

  it("slow delays the answer by slowMs, then handles normally", async () => {
    fake.setFaults({ slowRate: 1, slowMs: 150 });
    const started = performance.now();
    const result = await call(fake, "POST", LIST, { body: ENTRY });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(result.status).toBe(200);
    expect(last()).toMatchObject({ status: 200, fault: "slow" });
  });

  it("applies faults only to the listed methods, and only under /api/v1", async () => {
    fake.setFaults({ unavailableRate: 1, methods: ["post"] });
    expect((await call(fake, "GET", LIST)).status).toBe(200);
    expect((await call(fake, "POST", LIST, { body: ENTRY })).status).toBe(503);

    fake.setFaults({ unavailableRate: 1 });
    expect((await fetch(`${fake.url}/clusters/${AWS_STANDARD.id}/cert`)).status).toBe(200);
  });

  it("are reproducible from the seed", async () => {
    const faults: FakeFaults = { unavailableRate: 0.3, rateLimitRate: 0.3, seed: 42 };
    const run = async (target: FakeCloudServer) => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call(target, "GET", clusterPath(AWS_STANDARD))).status);
      return statuses;
    };
    const other = await startWithAllClusters({ faults });
    try {
      fake.setFaults(faults);
      const first = await run(fake);
      expect(await run(other)).toEqual(first);
      expect(new Set(first)).toEqual(new Set([200, 429, 503]));

      fake.setFaults(faults); // reseeds: the same sequence again
      expect(await run(fake)).toEqual(first);
      fake.setFaults({ ...faults, seed: 7 });
      expect(await run(fake)).not.toEqual(first);
    } finally {
      await other.close();
    }
  });
});

describe("mulberry32", () => {
  it("is deterministic per seed and stays in [0, 1)", () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const values = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe("maxRequestsPerSecond", () => {
  it("counts arrivals in half-open rolling 1000 ms windows", () => {
    expect(maxArrivalsInWindow([])).toBe(0);
    expect(maxArrivalsInWindow([0, 1000, 2000])).toBe(1);
    expect(maxArrivalsInWindow([0, 999, 1000])).toBe(2);
    // Unsorted input; the densest windows are [0, 1000) and [500, 1500), three arrivals each.
    expect(maxArrivalsInWindow([2000, 0, 500, 999, 1000, 1999])).toBe(3);
  });

  it("measures the requests the server received", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const get = () => call(fake, "GET", clusterPath(AWS_STANDARD));
    vi.setSystemTime(10_000);
    await Promise.all([get(), get(), get()]);
    vi.setSystemTime(10_999);
    await get();
    vi.setSystemTime(11_000);
    await Promise.all([get(), get()]);
    expect(fake.requests.map((r) => r.at)).toEqual([10_000, 10_000, 10_000, 10_999, 11_000, 11_000]);
    // [10_000, 11_000) holds 4; a closed window would wrongly hold all 6.
    expect(fake.maxRequestsPerSecond()).toBe(4);
  });
});

describe("close()", () => {
  it("returns promptly with idle keep-alive connections and with a request still in a slow fault", async () => {
    // The slow fault outlasts the test's timeout: close() must not wait for it.
    const other = await startWithAllClusters({ faults: { slowRate: 1, slowMs: 600_000, methods: ["POST"] } });
    await call(other, "GET", clusterPath(AWS_STANDARD)); // leaves a keep-alive socket in fetch's pool
    const pending = call(other, "POST", LIST, { body: ENTRY });
    while (!other.requests.some((r) => r.method === "POST")) await new Promise((resolve) => setTimeout(resolve, 5));

    await other.close();
    await expect(pending).rejects.toThrow(TypeError);
    await other.close(); // a second close is harmless
  });
});
