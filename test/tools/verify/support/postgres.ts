// Real PostgreSQL servers for the verify tests: Debian's `postgresql` binaries, one initdb, then one server per TLS
// setup on its own copy of the data directory, inside the test network. Runs as the `postgres` user when the tests
// run as root (PostgreSQL refuses root). `.ci/install-test-deps` installs the binaries where they are missing.
import { execFile, execFileSync } from "node:child_process";
import { appendFileSync, chmodSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const REPO = resolve(__dirname, "../../../..");

/** The newest /usr/lib/postgresql/<major>/bin that has a server. */
export function postgresBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return majors.map((m) => join(root, m, "bin")).find((bin) => existsSync(join(bin, "postgres")));
}

/** The server binaries, installed with `.ci/install-test-deps` (apt-get) when missing. */
export function ensurePostgres(): string {
  let bin = postgresBinDir();
  if (!bin) {
    execFileSync("bash", [join(REPO, ".ci/install-test-deps")], { stdio: ["ignore", "inherit", "inherit"] });
    bin = postgresBinDir();
  }
  if (!bin) throw new Error("PostgreSQL is not installed and .ci/install-test-deps could not install it");
  return bin;
}

export interface TlsSetup {
  certFile: string;
  keyFile: string;
  /** PostgreSQL's ssl_min_protocol_version / ssl_max_protocol_version ("" = no maximum). */
  minProtocol: "TLSv1" | "TLSv1.2";
  maxProtocol: "" | "TLSv1.1";
}

export interface RunningServer {
  port: number;
  dataDir: string;
}

export class TestPostgres {
  private readonly asPostgres: string[];
  private readonly servers: RunningServer[] = [];

  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    /** Prefix that runs a command inside the test network (ip netns exec NS), or nothing. */
    private readonly inNetwork: string[],
  ) {
    this.asPostgres = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  }

  /** initdb once, with a superuser `user` whose password is `password` (SCRAM). */
  static async init(dir: string, inNetwork: string[], user: string, password: string): Promise<TestPostgres> {
    const pg = new TestPostgres(ensurePostgres(), dir, inNetwork);
    const pwfile = join(dir, "pw");
    writeFileSync(pwfile, `${password}\n`);
    pg.handOver();
    await pg.exec(["initdb", "-D", join(dir, "template"), "-U", user, `--pwfile=${pwfile}`, "-A", "scram-sha-256",
      "--auth-local=trust", "--no-sync", "-E", "UTF8", "--locale=C"], false);
    return pg;
  }

  /** Starts a server on `address:port` with this TLS setup; resolves once it accepts connections (pg_ctl -w). */
  async start(name: string, address: string, port: number, tls: TlsSetup): Promise<RunningServer> {
    const dataDir = join(this.dir, name);
    // cp -a keeps the postgres ownership and modes, and is several times faster than fs.cpSync on ~1000 files.
    await run("cp", ["-a", join(this.dir, "template"), dataDir]);
    appendFileSync(join(dataDir, "postgresql.conf"), [
      `listen_addresses = '${address}'`,
      `port = ${port}`,
      `unix_socket_directories = '${dataDir}'`,
      "ssl = on",
      `ssl_cert_file = '${tls.certFile}'`,
      `ssl_key_file = '${tls.keyFile}'`,
      `ssl_min_protocol_version = '${tls.minProtocol}'`,
      `ssl_max_protocol_version = '${tls.maxProtocol}'`,
      // OpenSSL 3 allows TLS 1.0/1.1 only at security level 0.
      ...(tls.maxProtocol ? ["ssl_ciphers = 'DEFAULT:@SECLEVEL=0'"] : []),
      "fsync = off",
      "max_connections = 20",
      "shared_buffers = 16MB",
      "",
    ].join("\n"));
    writeFileSync(join(dataDir, "pg_hba.conf"), [
      "local all all trust",
      "hostssl all all 0.0.0.0/0 scram-sha-256",
      "hostssl all all ::/0 scram-sha-256",
      "",
    ].join("\n"));
    this.handOver(dataDir);
    await this.exec(["pg_ctl", "-D", dataDir, "-l", join(dataDir, "server.log"), "-w", "-t", "60", "start"], true);
    const server = { port, dataDir };
    this.servers.push(server);
    return server;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.servers.map((s) =>
      this.exec(["pg_ctl", "-D", s.dataDir, "-m", "immediate", "-w", "stop"], false).catch(() => {})));
    this.servers.length = 0;
  }

  private async exec(command: string[], inNetwork: boolean): Promise<void> {
    const [tool, ...args] = command as [string, ...string[]];
    const argv = [...(inNetwork ? this.inNetwork : []), ...this.asPostgres, join(this.bin, tool), ...args];
    try {
      await run(argv[0] as string, argv.slice(1), { cwd: this.dir });
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string };
      throw new Error(`${tool} failed: ${e.stderr || e.stdout || String(err)}`);
    }
  }

  /** The server runs as `postgres`: give it the working directory; keys must be 0600 and its own. */
  private handOver(path = this.dir): void {
    if (this.asPostgres.length === 0) return;
    execFileSync("chown", ["-R", "postgres:postgres", path]);
    chmodSync(path, 0o700);
  }
}

export { REPO };
