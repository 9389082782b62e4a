// The TiDB Cloud Serverless API client against the fake API over loopback: Digest auth as the fake checks it, 401
// and 404 told apart, retries of a 503, settings from the environment, and the key pair never in an error.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { TidbApiError, tidbServerlessClient } from "../../../components/tidb";
import { type FakeTidb, fakeTidbCluster, startFakeTidb } from "../../../tools/fake-tidb";
import { TIDB_CLUSTER } from "./support";

const KEYS = { publicKey: "PUBLICKEY7", privateKey: "b7e1c2d3-aaaa-4bbb-8ccc-0123456789ab" };
let fake: FakeTidb;

beforeAll(async () => {
  fake = await startFakeTidb({ keys: KEYS, clusters: [fakeTidbCluster(TIDB_CLUSTER, "us-east-1")] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.failWith(undefined);
});
afterEach(() => vi.unstubAllEnvs());

const client = (keys = KEYS) => tidbServerlessClient({ endpoint: fake.url, keys, backoffMs: 0 });

async function failure(promise: Promise<unknown>): Promise<TidbApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TidbApiError);
  return err as TidbApiError;
}

describe("tidbServerlessClient.getCluster", () => {
  it("reads the cluster with Digest auth: one challenge, then the authenticated GET with view=BASIC", async () => {
    const cluster = await client().getCluster(TIDB_CLUSTER);
    expect(cluster.endpoints?.private?.aws?.serviceName).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
    expect(fake.requests).toEqual([
      { method: "GET", path: `/v1beta1/clusters/${TIDB_CLUSTER}?view=BASIC`, auth: "none", status: 401, authProblem: "no digest credentials" },
      { method: "GET", path: `/v1beta1/clusters/${TIDB_CLUSTER}?view=BASIC`, auth: "digest", username: KEYS.publicKey, status: 200 },
    ]);
  });

  it("tells a refused key pair (401) from a missing cluster (404), neither retried, the keys in neither message", async () => {
    const refused = await failure(client({ ...KEYS, privateKey: "wrong-private-key-1234" }).getCluster(TIDB_CLUSTER));
    expect(refused.status).toBe(401);
    expect(refused.message).toMatch(/GetCluster for cluster 10289758592817381 failed with HTTP 401: Unauthorized\. The key pair was refused \(Digest auth\): check TIDBCLOUD_PUBLIC_KEY and TIDBCLOUD_PRIVATE_KEY/);
    expect(fake.requests.map((r) => [r.auth, r.status, r.authProblem])).toEqual([
      ["none", 401, "no digest credentials"],
      ["digest", 401, "wrong response (private key)"],
    ]);

    fake.requests.length = 0;
    const missing = await failure(client().getCluster("42"));
    expect(missing.status).toBe(404);
    expect(missing.message).toMatch(/GetCluster for cluster 42 failed with HTTP 404: cluster 42 not found\. No cluster 42 is visible to this API key/);
    expect(fake.requests.map((r) => [r.auth, r.status])).toEqual([
      ["none", 401],
      ["digest", 404],
    ]);
    for (const err of [refused, missing]) {
      expect(err.message).not.toContain(KEYS.privateKey);
      expect(err.message).not.toContain("wrong-private-key-1234");
      expect(JSON.stringify(err)).not.toContain(KEYS.privateKey);
    }
  });

  it("retries a 503, then answers", async () => {
    fake.failWith(503, 2);
    const cluster = await client().getCluster(TIDB_CLUSTER);
    expect(cluster.clusterId).toBe(TIDB_CLUSTER);
    expect(fake.requests.filter((r) => r.auth === "digest").map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it("takes the endpoint and keys from TIDBCLOUD_SERVERLESS_ENDPOINT, TIDBCLOUD_PUBLIC_KEY and TIDBCLOUD_PRIVATE_KEY", async () => {
    vi.stubEnv("TIDBCLOUD_SERVERLESS_ENDPOINT", `${fake.url}/`);
    vi.stubEnv("TIDBCLOUD_PUBLIC_KEY", KEYS.publicKey);
    vi.stubEnv("TIDBCLOUD_PRIVATE_KEY", KEYS.privateKey);
    await tidbServerlessClient().getCluster(TIDB_CLUSTER);
    expect(fake.requests.at(-1)).toMatchObject({ auth: "digest", username: KEYS.publicKey, status: 200 });
  });

  it("says which key is missing, and sends nothing", async () => {
    vi.stubEnv("TIDBCLOUD_SERVERLESS_ENDPOINT", fake.url);
    vi.stubEnv("TIDBCLOUD_PUBLIC_KEY", KEYS.publicKey);
    vi.stubEnv("TIDBCLOUD_PRIVATE_KEY", "");
    await expect(tidbServerlessClient().getCluster(TIDB_CLUSTER)).rejects.toThrow(/No TiDB Cloud API key pair: TIDBCLOUD_PRIVATE_KEY not set/);
    expect(fake.requests).toEqual([]);
  });

  it("refuses an endpoint URL with a password without echoing it", async () => {
    const err = await tidbServerlessClient({ endpoint: "https://user:hunter22@serverless.example", keys: KEYS }).getCluster(TIDB_CLUSTER).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/contains a user or password \(https:\/\/\*\*\*@serverless\.example\)/);
    expect((err as Error).message).not.toContain("hunter22");
  });

  it("redacts the keys from what a server echoes back", async () => {
    fake.failWith(500, 1, `internal error: bad digest for ${KEYS.publicKey} with ${KEYS.privateKey}`);
    const err = await failure(tidbServerlessClient({ endpoint: fake.url, keys: KEYS, attempts: 1 }).getCluster(TIDB_CLUSTER));
    expect(err.message).toContain("failed with HTTP 500: internal error: bad digest for [redacted] with [redacted]");
    expect(err.message).not.toContain(KEYS.privateKey);
    expect(err.message).not.toContain(KEYS.publicKey);
  });
});
