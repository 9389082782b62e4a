// Steps 3 and 4 over one PostgreSQL connection made by `pg`: the TLS handshake (verify-full) and `SELECT 1`. pg
// speaks the protocol (SSLRequest, then TLS, then startup and authentication); this file only watches the handshake
// and tells a TLS failure from an SQL one.
import * as tls from "node:tls";
import { Client } from "pg";
import { describeCertificate } from "./certificate";
import { fail, pass, skipped, type StepResult } from "./steps";

export interface SqlTarget {
  /** The name the certificate must carry (verify-full). */
  host: string;
  /** The address step 2 reached: pg connects to it, so it never resolves the name again by another path. */
  address: string;
  port: number;
  user: string;
  database: string;
  /** Undefined: none was given; the SQL step then fails with how to give one. */
  password: string | undefined;
  /** PEM of the CA that must have signed the server's certificate; undefined: Node's bundled public roots. */
  caPem: string | undefined;
  /** Where the CA came from, for messages ("--ca ca.crt", "Node's bundled root CAs"). */
  caSource: string;
  timeoutMs: number;
  now?: Date;
}

interface Handshake {
  done: boolean;
  protocol?: string | null;
  cipher?: string;
  cert?: tls.PeerCertificate;
}

export async function checkTlsAndSql(target: SqlTarget): Promise<{ tls: StepResult; sql: StepResult }> {
  const handshake: Handshake = { done: false };
  const client = new Client({
    host: target.address,
    port: target.port,
    user: target.user,
    database: target.database,
    password: target.password,
    connectionTimeoutMillis: target.timeoutMs,
    query_timeout: target.timeoutMs,
    ssl: {
      ca: target.caPem,
      servername: target.host,
      minVersion: "TLSv1.2",
      maxVersion: "TLSv1.3",
      rejectUnauthorized: true,
      // Node calls this once the chain is trusted; keep the certificate to show its names even when they mismatch.
      checkServerIdentity: (hostname, cert) => {
        handshake.cert = cert;
        return tls.checkServerIdentity(hostname, cert);
      },
    },
  });
  client.connection.once("sslconnect", () => {
    const socket = client.connection.stream as tls.TLSSocket;
    socket.once("secureConnect", () => {
      handshake.done = true;
      handshake.protocol = socket.getProtocol();
      handshake.cipher = socket.getCipher()?.name;
      handshake.cert ??= socket.getPeerCertificate();
    });
  });
  client.on("error", () => {}); // a connection dropped after the check is not a failure of the check
  const now = target.now ?? new Date();
  try {
    await client.connect();
  } catch (err) {
    // pg has closed the connection already.
    if (!handshake.done) return { tls: tlsFailure(err, handshake, target, now), sql: skipped("sql", "tls") };
    return { tls: tlsPassed(handshake, now), sql: sqlFailure(err, target) };
  }
  try {
    const answer = await client.query<{ one: number }>("SELECT 1 AS one");
    const value = answer.rows[0]?.one;
    const sql =
      Number(value) === 1
        ? pass("sql", [`SELECT 1 returned 1 as ${target.user} on database ${target.database}`])
        : fail("sql", [`SELECT 1 returned ${JSON.stringify(value)}`], "The server answered, but not as a SQL database would.");
    return { tls: tlsPassed(handshake, now), sql };
  } catch (err) {
    return { tls: tlsPassed(handshake, now), sql: sqlFailure(err, target) };
  } finally {
    await client.end().catch(() => {});
  }
}

function tlsPassed(handshake: Handshake, now: Date): StepResult {
  return pass("tls", [
    `${handshake.protocol ?? "TLS"}${handshake.cipher ? ` (${handshake.cipher})` : ""}, certificate verified for the host`,
    ...(handshake.cert ? describeCertificate(handshake.cert, now) : []),
  ]);
}

const PROTOCOL_CODES = new Set([
  "ERR_SSL_UNSUPPORTED_PROTOCOL",
  "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION",
  "ERR_SSL_NO_PROTOCOLS_AVAILABLE",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);
const UNTRUSTED_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_SIGNATURE_FAILURE",
]);

function tlsFailure(err: unknown, handshake: Handshake, target: SqlTarget, now: Date): StepResult {
  const code = (err as NodeJS.ErrnoException)?.code ?? "";
  const message = opensslReason((err as Error)?.message ?? String(err));
  const cert = handshake.cert ? describeCertificate(handshake.cert, now) : [];
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return fail("tls", [`the certificate is not for ${target.host}: ${message}`, ...cert],
      "Connect to the host name the stack outputs (privateSqlHost), not an IP address or another name: the " +
        "cluster's certificate carries its host names, and verify-full checks them.");
  }
  if (UNTRUSTED_CODES.has(code)) {
    return fail("tls", [`the server's certificate is not signed by the CA from ${target.caSource} (${code})`],
      "Use the cluster's CA: the stack's CA output saved to a file (--ca FILE); for a cluster whose certificate " +
        "is publicly trusted (Let's Encrypt), no --ca. An old or another cluster's CA fails here.");
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return fail("tls", [`the server's certificate is not valid now (${code})`, ...cert],
      "Check this host's clock; otherwise the cluster's certificate needs renewing (contact CockroachDB support).");
  }
  if (PROTOCOL_CODES.has(code) || /protocol version|unsupported protocol/i.test(message)) {
    return fail("tls", [`the server does not offer TLS 1.2 or 1.3 (the handshake ended with: ${message})`],
      "verify accepts only TLS 1.2 and 1.3. Something between this host and the cluster (a proxy, a TLS " +
        "interceptor) or the server itself offers an older version.");
  }
  if (/does not support SSL/i.test(message)) {
    return fail("tls", [`the server refused TLS: ${message}`],
      "The port answers PostgreSQL without TLS: this is not the CockroachDB Cloud cluster (check host and port).");
  }
  return fail("tls", [`the TLS handshake failed: ${code ? `${code}: ` : ""}${message}`],
    "The connection closed before TLS was established: check that host and port are the cluster's SQL endpoint.");
}

/** "write EPROTO 80...:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:file:line:..." ->
 * "tlsv1 alert protocol version": OpenSSL's reason, without its addresses and source locations. */
function opensslReason(message: string): string {
  return /:SSL routines:[^:]*:([^:]+):/.exec(message)?.[1] ?? message.trim();
}

function sqlFailure(err: unknown, target: SqlTarget): StepResult {
  const code = (err as { code?: string })?.code;
  const message = (err as Error)?.message ?? String(err);
  // Without a password pg fails the authentication exchange itself ("client password must be a string").
  if (target.password === undefined && (code === "28P01" || /password/i.test(message))) {
    return fail("sql", [`no password given for ${target.user}; the server asked for one`],
      "Set PGPASSWORD in the environment, or run verify in a terminal to be prompted. Passwords are never flags.");
  }
  switch (code) {
    case "28P01":
      return fail("sql", [`password authentication failed for user ${target.user} (SQLSTATE 28P01)`],
        "The password in PGPASSWORD (or typed at the prompt) is not this SQL user's. Check it, or reset it in " +
          "the CockroachDB Cloud console (SQL Users).");
    case "28000":
      return fail("sql", [`the server rejected user ${target.user}: ${message} (SQLSTATE 28000)`],
        "The SQL user does not exist or may not log in this way: create it in the console (SQL Users).");
    case "3D000":
      return fail("sql", [`database ${target.database} does not exist (SQLSTATE 3D000)`],
        "Pass an existing database with --database (CockroachDB's default is defaultdb).");
    default:
      return fail("sql", [`${code ? `SQLSTATE ${code}: ` : ""}${message}`],
        "TLS worked, so the network path is fine; the database refused or failed the query.");
  }
}
