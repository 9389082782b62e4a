// Step 1: the private host resolves, and only to private addresses. Nothing connects before this passes, so a public
// answer never leads to a packet sent to the public address.
import * as dns from "node:dns";
import * as net from "node:net";
import { classifyAddress, isAcceptable } from "./addressRanges";
import { fail, pass, type StepResult } from "./steps";

/** Every address a host name resolves to (IPv4 and IPv6). */
export type Resolve = (host: string) => Promise<string[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then the VPC's DNS), as an application in the network would use. */
export const systemResolve: Resolve = async (host) =>
  (await dns.promises.lookup(host, { all: true, order: "verbatim" })).map((a) => a.address);

/** Asks one DNS server (`HOST:PORT` or `HOST`) directly, for A and AAAA records: `--resolver`. */
export function serverResolve(server: string, timeoutMs = 3000): Resolve {
  const resolver = new dns.promises.Resolver({ timeout: timeoutMs, tries: 1 });
  resolver.setServers([server]);
  return async (host) => {
    const answers = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    const addresses = answers.flatMap((a) => (a.status === "fulfilled" ? a.value : []));
    if (addresses.length > 0) return addresses;
    // Both failed or both empty: report the IPv4 error, which names the real problem (NXDOMAIN, timeout, ...).
    const failed = answers.find((a): a is PromiseRejectedResult => a.status === "rejected");
    if (failed) throw failed.reason;
    throw Object.assign(new Error(`no A or AAAA record for ${host}`), { code: dns.NODATA });
  };
}

const DNS_FAILURE_HINT =
  "The private host comes from the stack output privateSqlHost. With private DNS on, it resolves only inside the " +
  "VPC (or a network using the VPC's resolver): run verify there, and check that the endpoint's private DNS is " +
  "enabled (stack config privateDns: true) and the VPC has DNS support and DNS hostnames on.";

const PUBLIC_ANSWER_HINT =
  "A public answer means the name was resolved by public DNS, not the VPC's private zone: private DNS is off on the " +
  "VPC endpoint, the VPC's DNS support/hostnames are off, or verify runs outside the network (or with a resolver " +
  "that is not the VPC's). Nothing was connected to.";

const SPECIAL_ANSWER_HINT =
  "A link-local, multicast or other special-purpose address is no endpoint's address: the name's DNS record is " +
  "wrong (a record of your own overriding the endpoint's private zone?). Nothing was connected to.";

export async function checkResolution(host: string, resolve: Resolve): Promise<{ result: StepResult; addresses: string[] }> {
  let addresses: string[];
  if (net.isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = [...new Set(await resolve(host))];
    } catch (err) {
      return { result: fail("dns", [`${host} does not resolve: ${describeDnsError(err)}`], DNS_FAILURE_HINT), addresses: [] };
    }
    if (addresses.length === 0) {
      return { result: fail("dns", [`${host} resolves to no address`], DNS_FAILURE_HINT), addresses: [] };
    }
  }
  const classes = addresses.map(classifyAddress);
  const lines = classes.map((c) => `${host} -> ${c.address} (${c.label})`);
  const bad = classes.filter((c) => !isAcceptable(c));
  if (bad.length > 0) {
    const named = bad.map((c) => `${c.address} is ${c.verdict === "public" ? "a public address" : `in a ${c.label}`}`);
    const hint = bad.some((c) => c.verdict === "public") ? PUBLIC_ANSWER_HINT : SPECIAL_ANSWER_HINT;
    return { result: fail("dns", [...lines, `not private: ${named.join("; ")}; no connection attempted`], hint), addresses: [] };
  }
  return { result: pass("dns", lines), addresses };
}

function describeDnsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case dns.NOTFOUND:
      return "no such name (NXDOMAIN)";
    case dns.NODATA:
      return "the name exists but has no A or AAAA record";
    case dns.TIMEOUT:
      return "the DNS server did not answer in time";
    case "EAI_AGAIN":
      return "temporary failure: no DNS server answered (EAI_AGAIN)";
    case dns.CONNREFUSED:
      return "the DNS server refused the query";
    case dns.SERVFAIL:
      return "the DNS server failed (SERVFAIL)";
    default:
      return `${code ? `${code}: ` : ""}${(err as Error)?.message ?? String(err)}`;
  }
}
