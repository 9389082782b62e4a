// Command line of `npm run verify`. No flag takes a password: it comes from PGPASSWORD or a prompt.
import { parseArgs } from "node:util";

export interface VerifyOptions {
  /** Names the stack; without --outputs its outputs are read with `pulumi stack output`. */
  stack?: string;
  /** A file written by `pulumi stack output --json --show-secrets`. */
  outputs?: string;
  /** Which region's outputs to verify; needed when the stack has several. */
  region?: string;
  host?: string;
  port?: number;
  user?: string;
  database?: string;
  /** A PEM file with the CA that signs the cluster's certificate. */
  ca?: string;
  /** `HOST[:PORT]` of a DNS server to ask instead of the system resolver. */
  resolver?: string;
  /** Per step. @default 10 */
  timeoutSeconds: number;
}

export const USAGE = `Usage: npm run verify -- --stack NAME [--outputs FILE] [--region REGION]
                         [--host HOST] [--port PORT] [--user USER] [--database DB] [--ca FILE]
                         [--resolver HOST:PORT] [--timeout SECONDS]

Checks, from a host inside the network, that the cluster is reachable over the private path: the private host
resolves only to private addresses, TCP reaches the port, TLS 1.2/1.3 verifies the host against the CA, SELECT 1.
  --stack NAME        the stack; without --outputs runs: pulumi stack output --json --show-secrets --stack NAME
  --outputs FILE      read the outputs from FILE (pulumi stack output --json --show-secrets > FILE)
  --region REGION     the region to verify (default: the stack's only region)
  --host/--port/--user/--database
                      override the outputs (or give everything without --stack); port 26257, database defaultdb
                      by default; the user also from the connection string output or PGUSER
  --ca FILE           PEM of the CA that signs the cluster's certificate (default: the stack's CA output, the
                      connection string's sslrootcert, else Node's bundled public root CAs)
  --resolver H:P      ask this DNS server instead of the system resolver
  --timeout SECONDS   per step (default: 10)
The password comes from PGPASSWORD, or a prompt when run in a terminal; never from a flag.`;

export class UsageError extends Error {}

export function parseVerifyArgs(argv: readonly string[]): VerifyOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        stack: { type: "string", short: "s" },
        outputs: { type: "string" },
        region: { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        user: { type: "string" },
        database: { type: "string" },
        ca: { type: "string" },
        resolver: { type: "string" },
        timeout: { type: "string" },
      },
    });
  } catch (err) {
    // parseArgs names the flag ("Unknown option '--password'"); --password is refused like any unknown flag.
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return "help";
  const options: VerifyOptions = {
    stack: v.stack,
    outputs: v.outputs,
    region: v.region,
    host: v.host,
    user: v.user,
    database: v.database,
    ca: v.ca,
    resolver: v.resolver,
    timeoutSeconds: 10,
  };
  if (v.port !== undefined) options.port = integerIn("--port", v.port, 1, 65535);
  if (v.timeout !== undefined) options.timeoutSeconds = integerIn("--timeout", v.timeout, 1, 600);
  if (!options.stack && !options.outputs && !options.host) {
    throw new UsageError("give --stack NAME (or --outputs FILE), or --host HOST");
  }
  return options;
}

function integerIn(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${flag} ${text}: expected an integer from ${min} to ${max}`);
  }
  return value;
}
