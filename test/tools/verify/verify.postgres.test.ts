// `npm run verify` against real PostgreSQL servers with TLS, on a private address inside a network namespace the
// test makes, with host names resolved by a DNS server on loopback. Each failure verify must catch is produced for
// real: wrong CA, wrong host name, TLS 1.1 only, wrong password, nothing listening, a public address.
import * as net from "node:net";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runVerifyCli } from "../../../tools/verify/cli";
import { tcpConnect, type Connect } from "../../../tools/verify/tcpStep";
import {
  HOST, OTHER_NAME, PASSWORD, PUBLIC_ADDRESS, PUBLIC_NAME, USER, startTestEnvironment, writeOutputsFile,
  type TestEnvironment,
} from "./support/testEnvironment";

let env: TestEnvironment;

beforeAll(async () => {
  env = await startTestEnvironment();
  // Said plainly in the test output, namespaces or not.
  console.log(`verify tests: ${env.network.note}`);
}, 300_000); // a machine without PostgreSQL installs it first (.ci/install-test-deps)

afterAll(async () => {
  await env?.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Every address:port the TCP step connected to. */
  connected: string[];
}

async function verify(args: string[], { password = PASSWORD }: { password?: string } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const connected: string[] = [];
  const connect: Connect = (address, port) => {
    connected.push(`${address}:${port}`);
    return tcpConnect(address, port);
  };
  const code = await runVerifyCli(["--resolver", env.dns.server, "--timeout", "10", ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { PGPASSWORD: password },
    terminal: { input: process.stdin, output: { write: () => true } },
  }, { connect });
  return { code, stdout: out.join(""), stderr: err.join(""), connected };
}

const flags = (overrides: Record<string, string> = {}) =>
  Object.entries({ "--host": HOST, "--port": String(env.port), "--user": USER, "--database": "postgres",
    "--ca": env.pki.caFile, ...overrides }).flat();

function statusLines(stdout: string): string[] {
  return stdout.split("\n").filter((l) => /^(PASS|FAIL|SKIP) /.test(l)).map((l) => l.slice(0, 4));
}

describe("npm run verify against a real PostgreSQL server", () => {
  it("passes all four steps through the stack outputs file, on the private address, at TLS 1.2 or 1.3", async () => {
    const run = await verify(["--stack", "dev", "--outputs", writeOutputsFile(env)]);
    expect(run.stderr).toBe("");
    expect(statusLines(run.stdout)).toEqual(["PASS", "PASS", "PASS", "PASS"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Verifying dev us-east-1: ${USER}@${HOST}:${env.port}/postgres (CA: sslrootcert ${env.pki.caFile}`);
    expect(run.stdout).toContain(`${HOST} -> ${env.network.address} (${env.network.kind === "namespace" ? "private, RFC 1918" : "loopback"})`);
    expect(run.stdout).toMatch(/TLSv1\.[23] \(/);
    expect(run.stdout).toContain(`names: ${HOST}`);
    expect(run.stdout).toContain("issued by: CN=crdb-private-endpoints verify test CA");
    expect(run.stdout).toMatch(/valid until \d{4}-\d\d-\d\dT[\d:.]+Z \(\d+ days? left\)/);
    expect(run.stdout).toContain(`SELECT 1 returned 1 as ${USER} on database postgres`);
    expect(run.stdout).toMatch(/verify: all 4 steps passed\n$/);
    expect(run.connected).toEqual([`${env.network.address}:${env.port}`]);
    expect(run.stdout).not.toContain(PASSWORD);
    // The resolver asked the loopback DNS server, A and AAAA.
    expect(env.dns.questions.filter((q) => q.name === HOST).map((q) => q.type).sort()).toEqual([1, 28]);
  });

  it("fails TLS against another CA, and never logs in", async () => {
    const run = await verify(flags({ "--ca": env.pki.otherCaFile }));
    expect(statusLines(run.stdout)).toEqual(["PASS", "PASS", "FAIL", "SKIP"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`not signed by the CA from --ca ${env.pki.otherCaFile} \\((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\\)`));
    expect(run.stdout).toContain("hint: Use the cluster's CA");
    expect(run.stdout).toMatch(/verify: FAILED at TLS \(2 of 4 steps passed\)/);
  });

  it("fails TLS when the certificate does not name the host, showing the names it has", async () => {
    const run = await verify(flags({ "--host": OTHER_NAME }));
    expect(statusLines(run.stdout)).toEqual(["PASS", "PASS", "FAIL", "SKIP"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`the certificate is not for ${OTHER_NAME}`);
    expect(run.stdout).toContain(`names: ${HOST}`);
    expect(run.stdout).toContain("hint: Connect to the host name the stack outputs (privateSqlHost)");
  });

  it("fails TLS against a server that offers only TLS 1.1", async () => {
    const run = await verify(flags({ "--port": String(env.legacyPort) }));
    expect(statusLines(run.stdout)).toEqual(["PASS", "PASS", "FAIL", "SKIP"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("the server does not offer TLS 1.2 or 1.3 (the handshake ended with: tlsv1 alert protocol version)");
    expect(run.connected).toEqual([`${env.network.address}:${env.legacyPort}`]);
  });

  it("(the TLS 1.1 server is sound: a client that allows TLS 1.1 logs in over TLSv1.1)", async () => {
    const client = new Client({
      host: env.network.address, port: env.legacyPort, user: USER, password: PASSWORD, database: "postgres",
      ssl: { ca: env.pki.caPem, servername: HOST, minVersion: "TLSv1", maxVersion: "TLSv1.1", ciphers: "DEFAULT:@SECLEVEL=0" },
    });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
      expect(rows).toEqual([{ version: "TLSv1.1" }]);
    } finally {
      await client.end();
    }
  });

  it("fails SQL with a wrong password, after TLS passed, without printing either password", async () => {
    const run = await verify(flags(), { password: "not-the-password" });
    expect(statusLines(run.stdout)).toEqual(["PASS", "PASS", "PASS", "FAIL"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`password authentication failed for user ${USER} (SQLSTATE 28P01)`);
    expect(run.stdout).not.toContain("not-the-password");
    expect(run.stdout).not.toContain(PASSWORD);
  });

  it("fails SQL without a password and without a terminal, naming PGPASSWORD", async () => {
    const run = await verify(flags(), { password: "" });
    expect(statusLines(run.stdout)).toEqual(["PASS", "PASS", "PASS", "FAIL"]);
    expect(run.stdout).toContain(`no password given for ${USER}`);
    expect(run.stdout).toContain("Set PGPASSWORD");
  });

  it("fails TCP as refused when nothing listens on the port, and goes no further", async () => {
    const run = await verify(flags({ "--port": String(env.closedPort) }));
    expect(statusLines(run.stdout)).toEqual(["PASS", "FAIL", "SKIP", "SKIP"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${env.network.address}:${env.closedPort}: connection refused (ECONNREFUSED)`);
    expect(run.stdout).toContain("hint: Refused:");
  });

  it("fails on a public DNS answer alone: no TCP connection of any kind is attempted", async () => {
    const socketConnect = vi.spyOn(net.Socket.prototype, "connect");
    try {
      const run = await verify(flags({ "--host": PUBLIC_NAME }));
      expect(statusLines(run.stdout)).toEqual(["FAIL", "SKIP", "SKIP", "SKIP"]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`${PUBLIC_NAME} -> ${PUBLIC_ADDRESS} (public)`);
      expect(run.stdout).toContain(`not private: ${PUBLIC_ADDRESS} is a public address; no connection attempted`);
      expect(run.connected).toEqual([]);
      expect(socketConnect).not.toHaveBeenCalled();
    } finally {
      socketConnect.mockRestore();
    }
  });
});
