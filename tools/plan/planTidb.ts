// The TiDB Cloud Serverless API a TiDB stack's plan looks its clusters up in: an in-process fake (Digest auth, seeded
// with the stack's tidb.clusterId values in their regions), the server in TIDBCLOUD_SERVERLESS_ENDPOINT, or with
// --live the real API with TIDBCLOUD_PUBLIC_KEY / TIDBCLOUD_PRIVATE_KEY (one GET per cluster; the plan changes nothing).
// The endpoints already in an existing VPC come from the AWS mocks (none), never from EC2.
import { checkAwsRegion } from "../../components/core/checks";
import { checkTidbClusterId, tidbClusterFacts, tidbServerlessClient } from "../../components/tidb";
import { NAMESPACE } from "../../program/config/schema";
import type { ProgramLookups } from "../../program/routes/types";
import { fakeTidbCluster, startFakeTidb } from "../fake-tidb";
import { existingVpcEndpointsToService } from "../mocks/aws";
import { PlanFailure } from "./failure";

/** The offline plan's key pair for its own fake: it never reads the real keys unless --live. */
const FAKE_KEYS = { publicKey: "PLANFAKE", privateKey: "plan-fake-private-key" };

export interface PlanTidb {
  lookups: Partial<ProgramLookups>;
  /** For the plan's header: where cluster facts came from (no port or URL, so the text is stable). */
  description: string;
  close(): Promise<void>;
}

/** Whether the stack targets TiDB (`crdb-private-endpoints:target: tidb`). */
export function isTidbStack(config: Record<string, string>): boolean {
  return config[`${NAMESPACE}:target`] === "tidb";
}

export async function startPlanTidb(config: Record<string, string>, live: boolean): Promise<PlanTidb> {
  const noEc2 = { vpcEndpointsToService: async (vpcId: string, serviceName: string) => existingVpcEndpointsToService(vpcId, serviceName) };
  const external = process.env.TIDBCLOUD_SERVERLESS_ENDPOINT?.trim();
  if (live || external) {
    const publicKey = process.env.TIDBCLOUD_PUBLIC_KEY?.trim();
    const privateKey = process.env.TIDBCLOUD_PRIVATE_KEY?.trim();
    if (!publicKey || !privateKey) {
      throw PlanFailure.of({
        key: "TIDBCLOUD_PUBLIC_KEY",
        value: null,
        reason: "--live (or TIDBCLOUD_SERVERLESS_ENDPOINT) looks the TiDB clusters up in the TiDB Cloud API and needs an API key pair",
        allowed: "TIDBCLOUD_PUBLIC_KEY and TIDBCLOUD_PRIVATE_KEY of an API key that can read the clusters (the plan only reads)",
      });
    }
    const client = tidbServerlessClient({ endpoint: external, keys: { publicKey, privateKey } });
    return {
      lookups: { ...noEc2, tidbCluster: async (id) => tidbClusterFacts(id, await client.getCluster(id)) },
      description: `the TiDB Cloud Serverless API at ${external ? "TIDBCLOUD_SERVERLESS_ENDPOINT" : "https://serverless.tidbapi.com"} (read-only, TIDBCLOUD_PUBLIC_KEY / TIDBCLOUD_PRIVATE_KEY)`,
      close: async () => {},
    };
  }
  const seeds = tidbClusterSeeds(config);
  const fake = await startFakeTidb({ keys: FAKE_KEYS, clusters: seeds.map(([id, region]) => fakeTidbCluster(id, region)) });
  const client = tidbServerlessClient({ endpoint: fake.url, keys: FAKE_KEYS });
  const where = seeds.map(([id, region]) => `${id} in ${region}`).join("; ");
  return {
    lookups: { ...noEc2, tidbCluster: async (id) => tidbClusterFacts(id, await client.getCluster(id)) },
    description:
      `an in-process fake TiDB Cloud Serverless API (Digest auth with its own keys; TIDBCLOUD_* keys not read)` +
      (where ? ` with cluster ${where}` : ""),
    close: () => fake.close(),
  };
}

/** [clusterId, region] for each region naming a TiDB cluster, read leniently: the program validates the config. */
export function tidbClusterSeeds(config: Record<string, string>): [string, string][] {
  const top = parseJson(config[`${NAMESPACE}:tidb`]) as { clusterId?: unknown } | undefined;
  const seeds = new Map<string, [string, string]>();
  const use = (clusterId: unknown, region: unknown) => {
    if (typeof clusterId !== "string" || typeof region !== "string") return;
    if (checkTidbClusterId(clusterId) || checkAwsRegion(region)) return;
    seeds.set(clusterId, [clusterId, region]);
  };
  const entries = parseJson(config[`${NAMESPACE}:regions`]);
  if (Array.isArray(entries)) {
    for (const entry of entries as { region?: unknown; tidb?: { clusterId?: unknown } }[]) use(entry?.tidb?.clusterId ?? top?.clusterId, entry?.region);
  } else {
    use(top?.clusterId, config["aws:region"]);
  }
  return [...seeds.values()];
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
