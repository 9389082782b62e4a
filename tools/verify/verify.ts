// Runs the four steps in order; a step runs only when the one before it passed, so nothing connects to an address
// that failed the DNS check.
import { checkResolution, type Resolve } from "./resolveStep";
import { checkTlsAndSql } from "./sqlSession";
import { skipped, type StepResult } from "./steps";
import { checkTcp, type Connect } from "./tcpStep";

export interface VerifyTarget {
  /** The private host: privateSqlHost, or the host of the connection string. */
  host: string;
  port: number;
  user: string;
  database: string;
  /** PEM of the CA; undefined: Node's bundled public root CAs (Let's Encrypt's ISRG Root X1 among them). */
  caPem: string | undefined;
  caSource: string;
}

export interface VerifyDeps {
  resolve: Resolve;
  connect: Connect;
  /** Asked only once TCP passed, so a prompt never appears for a host that cannot be reached. */
  password: () => Promise<string | undefined>;
  timeoutMs: number;
  now?: Date;
}

export async function verify(target: VerifyTarget, deps: VerifyDeps): Promise<StepResult[]> {
  const dns = await checkResolution(target.host, deps.resolve);
  if (dns.result.status !== "pass") return [dns.result, skipped("tcp", "dns"), skipped("tls", "dns"), skipped("sql", "dns")];

  const tcp = await checkTcp(dns.addresses, target.port, deps.connect, deps.timeoutMs);
  const address = tcp.reachable[0];
  if (tcp.result.status !== "pass" || address === undefined) {
    return [dns.result, tcp.result, skipped("tls", "tcp"), skipped("sql", "tcp")];
  }

  const { tls, sql } = await checkTlsAndSql({
    ...target,
    address,
    password: await deps.password(),
    timeoutMs: deps.timeoutMs,
    now: deps.now,
  });
  return [dns.result, tcp.result, tls, sql];
}
