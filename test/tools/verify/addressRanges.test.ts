import { describe, expect, it } from "vitest";
import { classifyAddress, isAcceptable } from "../../../tools/verify/addressRanges";

describe("classifyAddress", () => {
  it.each([
    ["10.40.0.12", "private", "private, RFC 1918"],
    ["172.16.0.1", "private", "private, RFC 1918"],
    ["172.31.255.254", "private", "private, RFC 1918"],
    ["192.168.10.5", "private", "private, RFC 1918"],
    ["100.64.0.1", "private", "private, RFC 6598 shared address space 100.64.0.0/10"],
    ["100.127.255.254", "private", "private, RFC 6598 shared address space 100.64.0.0/10"],
    ["fd12:3456::1", "private", "private, IPv6 unique local fc00::/7"],
    ["::ffff:10.1.2.3", "private", "private, RFC 1918"],
    ["127.0.0.1", "loopback", "loopback"],
    ["::1", "loopback", "loopback"],
    ["52.94.76.10", "public", "public"],
    ["172.32.0.1", "public", "public"],
    ["100.128.0.1", "public", "public"],
    ["11.0.0.1", "public", "public"],
    ["2600:1f18::1", "public", "public"],
    ["::ffff:8.8.8.8", "public", "public"],
    ["169.254.169.254", "special", 'special-purpose range "linkLocal"'],
    ["fe80::1", "special", 'special-purpose range "linkLocal"'],
    ["0.0.0.0", "special", 'special-purpose range "unspecified"'],
    ["224.0.0.251", "special", 'special-purpose range "multicast"'],
  ])("%s is %s (%s)", (address, verdict, label) => {
    expect(classifyAddress(address)).toEqual({ address, verdict, label });
  });

  it("accepts private and loopback answers only", () => {
    expect(["10.0.0.1", "127.0.0.1", "52.94.76.10", "169.254.1.1"].map((a) => isAcceptable(classifyAddress(a))))
      .toEqual([true, true, false, false]);
  });

  it("rejects text that is not an address", () => {
    expect(() => classifyAddress("internal-x.crdb.test")).toThrow("internal-x.crdb.test is not an IP address");
  });
});
