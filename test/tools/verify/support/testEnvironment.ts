// Everything the verify tests talk to: a private network of their own, a throwaway PKI, two PostgreSQL servers
// (TLS 1.2+ and TLS 1.1 only) and a DNS server on loopback that maps the private host names to the server.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makePki, type TestPki } from "./certificates";
import { startDnsServer, type TestDnsServer } from "./dnsServer";
import { TestPostgres } from "./postgres";
import { makeNetwork, type TestNetwork } from "./privateNetwork";

export const HOST = "internal-verify.aws-us-east-1.crdb.test";
/** Resolves to the same server, but the certificate does not name it. */
export const OTHER_NAME = "verify-by-another-name.crdb.test";
/** Resolves to a public address: nothing may ever connect to it. */
export const PUBLIC_NAME = "internal-public.aws-us-east-1.crdb.test";
export const PUBLIC_ADDRESS = "52.94.76.10";
export const USER = "verifier";
export const PASSWORD = "s3cret-verify-pw-7Q";

export interface TestEnvironment {
  network: TestNetwork;
  pki: TestPki;
  dns: TestDnsServer;
  dir: string;
  /** TLS 1.2/1.3 server, the good one. */
  port: number;
  /** TLS 1.0/1.1-only server. */
  legacyPort: number;
  /** Nothing listens here (on the server's address). */
  closedPort: number;
  close(): Promise<void>;
}

async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startTestEnvironment(): Promise<TestEnvironment> {
  // As root the servers run as `postgres`, which must reach the directory: /tmp, whatever TMPDIR says.
  const dir = mkdtempSync(join(process.getuid?.() === 0 ? "/tmp" : tmpdir(), "crdb-verify-"));
  const network = makeNetwork();
  let postgres: TestPostgres | undefined;
  let dns: TestDnsServer | undefined;
  const close = async () => {
    await postgres?.stopAll();
    await dns?.close();
    network.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const pki = makePki(dir, [HOST]);
    chmodSync(pki.serverKeyFile, 0o600);
    // In the namespace the ports are ours alone; on loopback take free ones.
    const [port, legacyPort, closedPort] = network.kind === "namespace"
      ? [26257, 26258, 26259]
      : [await freeLoopbackPort(), await freeLoopbackPort(), await freeLoopbackPort()];
    postgres = await TestPostgres.init(dir, network.run, USER, PASSWORD);
    const tls = { certFile: pki.serverCertFile, keyFile: pki.serverKeyFile };
    await Promise.all([
      postgres.start("modern", network.address, port, { ...tls, minProtocol: "TLSv1.2", maxProtocol: "" }),
      postgres.start("legacy", network.address, legacyPort, { ...tls, minProtocol: "TLSv1", maxProtocol: "TLSv1.1" }),
    ]);
    dns = await startDnsServer({
      [HOST]: [network.address],
      [OTHER_NAME]: [network.address],
      [PUBLIC_NAME]: [PUBLIC_ADDRESS],
    });
    return { network, pki, dns, dir, port: port as number, legacyPort: legacyPort as number,
      closedPort: closedPort as number, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A `pulumi stack output --json --show-secrets` file for the good server, with the CA as sslrootcert. */
export function writeOutputsFile(env: TestEnvironment): string {
  const file = join(env.dir, "outputs.json");
  writeFileSync(file, JSON.stringify({
    regions: {
      "us-east-1": {
        privateSqlHost: HOST,
        sqlPort: env.port,
        sslRootCert: env.pki.caFile,
        connectionString:
          `postgresql://${USER}@${HOST}:${env.port}/postgres?sslmode=verify-full&sslrootcert=${env.pki.caFile}`,
        endpointId: "vpce-0123456789abcdef0",
      },
    },
  }, null, 2));
  return file;
}
