// The stack outputs verify reads: `pulumi stack output --json --show-secrets`, either from a file (--outputs) or by
// running the Pulumi CLI (--stack alone). Only the fields verify needs are read; others are ignored.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";

/** What one region's outputs say about connecting. Everything optional but the host. */
export interface RegionConnection {
  region: string;
  privateSqlHost: string;
  port?: number;
  /** `postgresql://<user>@<host>:<port>/<database>?sslmode=verify-full&sslrootcert=<path>` (a secret output). */
  connectionString?: string;
  /** The cluster CA (PEM), for clusters whose certificate is signed by their own CA. */
  caCert?: string;
}

export class OutputsError extends Error {}

/** Pulumi prints secrets as this unless --show-secrets is given. */
const HIDDEN_SECRET = "[secret]";

export function parseStackOutputs(json: string, source: string): RegionConnection[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    // JSON.parse quotes the text around the error, and this text holds secrets: say only that it is not JSON.
    throw new OutputsError(`${source} is not valid JSON; expected the output of ` +
      "`pulumi stack output --json --show-secrets`");
  }
  const regions = (doc as { regions?: unknown })?.regions;
  if (!isRecord(regions) || Object.keys(regions).length === 0) {
    throw new OutputsError(`${source} has no "regions" output; expected the output of \`pulumi stack output --json ` +
      "--show-secrets` for a stack of this program");
  }
  return Object.entries(regions).map(([region, value]) => readRegion(region, value, source));
}

function readRegion(region: string, value: unknown, source: string): RegionConnection {
  const at = `${source}: regions.${region}`;
  if (!isRecord(value)) throw new OutputsError(`${at} is not an object`);
  // The program's output names (program/outputs.ts): `sqlPort` is the port, `caCert` the CA of an Advanced cluster.
  const { privateSqlHost, sqlPort: port, connectionString, caCert } = value;
  if (typeof privateSqlHost !== "string" || privateSqlHost === "") {
    throw new OutputsError(`${at}.privateSqlHost = ${JSON.stringify(privateSqlHost)}: expected the private host name`);
  }
  const out: RegionConnection = { region, privateSqlHost };
  if (port !== undefined) {
    if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) {
      throw new OutputsError(`${at}.sqlPort = ${JSON.stringify(port)}: expected a TCP port (1-65535)`);
    }
    out.port = port as number;
  }
  if (connectionString === HIDDEN_SECRET || caCert === HIDDEN_SECRET) {
    throw new OutputsError(`${at} has secrets shown as "[secret]": write the file with ` +
      "`pulumi stack output --json --show-secrets`");
  }
  if (typeof connectionString === "string") out.connectionString = connectionString;
  if (typeof caCert === "string" && caCert.trim() !== "") out.caCert = caCert;
  return out;
}

export async function readOutputsFile(path: string): Promise<RegionConnection[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new OutputsError(`--outputs ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  return parseStackOutputs(text, path);
}

/** Runs `pulumi stack output --json --show-secrets --stack NAME`; the secrets stay in this process. */
export function readOutputsWithPulumi(stack: string, pulumiBin = "pulumi"): Promise<RegionConnection[]> {
  return new Promise((resolve, reject) => {
    execFile(pulumiBin, ["stack", "output", "--json", "--show-secrets", "--stack", stack],
      { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) {
          const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "the Pulumi CLI is not installed" : stderr.trim() || err.message;
          reject(new OutputsError(`pulumi stack output --stack ${stack} failed: ${why}. Alternatively write the ` +
            "outputs to a file elsewhere and pass --outputs FILE, or pass --host/--user."));
          return;
        }
        try {
          resolve(parseStackOutputs(stdout, `pulumi stack output --stack ${stack}`));
        } catch (parseErr) {
          reject(parseErr);
        }
      });
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
