// Command-line flags of the standalone fake (`npm run fake-cloud`), turned into FakeCloudOptions. Kept apart from
// main.ts so the parsing can be tested without starting a process.
import { parseArgs } from "node:util";
import type { CloudProvider, FakeCloudOptions, FakeClusterSeed, FakeFaults, FakeTiming, Plan, Role } from "./types";

export const DEMO_CLUSTER: FakeClusterSeed = {
  id: "1f69fdd2-600a-4cfc-a9ba-16995df0d77d",
  name: "demo",
  plan: "STANDARD",
  cloudProvider: "AWS",
  regions: [{ name: "us-east-1" }],
};

export const DEFAULT_PORT = 8089;

export const USAGE = `Usage: npm run fake-cloud -- [flags]

Starts a fake CockroachDB Cloud API v1 on 127.0.0.1, seeded with a demo AWS STANDARD cluster in us-east-1.

  --port <n>                 port to listen on, 0 for a random one (default ${DEFAULT_PORT})
  --cluster <spec>           add a cluster, repeatable: <uuid>:<PLAN>:<CLOUD>:<region>[,<region>...][:<name>]
                             e.g. 3b2c0d6e-1111-4222-8333-944455556666:ADVANCED:AWS:us-east-1,us-west-2:prod
  --no-demo                  do not add the demo cluster
  --api-key <key[=ROLE]>     accept this key (default role CLUSTER_ADMIN), repeatable; replaces fake-api-key
  --service-create-ms <n>    ADVANCED endpoint services CREATING -> AVAILABLE (default 300)
  --pending-ms <n>           connection PENDING -> PENDING_ACCEPTANCE (default 100)
  --accept-ms <n>            connection -> AVAILABLE, measured from the add (default 300)
  --unavailable-rate <0..1>  fraction of API requests answered 503
  --rate-limit-rate <0..1>   fraction answered 429 with Retry-After
  --retry-after <seconds>    Retry-After of injected 429s (default 1)
  --drop-before-rate <0..1>  fraction whose connection is dropped before handling
  --drop-after-rate <0..1>   fraction of mutations applied, then dropped
  --slow-rate <0..1>         fraction delayed by --slow-ms
  --slow-ms <n>              delay of slow requests
  --seed <n>                 seed of the fault dice (default 1)
  --quiet                    do not log requests
  --help                     show this text`;

export class CliError extends Error {
  override name = "CliError";
}

export interface CliConfig {
  help: boolean;
  quiet: boolean;
  options: FakeCloudOptions & { port: number; clusters: FakeClusterSeed[] };
}

const PLANS: readonly Plan[] = ["BASIC", "STANDARD", "ADVANCED"];
const CLOUDS: readonly CloudProvider[] = ["AWS", "GCP"];
const ROLES: readonly Role[] = ["ORG_ADMIN", "CLUSTER_ADMIN", "CLUSTER_OPERATOR_WRITER", "CLUSTER_DEVELOPER"];

const FLAG_SPEC = {
  port: { type: "string" },
  cluster: { type: "string", multiple: true },
  "no-demo": { type: "boolean" },
  "api-key": { type: "string", multiple: true },
  "service-create-ms": { type: "string" },
  "pending-ms": { type: "string" },
  "accept-ms": { type: "string" },
  "unavailable-rate": { type: "string" },
  "rate-limit-rate": { type: "string" },
  "retry-after": { type: "string" },
  "drop-before-rate": { type: "string" },
  "drop-after-rate": { type: "string" },
  "slow-rate": { type: "string" },
  "slow-ms": { type: "string" },
  seed: { type: "string" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export function parseCli(argv: string[]): CliConfig {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: FLAG_SPEC, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\nRun with --help for the flags.`);
  }

  const port = values.port === undefined ? DEFAULT_PORT : nonNegativeInteger("--port", values.port);
  if (port > 65535) throw new CliError(`--port must be at most 65535, got ${port}`);
  const clusters = [...(values["no-demo"] ? [] : [DEMO_CLUSTER]), ...(values.cluster ?? []).map(parseClusterSpec)];
  const ids = new Set<string>();
  for (const seed of clusters) {
    if (ids.has(seed.id)) throw new CliError(`cluster ${seed.id} is given twice`);
    ids.add(seed.id);
  }

  const options: CliConfig["options"] = { port, clusters, timing: timing(values), faults: faults(values) };
  if (values["api-key"]) options.apiKeys = Object.fromEntries(values["api-key"].map(parseApiKey));
  return { help: values.help ?? false, quiet: values.quiet ?? false, options };
}

export function parseClusterSpec(spec: string): FakeClusterSeed {
  const [id, plan, cloud, regions, name, ...rest] = spec.split(":");
  const format = "<uuid>:<PLAN>:<CLOUD>:<region>[,<region>...][:<name>]";
  if (!id || !plan || !cloud || !regions || rest.length > 0) {
    throw new CliError(`--cluster "${spec}" must look like ${format}`);
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw new CliError(`--cluster "${spec}": "${id}" is not a UUID`);
  }
  const upperPlan = plan.toUpperCase() as Plan;
  if (!PLANS.includes(upperPlan)) throw new CliError(`--cluster "${spec}": plan must be one of ${PLANS.join(", ")}`);
  const upperCloud = cloud.toUpperCase() as CloudProvider;
  if (!CLOUDS.includes(upperCloud)) {
    throw new CliError(`--cluster "${spec}": cloud must be one of ${CLOUDS.join(", ")}`);
  }
  const regionNames = regions.split(",").map((r) => r.trim());
  if (regionNames.some((r) => !/^[a-z0-9-]+$/.test(r))) {
    throw new CliError(`--cluster "${spec}": regions must be comma-separated region codes like us-east-1`);
  }
  const seed: FakeClusterSeed = {
    id: id.toLowerCase(),
    plan: upperPlan,
    cloudProvider: upperCloud,
    regions: regionNames.map((r) => ({ name: r })),
  };
  if (name) seed.name = name;
  return seed;
}

function parseApiKey(value: string): [string, Role] {
  const separator = value.lastIndexOf("=");
  if (separator < 0) return [value, "CLUSTER_ADMIN"];
  const role = value.slice(separator + 1).toUpperCase() as Role;
  if (!ROLES.includes(role)) throw new CliError(`--api-key: role must be one of ${ROLES.join(", ")}`);
  const key = value.slice(0, separator);
  if (!key) throw new CliError("--api-key: the key is empty");
  return [key, role];
}

type FlagValues = Partial<Record<keyof typeof FLAG_SPEC, string | string[] | boolean>>;

function timing(values: FlagValues): FakeTiming {
  return {
    serviceCreateMs: optional(values, "service-create-ms", nonNegativeInteger),
    connectionPendingMs: optional(values, "pending-ms", nonNegativeInteger),
    connectionAcceptMs: optional(values, "accept-ms", nonNegativeInteger),
  };
}

function faults(values: FlagValues): FakeFaults {
  return {
    unavailableRate: optional(values, "unavailable-rate", rate),
    rateLimitRate: optional(values, "rate-limit-rate", rate),
    retryAfterSeconds: optional(values, "retry-after", nonNegativeNumber),
    dropBeforeRate: optional(values, "drop-before-rate", rate),
    dropAfterRate: optional(values, "drop-after-rate", rate),
    slowRate: optional(values, "slow-rate", rate),
    slowMs: optional(values, "slow-ms", nonNegativeInteger),
    seed: optional(values, "seed", nonNegativeInteger),
  };
}

function optional(
  values: FlagValues,
  flag: keyof typeof FLAG_SPEC,
  parse: (flag: string, value: string) => number,
): number | undefined {
  const value = values[flag];
  return typeof value === "string" ? parse(`--${flag}`, value) : undefined;
}

function nonNegativeNumber(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0) {
    throw new CliError(`${flag} must be a non-negative number, got "${value}"`);
  }
  return number;
}

function nonNegativeInteger(flag: string, value: string): number {
  const number = nonNegativeNumber(flag, value);
  if (!Number.isInteger(number)) throw new CliError(`${flag} must be a whole number, got "${value}"`);
  return number;
}

function rate(flag: string, value: string): number {
  const number = nonNegativeNumber(flag, value);
  if (number > 1) throw new CliError(`${flag} must be between 0 and 1, got "${value}"`);
  return number;
}
