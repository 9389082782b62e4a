// A TiDB Cloud Serverless stack under the lifecycle engine: the shared harness (fake Cloud API, fake EC2, fake AWS
// account, state file) plus the fake TiDB Cloud Serverless API on loopback, seeded with the stack's cluster in its
// region. The runner and the provider host get the fake's address and a key pair through their environment, as
// `pulumi up` would get TIDBCLOUD_*; no CockroachDB API key is configured, but the fake Cloud API still listens (at
// COCKROACH_SERVER), so a test can prove nothing asked it anything.
import { fakeTidbCluster, type FakeTidb, type FakeTidbCluster, startFakeTidb } from "../../tools/fake-tidb";
import { type Harness, PROJECT, startHarness } from "./harness";

/** The fake TiDB API's key pair: what the program must prove with Digest auth, and must never write anywhere. */
export const TIDB_KEYS = { publicKey: "LIFECYCLETIDB01", privateKey: "lifecycle-tidb-private-key-4b9d" };

export interface TidbHarness extends Harness {
  tidb: FakeTidb;
  /** The cluster the fake serves: what the stack's outputs must come from. */
  cluster: FakeTidbCluster;
}

/** The stack's `tidb.clusterId` and `aws:region`, as the program reads them (a single-region stack). */
export function tidbClusterOf(config: Record<string, string>): { clusterId: string; region: string } {
  const tidb = JSON.parse(config[`${PROJECT}:tidb`] ?? "{}") as { clusterId?: string };
  const region = config["aws:region"];
  if (!tidb.clusterId || !region) throw new Error(`the stack config has no ${PROJECT}:tidb.clusterId or aws:region`);
  return { clusterId: tidb.clusterId, region };
}

export interface TidbHarnessOptions {
  stack: string;
  config: Record<string, string>;
  /** The key pair the program is given (TIDBCLOUD_*); the fake accepts only TIDB_KEYS. @default TIDB_KEYS */
  programKeys?: { publicKey: string; privateKey: string };
}

export async function startTidbHarness(options: TidbHarnessOptions): Promise<TidbHarness> {
  const keys = options.programKeys ?? TIDB_KEYS;
  const { clusterId, region } = tidbClusterOf(options.config);
  const cluster = fakeTidbCluster(clusterId, region);
  const tidb = await startFakeTidb({ keys: TIDB_KEYS, clusters: [cluster] });
  try {
    const h = await startHarness({
      stack: options.stack,
      config: options.config,
      regions: [region], // the fake Cloud API's own (CockroachDB) cluster: a bystander here
      secrets: {},
      env: {
        TIDBCLOUD_SERVERLESS_ENDPOINT: tidb.url,
        TIDBCLOUD_PUBLIC_KEY: keys.publicKey,
        TIDBCLOUD_PRIVATE_KEY: keys.privateKey,
      },
    });
    return { ...h, tidb, cluster, close: () => Promise.all([h.close(), tidb.close()]).then(() => {}) };
  } catch (err) {
    await tidb.close();
    throw err;
  }
}
