import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FakeCloudServer } from "../../../tools/fake-cloud";
import { AWS_STANDARD, call, networkingPath, startWithAllClusters } from "./helpers";

const LIST = networkingPath(AWS_STANDARD, "allowlist");
const entryPath = (ip: string, mask: number) => `${LIST}/${encodeURIComponent(ip)}/${mask}`;
const addEntry = (cidr_ip: string, cidr_mask: number, extra: object = {}) =>
  call(fake, "POST", LIST, { body: { cidr_ip, cidr_mask, ui: false, sql: true, ...extra } });

let fake: FakeCloudServer;
beforeEach(async () => {
  fake = await startWithAllClusters({ allowlistPageSize: 2 });
});
afterEach(async () => {
  vi.useRealTimers();
  await fake.close();
});

describe("listing", () => {
  // Inserted out of order; "9.x" sorts before "10.x" numerically but not as text.
  const cidrs: [string, number][] = [
    ["192.168.1.0", 24],
    ["10.0.0.0", 16],
    ["9.9.9.9", 32],
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
  ];
  const sortedKeys = ["9.9.9.9/32", "10.0.0.0/8", "10.0.0.0/16", "172.16.0.0/12", "192.168.1.0/24"];
  const keys = (entries: { cidr_ip: string; cidr_mask: number }[]) => entries.map((e) => `${e.cidr_ip}/${e.cidr_mask}`);

  beforeEach(async () => {
    for (const [ip, mask] of cidrs) expect((await addEntry(ip, mask)).status).toBe(200);
  });

  it("pages through every entry in CIDR order with an opaque next_page token", async () => {
    const seen: string[] = [];
    let page: string | undefined;
    let pages = 0;
    do {
      const query = `?pagination.limit=3${page ? `&pagination.page=${encodeURIComponent(page)}` : ""}`;
      const { status, body } = await call(fake, "GET", `${LIST}${query}`);
      expect(status).toBe(200);
      expect(body.allowlist.length).toBeLessThanOrEqual(3);
      seen.push(...keys(body.allowlist));
      page = body.pagination.next_page;
      pages++;
    } while (page);
    expect(pages).toBe(2);
    expect(seen).toEqual(sortedKeys);
  });

  it("uses allowlistPageSize when no limit is asked for, and can sort descending", async () => {
    const first = await call(fake, "GET", LIST);
    expect(keys(first.body.allowlist)).toEqual(sortedKeys.slice(0, 2));
    expect(first.body.pagination.next_page).toEqual(expect.any(String));

    const desc = await call(fake, "GET", `${LIST}?pagination.limit=10&pagination.sort_order=DESC`);
    expect(keys(desc.body.allowlist)).toEqual([...sortedKeys].reverse());
    expect(desc.body.pagination).toEqual({});
    expect(keys(fake.allowlist(AWS_STANDARD.id))).toEqual(sortedKeys);
  });

  it("rejects a malformed page token or limit with 400", async () => {
    expect((await call(fake, "GET", `${LIST}?pagination.page=garbage`)).status).toBe(400);
    expect((await call(fake, "GET", `${LIST}?pagination.limit=-1`)).status).toBe(400);
    expect((await call(fake, "GET", `${LIST}?pagination.limit=ten`)).status).toBe(400);
  });
});

describe("changes", () => {
  it("POST creates, and a second POST of the same CIDR is 409", async () => {
    const created = await addEntry("203.0.113.0", 24, { name: "office", ui: true });
    expect(created.body).toEqual({ cidr_ip: "203.0.113.0", cidr_mask: 24, ui: true, sql: true, name: "office" });
    const again = await addEntry("203.0.113.0", 24);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(6);
  });

  it.each([
    { body: { cidr_ip: "2001:db8::", cidr_mask: 32, ui: true, sql: true }, why: "IPv6" },
    { body: { cidr_ip: "10.0.0.0", cidr_mask: 33, ui: true, sql: true }, why: "mask over 32" },
    { body: { cidr_ip: "10.0.0.256", cidr_mask: 8, ui: true, sql: true }, why: "bad octet" },
    { body: { cidr_ip: "10.0.0.0", cidr_mask: 8, sql: true }, why: "ui missing" },
    { body: { cidr_ip: "10.0.0.0", cidr_mask: 8, ui: true, sql: "yes" }, why: "sql not boolean" },
  ])("POST with $why is 400 INVALID_ARGUMENT", async ({ body }) => {
    const result = await call(fake, "POST", LIST, { body });
    expect(result.status).toBe(400);
    expect(result.body.code).toBe(3);
    expect(fake.allowlist(AWS_STANDARD.id)).toEqual([]);
  });

  it("PATCH updates ui/sql and keeps the name when none is given; unknown CIDR is 404", async () => {
    await addEntry("198.51.100.7", 32, { name: "vpn" });
    const patched = await call(fake, "PATCH", entryPath("198.51.100.7", 32), { body: { ui: true, sql: false } });
    expect(patched.body).toEqual({ cidr_ip: "198.51.100.7", cidr_mask: 32, ui: true, sql: false, name: "vpn" });
    const unknown = await call(fake, "PATCH", entryPath("198.51.100.8", 32), { body: { ui: true, sql: false } });
    expect(unknown.status).toBe(404);
    expect((await call(fake, "PATCH", entryPath("198.51.100.7", 32), { body: { ui: true } })).status).toBe(400);
  });

  it("PUT creates or replaces", async () => {
    const created = await call(fake, "PUT", entryPath("198.51.100.0", 24), { body: { ui: false, sql: true } });
    expect(created.status).toBe(200);
    const replacement = { ui: true, sql: true, name: "x" };
    const replaced = await call(fake, "PUT", entryPath("198.51.100.0", 24), { body: replacement });
    expect(replaced.body).toEqual({ cidr_ip: "198.51.100.0", cidr_mask: 24, ui: true, sql: true, name: "x" });
    expect(fake.allowlist(AWS_STANDARD.id)).toHaveLength(1);
  });

  it("DELETE returns the deleted entry, then 404", async () => {
    await addEntry("198.51.100.7", 32);
    const deleted = await call(fake, "DELETE", entryPath("198.51.100.7", 32));
    expect(deleted.body).toEqual({ cidr_ip: "198.51.100.7", cidr_mask: 32, ui: false, sql: true });
    const again = await call(fake, "DELETE", entryPath("198.51.100.7", 32));
    expect(again.status).toBe(404);
    expect(again.body.code).toBe(5);
  });

  it("reports propagating for a while after a change", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(5_000_000);
    expect((await call(fake, "GET", LIST)).body.propagating).toBe(false);
    await addEntry("198.51.100.7", 32);
    vi.setSystemTime(5_000_999);
    expect((await call(fake, "GET", LIST)).body.propagating).toBe(true);
    vi.setSystemTime(5_001_000);
    expect((await call(fake, "GET", LIST)).body.propagating).toBe(false);
  });
});
