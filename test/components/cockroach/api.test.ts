// The Cloud API client against the fake: headers, GET retries, Retry-After, mutations never repeated, error messages.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { backoffDelayMs, parseRetryAfter } from "../../../components/cockroach/api/backoff";
import { CockroachCloudClient } from "../../../components/cockroach/api/client";
import { CockroachApiError, redactSecrets } from "../../../components/cockroach/api/errors";
import { sendRequest } from "../../../components/cockroach/api/http";
import { OPERATIONS } from "../../../components/cockroach/api/operations";
import { acquireRequestSlot } from "../../../components/cockroach/api/rateLimiter";
import { DEFAULT_SERVER, resolveApiKey, resolveServer } from "../../../components/cockroach/api/settings";
import { CLIENT_VERSION } from "../../../components/cockroach/api/version";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import { API_KEY, CLUSTERS, rejectionOf, requestsTo, startFake, until } from "./support";

const fastRetry = { attempts: 5, baseDelayMs: 5, maxDelayMs: 20 };
/** The rate limit has its own test; here it would only slow things down. */
const unlimited = { maxRequests: 10_000 };
const clientWith = (options: ConstructorParameters<typeof CockroachCloudClient>[0] = {}) =>
  new CockroachCloudClient({ rateLimit: unlimited, ...options });
const STANDARD: FakeClusterSeed = { id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] };

describe("version and settings", () => {
  it("sends the package.json version in the User-Agent", () => {
    const pkg = JSON.parse(readFileSync(`${__dirname}/../../../package.json`, "utf8")) as { version: string };
    expect(CLIENT_VERSION).toBe(pkg.version);
  });

  it("resolves the server from stack config first, then env, then the public API (as the key)", () => {
    const saved = process.env.COCKROACH_SERVER;
    try {
      delete process.env.COCKROACH_SERVER;
      expect(resolveServer()).toBe(DEFAULT_SERVER);
      expect(resolveServer({ server: "https://staging.example/" })).toBe("https://staging.example");
      process.env.COCKROACH_SERVER = "http://from-env/";
      expect(resolveServer({ server: "https://staging.example" })).toBe("https://staging.example");
      expect(resolveServer({})).toBe("http://from-env");
    } finally {
      if (saved === undefined) delete process.env.COCKROACH_SERVER;
      else process.env.COCKROACH_SERVER = saved;
    }
  });

  it("prefers the configured key over the env key, and names both ways when neither is set", () => {
    const saved = process.env.COCKROACH_API_KEY;
    try {
      process.env.COCKROACH_API_KEY = "env-key";
      expect(resolveApiKey({ apiKey: "config-key" })).toBe("config-key");
      expect(resolveApiKey({})).toBe("env-key");
      delete process.env.COCKROACH_API_KEY;
      expect(() => resolveApiKey({})).toThrow(/pulumi config set --secret cockroach:apikey.*COCKROACH_API_KEY/);
    } finally {
      if (saved === undefined) delete process.env.COCKROACH_API_KEY;
      else process.env.COCKROACH_API_KEY = saved;
    }
  });
});

describe("backoff", () => {
  it("reads Retry-After as seconds (fractional too) or as an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("0.05", now)).toBe(50);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("jitters fully: delays of one retry spread over [0, ceiling], the ceiling doubling up to the cap", () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    const sample = (retry: number) => Array.from({ length: 200 }, () => backoffDelayMs(retry, policy));
    for (const [retry, ceiling] of [[1, 100], [3, 400], [10, 1000]] as const) {
      const delays = sample(retry);
      for (const delay of delays) {
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
      // Full jitter, not a fixed or "equal jitter" delay: distinct values reaching both ends of the range.
      expect(new Set(delays).size).toBeGreaterThan(150);
      expect(Math.min(...delays)).toBeLessThan(ceiling * 0.1);
      expect(Math.max(...delays)).toBeGreaterThan(ceiling * 0.9);
    }
  });

  it("waits at least Retry-After, but never longer than the policy's max delay", () => {
    for (let i = 0; i < 50; i++) {
      expect(backoffDelayMs(1, { baseDelayMs: 100 }, 700)).toBeGreaterThanOrEqual(700);
      expect(backoffDelayMs(1, { baseDelayMs: 100, maxDelayMs: 1000 }, 3_600_000)).toBe(1000);
      expect(backoffDelayMs(1, undefined, 3_600_000)).toBe(20_000);
    }
  });
});

describe("rate limiter", () => {
  // The 10 requests/s measured at the fake, across separately serialized providers, is in serializedProviders.test.ts.
  it("holds a slot while the request is in flight and for a window after its answer", async () => {
    const limit = { maxRequests: 1, windowMs: 100, marginMs: 0 };
    const releaseFirst = await acquireRequestSlot(limit);
    let admitted = 0;
    const second = acquireRequestSlot(limit).then((release) => ((admitted = Date.now()), release));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(admitted).toBe(0);
    const answered = Date.now();
    releaseFirst();
    (await second)();
    expect(admitted - answered).toBeGreaterThanOrEqual(95);
  });

  it("keeps separate windows for separate limits", async () => {
    // Were the windows shared, the second acquire would wait a minute for the first slot: past the test's timeout.
    const release = await acquireRequestSlot({ maxRequests: 1, windowMs: 60_000 });
    (await acquireRequestSlot({ maxRequests: 2, windowMs: 60_000 }))();
    release();
  });
});

describe("transport against the fake", () => {
  it("sends the bearer key, Cc-Version and User-Agent", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    const cluster = await clientWith().getCluster(CLUSTERS.standardAws);
    expect(cluster.plan).toBe("STANDARD");
    const [request] = fake.requests;
    expect(request?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.ccVersion).toBe("2024-09-16");
    expect(request?.userAgent).toBe(`crdb-private-endpoints/${CLIENT_VERSION}`);
  });

  it("retries GETs through 503, 429 and dropped connections", async () => {
    const fake = await startFake({
      clusters: [STANDARD],
      faults: { unavailableRate: 0.25, rateLimitRate: 0.2, dropBeforeRate: 0.15, retryAfterSeconds: 0.01, seed: 7 },
    });
    const client = clientWith({ retry: { attempts: 8, baseDelayMs: 2, maxDelayMs: 10 } });
    for (let i = 0; i < 10; i++) expect((await client.getCluster(CLUSTERS.standardAws)).id).toBe(CLUSTERS.standardAws);
    expect(fake.requests.filter((r) => r.fault !== undefined).length).toBeGreaterThan(0);
  });

  it("honours Retry-After on 429 before retrying a GET", async () => {
    const fake = await startFake({ clusters: [STANDARD], faults: { rateLimitRate: 1, retryAfterSeconds: 0.3 } });
    const client = clientWith({ retry: { attempts: 5, baseDelayMs: 1, maxDelayMs: 1000 } });
    const getting = client.getCluster(CLUSTERS.standardAws);
    // Faults off once the first 429 went out (not after a fixed delay); however many more 429s a slow machine
    // lets through meanwhile, each retry waited the 300 ms asked (a timer never fires early).
    await until(() => fake.requests.length > 0);
    fake.setFaults({});
    await getting;
    expect(fake.requests[0]?.status).toBe(429);
    expect(fake.requests.at(-1)?.status).toBe(200);
    for (let i = 1; i < fake.requests.length; i++) {
      expect(fake.requests[i]!.at - fake.requests[i - 1]!.at).toBeGreaterThanOrEqual(290);
    }
  });

  it("caps a huge Retry-After at the max delay: a GET answered `Retry-After: 3600` fails within the cap", async () => {
    const fake = await startFake({ clusters: [STANDARD], faults: { rateLimitRate: 1, retryAfterSeconds: 3600, methods: ["GET"] } });
    // Uncapped, the first retry would sleep the hour: the test's timeout is the bound.
    const err = await rejectionOf(clientWith({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 50 } }).getCluster(CLUSTERS.standardAws));
    // The error reports the capped wish too: a surrounding wait pauses for it, and must not sit out the hour either.
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 50 });
    const [first, second, third] = fake.requests;
    expect(fake.requests).toHaveLength(3);
    // Honoured up to the cap: each retry waited the max delay, not the jittered 1 ms.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(45);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(45);
  });

  it("does not retry a 501 (the API will not implement it on a second try)", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    // The fake, like grpc-gateway, answers a method a path does not have with 501 UNIMPLEMENTED.
    const err = await rejectionOf(
      sendRequest(
        {
          method: "GET",
          url: `${fake.url}/api/v1/clusters/${CLUSTERS.standardAws}/networking/allowlist/10.0.0.0/8`,
          operation: OPERATIONS.listAllowlistEntries,
          clusterId: CLUSTERS.standardAws,
          apiKey: API_KEY,
        },
        { retry: fastRetry, rateLimit: unlimited },
      ),
    );
    expect(err).toMatchObject({ status: 501, code: "UNIMPLEMENTED", retryable: false });
    expect(fake.requests).toHaveLength(1);
  });

  it("gives up on a GET after the configured attempts with a retryable error", async () => {
    const fake = await startFake({ clusters: [STANDARD], faults: { unavailableRate: 1 } });
    const err = await rejectionOf(clientWith({ retry: fastRetry }).getCluster(CLUSTERS.standardAws));
    expect(err).toBeInstanceOf(CockroachApiError);
    expect(err).toMatchObject({ status: 503, code: "UNAVAILABLE", retryable: true, operation: "GetCluster" });
    expect(fake.requests).toHaveLength(5);
  });

  it("never repeats a mutation: one POST, a retryable error, whether the answer was 503 or lost", async () => {
    const fake = await startFake({ clusters: [STANDARD], faults: { unavailableRate: 1, methods: ["POST"] } });
    const client = clientWith({ retry: fastRetry });
    const unavailable = await rejectionOf(client.addPrivateEndpointConnection(CLUSTERS.standardAws, "vpce-0123456789abcdef0"));
    expect(unavailable).toMatchObject({ status: 503, retryable: true, operation: "AddPrivateEndpointConnection" });
    fake.setFaults({ dropAfterRate: 1, methods: ["POST"] });
    const lost = await rejectionOf(client.addPrivateEndpointConnection(CLUSTERS.standardAws, "vpce-0123456789abcdef0"));
    expect(lost).toMatchObject({ status: 0, retryable: true });
    expect(requestsTo(fake, "POST", "/private-endpoint-connections")).toHaveLength(2);
    expect(fake.registrations(CLUSTERS.standardAws, "vpce-0123456789abcdef0")).toBe(1);
  });

  it("marks a 409 cluster lock retryable and a 409 ALREADY_EXISTS not", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    const client = clientWith();
    await client.addPrivateEndpointConnection(CLUSTERS.standardAws, "vpce-0123456789abcdef0");
    const exists = await rejectionOf(client.addPrivateEndpointConnection(CLUSTERS.standardAws, "vpce-0123456789abcdef0"));
    expect(exists).toMatchObject({ status: 409, code: "ALREADY_EXISTS", retryable: false });
    fake.setClusterState(CLUSTERS.standardAws, "LOCKED");
    const locked = await rejectionOf(client.deletePrivateEndpointConnection(CLUSTERS.standardAws, "vpce-0123456789abcdef0"));
    expect(locked).toMatchObject({ status: 409, retryable: true });
    expect(locked.message).toMatch(/lock/);
  });

  it("URL-encodes the endpoint ID in the DELETE path (Azure IDs contain '/'; '%' must not be decoded)", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    const azureId = "/subscriptions/0000/resourceGroups/rg-1/providers/Microsoft.Network/privateEndpoints/pe%41";
    const err = await rejectionOf(clientWith().deletePrivateEndpointConnection(CLUSTERS.standardAws, azureId));
    // The raw request target, as it arrived: one path segment, every "/" and "%" escaped.
    expect(fake.requests[0]?.path).toBe(
      `/api/v1/clusters/${CLUSTERS.standardAws}/networking/private-endpoint-connections/` +
        "%2Fsubscriptions%2F0000%2FresourceGroups%2Frg-1%2Fproviders%2FMicrosoft.Network%2FprivateEndpoints%2Fpe%2541",
    );
    // The server decoded it back to the very ID (it has no such entry, hence the 404 naming it).
    expect(err).toMatchObject({ status: 404, apiMessage: `private endpoint connection ${azureId} not found` });
  });

  it("explains 401 without showing the key", async () => {
    await startFake({ clusters: [STANDARD] });
    const badKey = "CCDB1_not-a-valid-key-0000";
    const err = await rejectionOf(clientWith({ apiKey: badKey }).getCluster(CLUSTERS.standardAws));
    expect(err.message).toMatch(/GetCluster \(cluster 1{8}-.*\) failed: HTTP 401 UNAUTHENTICATED/);
    expect(err.message).toMatch(/missing, invalid or expired/);
    expect(err.message).not.toContain(badKey);
  });

  it("names the roles an operation needs on 403", async () => {
    await startFake({ clusters: [STANDARD], apiKeys: { "writer-key": "CLUSTER_OPERATOR_WRITER" } });
    const client = clientWith({ apiKey: "writer-key" });
    const err = await rejectionOf(client.addTrustedOwner(CLUSTERS.standardAws, { type: "AWS_ACCOUNT_ID", externalOwnerId: "012345678901" }));
    expect(err.message).toMatch(
      /^CockroachDB Cloud API AddPrivateEndpointTrustedOwner \(cluster 1{8}-1{4}-4111-8111-1{12}\) failed: HTTP 403 PERMISSION_DENIED: .*The API key's service account needs one of CLUSTER_ADMIN on the cluster\.$/,
    );
    expect(err.message).not.toContain("writer-key");
  });

  it("says what is missing on 404", async () => {
    await startFake({ clusters: [STANDARD] });
    const client = clientWith();
    const cluster = await rejectionOf(client.getCluster(CLUSTERS.missing));
    expect(cluster.message).toMatch(/HTTP 404 NOT_FOUND.*Not found: cluster 9{8}-/);
    const connection = await rejectionOf(client.deletePrivateEndpointConnection(CLUSTERS.standardAws, "vpce-00000000000000001"));
    expect(connection.message).toMatch(/Not found: private endpoint connection vpce-00000000000000001 on cluster 1{8}-/);
    const entry = await rejectionOf(client.deleteAllowlistEntry(CLUSTERS.standardAws, "10.0.0.0", 8));
    expect(entry.message).toMatch(/Not found: allowlist entry 10\.0\.0\.0\/8 on cluster/);
  });

  it("times out a request that gets no answer", async () => {
    await startFake({ clusters: [STANDARD], faults: { slowRate: 1, slowMs: 500 } });
    const err = await rejectionOf(
      clientWith({ requestTimeoutMs: 100, retry: { attempts: 1 } }).getCluster(CLUSTERS.standardAws),
    );
    expect(err).toMatchObject({ status: 0, retryable: true });
    expect(err.message).toMatch(/request timed out after 100 ms/);
  });

  it("downloads the cluster CA certificate without credentials", async () => {
    const fake = await startFake({ clusters: [STANDARD] });
    const pem = await clientWith().getClusterCert(CLUSTERS.standardAws);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(fake.requests[0]?.path).toBe(`/clusters/${CLUSTERS.standardAws}/cert`);
    expect(fake.requests[0]?.authorization).toBeUndefined();
  });
});

describe("against a hand-written server", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(handler: (url: URL, auth: string | undefined) => { status: number; body: unknown }): Promise<string> {
    server = createServer((req, res) => {
      const answer = handler(new URL(req.url ?? "/", "http://x"), req.headers.authorization);
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("redacts the key when an upstream error body echoes it", async () => {
    const secret = "CCDB1_super-secret-value-1234567890";
    const url = await serve((_url, auth) => ({ status: 500, body: { code: 13, message: `backend choked on header "${auth}" (${secret})` } }));
    const client = clientWith({ server: url, apiKey: secret, retry: { attempts: 1 } });
    const err = await rejectionOf(client.getCluster(CLUSTERS.standardAws));
    expect(err.message).toMatch(/HTTP 500 INTERNAL: backend choked/);
    expect(err.message).not.toContain(secret);
    expect(String(err.apiMessage)).not.toContain(secret);
    expect(JSON.stringify(err)).not.toContain(secret);
  });

  it("redacts keys of 8 characters or more anywhere, and shorter ones wherever they stand as a whole token", () => {
    const text = "CockroachDB Cloud API GetCluster failed: key abcdefgh was refused";
    expect(redactSecrets(text, ["abcdefgh"])).toBe("CockroachDB Cloud API GetCluster failed: key [REDACTED] was refused");
    expect(redactSecrets("token xabcdefghx", ["abcdefgh"])).toBe("token x[REDACTED]x");
    // Short: echoed on its own (no "Bearer" before it) it is redacted; inside a longer word it is left alone.
    expect(redactSecrets("key k3y-5 refused; ok3y-59 stays", ["k3y-5"])).toBe("key [REDACTED] refused; ok3y-59 stays");
    expect(redactSecrets(text, ["abcdefg"])).toBe(text);
    expect(redactSecrets(text, [""])).toBe(text);
    const err = new CockroachApiError({ operation: "GetCluster", status: 500, apiMessage: "key s3cr3t was refused", retryable: true, redact: ["s3cr3t"] });
    expect(err.message).toBe("CockroachDB Cloud API GetCluster failed: HTTP 500: key [REDACTED] was refused.");
  });

  it("redacts the key from the API error's code field too", async () => {
    const secret = "CCDB1_code-echo-secret-0987654321";
    const url = await serve(() => ({ status: 400, body: { code: `bad key ${secret}`, message: "refused" } }));
    const err = await rejectionOf(clientWith({ server: url, apiKey: secret, retry: { attempts: 1 } }).getCluster(CLUSTERS.standardAws));
    expect(err.message).toContain("HTTP 400 bad key [REDACTED]: refused");
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain(secret);
  });

  it("reads every page of the allowlist, asking for 500 at a time", async () => {
    const limits: string[] = [];
    const url = await serve((u) => {
      limits.push(u.searchParams.get("pagination.limit") ?? "");
      const page = Number(u.searchParams.get("pagination.page") ?? "0");
      const entry = { cidr_ip: `10.0.0.${page}`, cidr_mask: 32, ui: false, sql: true };
      return { status: 200, body: { allowlist: [entry], pagination: page < 2 ? { next_page: String(page + 1) } : {} } };
    });
    const entries = await clientWith({ server: url, apiKey: "k" }).listAllowlistEntries(CLUSTERS.standardAws);
    expect(entries.map((e) => e.cidr_ip)).toEqual(["10.0.0.0", "10.0.0.1", "10.0.0.2"]);
    expect(limits).toEqual(["500", "500", "500"]);
  });
});
