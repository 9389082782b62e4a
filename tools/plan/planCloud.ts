// The Cloud API the plan's cluster lookups talk to: an in-process fake seeded with the stack's cluster(s), or the
// server in COCKROACH_SERVER (e.g. `npm run fake-cloud` in another terminal). Loopback only, no real credentials.
import { checkAwsRegion, checkClusterId } from "../../components/core/checks";
import { checkGcpRegion } from "../../components/core/gcpChecks";
import { CockroachCloudClient } from "../../components/cockroach";
import { NAMESPACE } from "../../program/config/schema";
import { startFakeCloud } from "../fake-cloud";
import type { FakeClusterSeed } from "../fake-cloud/types";
import type { ClusterPlan } from "./cliArgs";
import { PlanFailure } from "./failure";
import { serviceAzIds } from "../mocks/aws";

const FAKE_API_KEY = "fake-api-key";

export interface PlanCloud {
  client: CockroachCloudClient;
  /** For the plan's header: where cluster facts came from. Has no port or URL, so the text is the same each run. */
  description: string;
  close(): Promise<void>;
}

/** Where the real Cloud API is, as the resources default to it. */
export const CLOUD_API = "https://cockroachlabs.cloud";

export async function startPlanCloud(config: Record<string, string>, stack: string, plan: ClusterPlan, live = false): Promise<PlanCloud> {
  const external = process.env.COCKROACH_SERVER?.trim();
  if (live) {
    const apiKey = process.env.COCKROACH_API_KEY?.trim();
    if (!apiKey) {
      throw PlanFailure.of({
        key: "COCKROACH_API_KEY",
        value: null,
        reason: "--live looks the cluster up in the Cloud API and needs an API key in COCKROACH_API_KEY",
        allowed: "the key of a service account with any role on the cluster (the plan only reads)",
      });
    }
    const server = external || CLOUD_API;
    return {
      client: readOnly(new CockroachCloudClient({ server, apiKey })),
      description: `the Cloud API at ${server} (--live: read-only lookups with COCKROACH_API_KEY)`,
      close: async () => {},
    };
  }
  if (external) {
    return {
      client: readOnly(new CockroachCloudClient({ server: external, apiKey: process.env.COCKROACH_API_KEY ?? FAKE_API_KEY })),
      description: "the Cloud API at COCKROACH_SERVER (read-only lookups)",
      close: async () => {},
    };
  }
  const seeds = clusterSeeds(config, stack, plan);
  const fake = await startFakeCloud({ clusters: seeds });
  const where = seeds.map((s) => `${s.id} as ${s.cloudProvider} ${s.plan} in ${s.regions.map((r) => r.name).join(", ")}`);
  return {
    client: new CockroachCloudClient({ server: fake.url, apiKey: FAKE_API_KEY }),
    description: `an in-process fake Cloud API${where.length ? ` with cluster ${where.join("; ")}` : ""}`,
    close: () => fake.close(),
  };
}

/** The stack's cluster IDs with the regions each is used in, read leniently: the program validates the config. */
export function clusterSeeds(config: Record<string, string>, stack: string, plan: ClusterPlan): FakeClusterSeed[] {
  const topClusterId = config[`${NAMESPACE}:clusterId`];
  const regions = new Map<string, Set<string>>();
  const use = (rawClusterId: unknown, region: unknown) => {
    // Only plausible values: the program reports bad ones with the config key; seeding them could fail first.
    if (typeof rawClusterId !== "string" || typeof region !== "string") return;
    // The program lower-cases cluster IDs (CockroachDB's are lower-case): seed the fake with the ID it will ask for.
    const clusterId = rawClusterId.toLowerCase();
    if (checkClusterId(clusterId) || (checkAwsRegion(region) && checkGcpRegion(region))) return;
    regions.set(clusterId, (regions.get(clusterId) ?? new Set()).add(region));
  };
  const entries = parseJson(config[`${NAMESPACE}:regions`]);
  if (Array.isArray(entries)) {
    for (const entry of entries as Record<string, unknown>[]) use(entry?.clusterId ?? topClusterId, entry?.region);
  } else {
    use(topClusterId, config["aws:region"] ?? config["gcp:region"]);
  }
  return [...regions].map(([id, names]) => {
    // A cluster runs in one cloud: GCP when its regions are GCP region codes (the program checks each path).
    const gcp = [...names].some((name) => checkAwsRegion(name) !== undefined);
    return {
      id,
      name: stack.replace(/[^a-z0-9-]+/gi, "-").toLowerCase(),
      plan,
      cloudProvider: gcp ? ("GCP" as const) : ("AWS" as const),
      regions: [...names].sort().map((name) => (gcp ? { name } : { name, availabilityZoneIds: serviceAzIds(name) })),
    };
  });
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The client with only its lookups (get*, list*): the plan must never change a real cluster. */
export function readOnly(client: CockroachCloudClient): CockroachCloudClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (typeof property === "string" && /^(get|list)[A-Z]/.test(property)) return value.bind(target);
      return () => Promise.reject(new Error(`the offline plan only reads from the Cloud API; it refused ${String(property)}`));
    },
  });
}
