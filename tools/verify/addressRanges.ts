// Which addresses a private host may resolve to. The ranges come from ipaddr.js (its IANA special-purpose tables);
// this file only decides which of them count as private for `npm run verify`.
import * as ipaddr from "ipaddr.js";

export type AddressVerdict =
  /** Inside the network: RFC 1918, RFC 6598 shared space (VPCs may use 100.64.0.0/10), IPv6 unique local. */
  | "private"
  /** Never leaves this host: accepted, for an SSH tunnel with the private host name mapped to 127.0.0.1. */
  | "loopback"
  /** Routed on the internet: the connection would not use the private endpoint. */
  | "public"
  /** Link-local, multicast, documentation and other special-purpose ranges: not an endpoint's address either. */
  | "special";

export interface AddressClass {
  address: string;
  verdict: AddressVerdict;
  /** What the range is, for the report: "private, RFC 1918", "public", "link-local", ... */
  label: string;
}

const PRIVATE_RANGES: Record<string, string> = {
  private: "private, RFC 1918",
  carrierGradeNat: "private, RFC 6598 shared address space 100.64.0.0/10",
  uniqueLocal: "private, IPv6 unique local fc00::/7",
};

/** Classifies one IPv4 or IPv6 address (IPv4-mapped IPv6 as the IPv4 address it carries). */
export function classifyAddress(address: string): AddressClass {
  if (!ipaddr.isValid(address)) throw new Error(`${address} is not an IP address`);
  const range = ipaddr.process(address).range();
  const privateLabel = PRIVATE_RANGES[range];
  if (privateLabel) return { address, verdict: "private", label: privateLabel };
  if (range === "loopback") return { address, verdict: "loopback", label: "loopback" };
  if (range === "unicast") return { address, verdict: "public", label: "public" };
  return { address, verdict: "special", label: `special-purpose range "${range}"` };
}

/** Whether a connection to this address stays off the public internet. */
export function isAcceptable(cls: AddressClass): boolean {
  return cls.verdict === "private" || cls.verdict === "loopback";
}
