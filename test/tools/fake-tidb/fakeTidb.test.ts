// The fake TiDB Cloud Serverless API itself, driven with raw HTTP and with a Digest client: it must challenge, refuse
// wrong keys, tell 401 from 404, and log what it saw.
import { createHash } from "node:crypto";
import { request } from "urllib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeTidb, fakeTidbCluster, fakeTidbServiceName, startFakeTidb } from "../../../tools/fake-tidb";

const KEYS = { publicKey: "PUBKEY01", privateKey: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" };
const CLUSTER = "10289758592817381";
let fake: FakeTidb;

beforeAll(async () => {
  fake = await startFakeTidb({ keys: KEYS, clusters: [fakeTidbCluster(CLUSTER, "us-east-1")] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.failWith(undefined);
});

const get = (path: string, digestAuth?: string) =>
  request<string>(`${fake.url}${path}`, { method: "GET", dataType: "text", ...(digestAuth ? { digestAuth } : {}) });

describe("fake TiDB Cloud Serverless API", () => {
  it("answers a request without credentials 401 with a Digest challenge (realm, nonce, qop=auth)", async () => {
    const answer = await get(`/v1beta1/clusters/${CLUSTER}`);
    expect(answer.status).toBe(401);
    expect(String(answer.headers["www-authenticate"])).toMatch(/^Digest realm="[^"]+", qop="auth", nonce="[0-9a-f]{32}"/);
    expect(JSON.parse(answer.data)).toEqual({ code: 16, message: "Unauthorized", details: [] });
    expect(fake.requests).toEqual([
      { method: "GET", path: `/v1beta1/clusters/${CLUSTER}`, auth: "none", status: 401, authProblem: "no digest credentials" },
    ]);
  });

  it("serves the cluster to a Digest client with the right key pair: challenged once, then answered", async () => {
    const answer = await get(`/v1beta1/clusters/${CLUSTER}?view=BASIC`, `${KEYS.publicKey}:${KEYS.privateKey}`);
    expect(answer.status).toBe(200);
    const cluster = JSON.parse(answer.data);
    expect(cluster.endpoints.private).toEqual({
      host: "gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com",
      port: 4000,
      aws: { serviceName: fakeTidbServiceName("us-east-1"), availabilityZone: ["use1-az1", "use1-az2", "use1-az4"] },
    });
    expect(fake.requests.map((r) => [r.auth, r.status])).toEqual([
      ["none", 401],
      ["digest", 200],
    ]);
    expect(fake.requests[1]?.username).toBe(KEYS.publicKey);
  });

  it("refuses a wrong private key 401, saying why in its log", async () => {
    const answer = await get(`/v1beta1/clusters/${CLUSTER}`, `${KEYS.publicKey}:not-the-key`);
    expect(answer.status).toBe(401);
    expect(fake.requests.map((r) => [r.auth, r.status, r.authProblem])).toEqual([
      ["none", 401, "no digest credentials"],
      ["digest", 401, "wrong response (private key)"],
    ]);
  });

  it("refuses a digest for a nonce it never issued, and Basic auth", async () => {
    const ha1 = createHash("md5").update(`${KEYS.publicKey}:tidb.cloud:${KEYS.privateKey}`).digest("hex");
    const path = `/v1beta1/clusters/${CLUSTER}`;
    const ha2 = createHash("md5").update(`GET:${path}`).digest("hex");
    const response = createHash("md5").update(`${ha1}:made-up:${ha2}`).digest("hex");
    const forged = await request(`${fake.url}${path}`, {
      headers: { authorization: `Digest username="${KEYS.publicKey}", realm="tidb.cloud", nonce="made-up", uri="${path}", response="${response}"` },
    });
    const basic = await request(`${fake.url}${path}`, {
      headers: { authorization: `Basic ${Buffer.from(`${KEYS.publicKey}:${KEYS.privateKey}`).toString("base64")}` },
    });
    expect([forged.status, basic.status]).toEqual([401, 401]);
    expect(fake.requests.map((r) => [r.auth, r.authProblem])).toEqual([
      ["digest", "nonce not issued by this server"],
      ["other", "no digest credentials"],
    ]);
  });

  it("answers an unknown cluster 404 only after auth passed", async () => {
    const answer = await get("/v1beta1/clusters/999", `${KEYS.publicKey}:${KEYS.privateKey}`);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.data)).toEqual({ code: 5, message: "cluster 999 not found", details: [] });
    expect(fake.requests.map((r) => [r.auth, r.status])).toEqual([
      ["none", 401],
      ["digest", 404],
    ]);
  });

  it("fails on purpose a given number of times", async () => {
    fake.failWith(503, 1);
    const first = await get(`/v1beta1/clusters/${CLUSTER}`, `${KEYS.publicKey}:${KEYS.privateKey}`);
    const second = await get(`/v1beta1/clusters/${CLUSTER}`, `${KEYS.publicKey}:${KEYS.privateKey}`);
    expect([first.status, second.status]).toEqual([503, 200]);
  });
});
