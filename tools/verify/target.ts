// What to verify: the flags over the stack's outputs over the defaults. Every missing or bad value is reported at
// once, naming where it would come from.
import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { VerifyOptions } from "./cliArgs";
import type { RegionConnection } from "./stackOutputs";
import type { VerifyTarget } from "./verify";

export const DEFAULT_PORT = 26257;
export const DEFAULT_DATABASE = "defaultdb";

export class TargetError extends Error {}

export function pickRegion(regions: readonly RegionConnection[], wanted: string | undefined): RegionConnection {
  const names = regions.map((r) => r.region);
  if (wanted !== undefined) {
    const found = regions.find((r) => r.region === wanted);
    if (!found) throw new TargetError(`--region ${wanted}: the stack has no such region (it has ${names.join(", ")})`);
    return found;
  }
  if (regions.length !== 1) throw new TargetError(`the stack has regions ${names.join(", ")}: pass --region`);
  return regions[0] as RegionConnection;
}

interface ConnectionStringParts {
  host?: string;
  port?: number;
  user?: string;
  database?: string;
  sslrootcert?: string;
}

/** Reads host, port, user, database and sslrootcert; a password in it is ignored, never shown. */
export function parseConnectionString(text: string): ConnectionStringParts {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The string is a secret: say it is malformed without echoing it.
    throw new TargetError("the connectionString output is not a postgresql:// URL");
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new TargetError(`the connectionString output has scheme ${url.protocol}, expected postgresql:`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  return {
    host: url.hostname || undefined,
    port: url.port ? Number(url.port) : undefined,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    database: database || undefined,
    sslrootcert: url.searchParams.get("sslrootcert") ?? undefined,
  };
}

export async function buildTarget(
  options: VerifyOptions,
  region: RegionConnection | undefined,
  env: NodeJS.ProcessEnv,
): Promise<VerifyTarget> {
  const fromString = region?.connectionString ? parseConnectionString(region.connectionString) : {};
  const host = options.host ?? region?.privateSqlHost ?? fromString.host;
  const user = options.user ?? fromString.user ?? env.PGUSER;
  const problems: string[] = [];
  if (!host) problems.push("no host: pass --host, or --stack/--outputs of a stack with a privateSqlHost output");
  if (!user) problems.push("no SQL user: pass --user (or set PGUSER); the stack's connectionString output has none");
  const ca = await loadCa(options, region, fromString.sslrootcert).catch((err: Error) => {
    problems.push(err.message);
    return undefined;
  });
  if (problems.length > 0 || !host || !user || !ca) throw new TargetError(problems.join("\n"));
  return {
    host,
    port: options.port ?? fromString.port ?? region?.port ?? DEFAULT_PORT,
    user,
    database: options.database ?? fromString.database ?? DEFAULT_DATABASE,
    caPem: ca.pem,
    caSource: ca.source,
  };
}

async function loadCa(
  options: VerifyOptions,
  region: RegionConnection | undefined,
  sslrootcert: string | undefined,
): Promise<{ pem: string | undefined; source: string }> {
  if (options.ca) return { pem: await readPem(options.ca, `--ca ${options.ca}`), source: `--ca ${options.ca}` };
  if (region?.caCert) {
    const source = `the stack output regions.${region.region}.caCert`;
    checkPem(region.caCert, source);
    return { pem: region.caCert, source };
  }
  if (sslrootcert && sslrootcert !== "system") {
    const source = `sslrootcert ${sslrootcert} (from the connectionString output)`;
    return { pem: await readPem(sslrootcert, source), source };
  }
  return { pem: undefined, source: "Node's bundled public root CAs" };
}

async function readPem(path: string, source: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(path, "utf8");
  } catch (err) {
    throw new TargetError(`${source}: cannot read the CA file (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  checkPem(pem, source);
  return pem;
}

function checkPem(pem: string, source: string): void {
  try {
    new X509Certificate(pem);
  } catch {
    throw new TargetError(`${source}: not a PEM certificate`);
  }
}
