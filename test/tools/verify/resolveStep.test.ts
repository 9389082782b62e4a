import * as dgram from "node:dgram";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkResolution, serverResolve } from "../../../tools/verify/resolveStep";
import { startDnsServer, type TestDnsServer } from "./support/dnsServer";

describe("checkResolution", () => {
  it("passes when every address is private, listing each with its range", async () => {
    const resolve = vi.fn(async () => ["10.40.0.12", "10.40.16.7", "10.40.0.12"]);
    const { result, addresses } = await checkResolution("internal-a.crdb.test", resolve);
    expect(resolve).toHaveBeenCalledWith("internal-a.crdb.test");
    expect(result).toEqual({
      step: "dns",
      status: "pass",
      details: ["internal-a.crdb.test -> 10.40.0.12 (private, RFC 1918)", "internal-a.crdb.test -> 10.40.16.7 (private, RFC 1918)"],
    });
    expect(addresses).toEqual(["10.40.0.12", "10.40.16.7"]);
  });

  it("fails when any one answer is public, names it, and hands no address on", async () => {
    const { result, addresses } = await checkResolution("h.crdb.test", async () => ["10.40.0.12", "52.94.76.10"]);
    expect(result.status).toBe("fail");
    expect(result.details).toEqual([
      "h.crdb.test -> 10.40.0.12 (private, RFC 1918)",
      "h.crdb.test -> 52.94.76.10 (public)",
      "not private: 52.94.76.10 is a public address; no connection attempted",
    ]);
    expect(result.hint).toMatch(/private DNS is off on the VPC endpoint.*outside the network/);
    expect(addresses).toEqual([]);
  });

  it("fails a link-local answer as not private, naming the range", async () => {
    const { result } = await checkResolution("h.crdb.test", async () => ["169.254.1.1"]);
    expect(result.details.at(-1)).toBe('not private: 169.254.1.1 is in a special-purpose range "linkLocal"; no connection attempted');
    expect(result.hint).toMatch(/^A link-local, multicast or other special-purpose address is no endpoint's address/);
  });

  it("checks an IP address given as host without resolving it", async () => {
    const resolve = vi.fn(async () => []);
    const { result, addresses } = await checkResolution("10.1.2.3", resolve);
    expect(resolve).not.toHaveBeenCalled();
    expect(result.status).toBe("pass");
    expect(addresses).toEqual(["10.1.2.3"]);
  });

  it("reports a resolver failure with its meaning", async () => {
    const { result } = await checkResolution("nope.crdb.test", async () => {
      throw Object.assign(new Error("queryA ENOTFOUND nope.crdb.test"), { code: "ENOTFOUND" });
    });
    expect(result.status).toBe("fail");
    expect(result.details).toEqual(["nope.crdb.test does not resolve: no such name (NXDOMAIN)"]);
    expect(result.hint).toContain("privateDns: true");
  });
});

describe("serverResolve (--resolver) against a DNS server on loopback", () => {
  let dns: TestDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer({ "dual.crdb.test": ["10.9.0.1", "fd00::9"], "v4.crdb.test": ["10.9.0.2"] });
  });
  afterAll(() => dns.close());

  it("returns A and AAAA answers", async () => {
    expect((await serverResolve(dns.server)("dual.crdb.test")).sort()).toEqual(["10.9.0.1", "fd00::9"]);
    expect(await serverResolve(dns.server)("v4.crdb.test")).toEqual(["10.9.0.2"]);
  });

  it("fails with NXDOMAIN for an unknown name", async () => {
    await expect(serverResolve(dns.server)("missing.crdb.test")).rejects.toMatchObject({ code: "ENOTFOUND" });
    const { result } = await checkResolution("missing.crdb.test", serverResolve(dns.server));
    expect(result.details).toEqual(["missing.crdb.test does not resolve: no such name (NXDOMAIN)"]);
  });

  it("times out against a server that never answers", async () => {
    const silent = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => silent.bind(0, "127.0.0.1", resolve));
    try {
      const { result } = await checkResolution("any.crdb.test", serverResolve(`127.0.0.1:${silent.address().port}`, 200));
      expect(result.details).toEqual(["any.crdb.test does not resolve: the DNS server did not answer in time"]);
    } finally {
      silent.close();
    }
  });
});
