import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeCloudServer } from "../../../tools/fake-cloud";
import { AWS_STANDARD, API_KEY, call, clusterPath, networkingPath, startWithAllClusters } from "./helpers";

const KEYS = {
  "key-org-admin": "ORG_ADMIN",
  "key-admin": "CLUSTER_ADMIN",
  "key-operator": "CLUSTER_OPERATOR_WRITER",
  "key-developer": "CLUSTER_DEVELOPER",
} as const;

const SERVICES = "private-endpoint-services";
const CONNECTIONS = "private-endpoint-connections";
const OWNERS = "private-endpoint-trusted-owners";

let fake: FakeCloudServer;
beforeEach(async () => {
  fake = await startWithAllClusters({ apiKeys: { ...KEYS, [API_KEY]: "CLUSTER_ADMIN" } });
});
afterEach(() => fake.close());

describe("authentication", () => {
  it("answers 401 UNAUTHENTICATED without a key, with an unknown key, or with a non-bearer scheme", async () => {
    const missing = await call(fake, "GET", clusterPath(AWS_STANDARD), { key: null });
    const unknown = await call(fake, "GET", clusterPath(AWS_STANDARD), { key: "s3cr3t-wrong-key" });
    const basic = await fetch(`${fake.url}${clusterPath(AWS_STANDARD)}`, { headers: { authorization: "Basic abc" } });

    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ code: 16, details: [] });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe(16);
    expect(JSON.stringify(unknown.body)).not.toContain("s3cr3t-wrong-key");
    expect(basic.status).toBe(401);
  });

  it("records the Authorization, Cc-Version and User-Agent headers as received", async () => {
    await call(fake, "GET", `${clusterPath(AWS_STANDARD)}?x=1`);
    await call(fake, "GET", clusterPath(AWS_STANDARD), { ccVersion: null });

    const [first, second] = fake.requests;
    expect(first).toMatchObject({
      method: "GET",
      path: clusterPath(AWS_STANDARD),
      query: { x: "1" },
      status: 200,
      authorization: `Bearer ${API_KEY}`,
      ccVersion: "2024-09-16",
      userAgent: "fake-cloud-test/1",
    });
    expect(second?.status).toBe(200);
    expect(second?.ccVersion).toBeUndefined();
  });
});

describe("Cc-Version", () => {
  it("rejects an unknown version with 400 'invalid Cc-Version' and accepts older published ones", async () => {
    const bad = await call(fake, "GET", clusterPath(AWS_STANDARD), { ccVersion: "2099-01-01" });
    const old = await call(fake, "GET", clusterPath(AWS_STANDARD), { ccVersion: "2022-09-20" });

    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: 3, message: "invalid Cc-Version", details: [] });
    expect(old.status).toBe(200);
  });
});

describe("roles", () => {
  const cases: { key: keyof typeof KEYS; method: string; path: string; body?: unknown; allowed: boolean }[] = [
    { key: "key-developer", method: "GET", path: clusterPath(AWS_STANDARD), allowed: true },
    { key: "key-developer", method: "GET", path: clusterPath(AWS_STANDARD, "/connection-string"), allowed: true },
    { key: "key-developer", method: "GET", path: networkingPath(AWS_STANDARD, "allowlist"), allowed: true },
    {
      key: "key-developer",
      method: "POST",
      path: networkingPath(AWS_STANDARD, "allowlist"),
      body: { cidr_ip: "10.0.0.0", cidr_mask: 8, ui: true, sql: true },
      allowed: false,
    },
    { key: "key-developer", method: "GET", path: networkingPath(AWS_STANDARD, SERVICES), allowed: false },
    { key: "key-developer", method: "GET", path: networkingPath(AWS_STANDARD, CONNECTIONS), allowed: false },
    {
      key: "key-operator",
      method: "POST",
      path: networkingPath(AWS_STANDARD, "private-endpoint-connections"),
      body: { endpoint_id: "vpce-0123456789abcdef0" },
      allowed: true,
    },
    { key: "key-operator", method: "GET", path: networkingPath(AWS_STANDARD, OWNERS), allowed: true },
    {
      key: "key-operator",
      method: "POST",
      path: networkingPath(AWS_STANDARD, "private-endpoint-trusted-owners"),
      body: { type: "AWS_ACCOUNT_ID", external_owner_id: "012345678901" },
      allowed: false,
    },
    {
      key: "key-admin",
      method: "POST",
      path: networkingPath(AWS_STANDARD, "private-endpoint-trusted-owners"),
      body: { type: "AWS_ACCOUNT_ID", external_owner_id: "012345678901" },
      allowed: true,
    },
    {
      key: "key-org-admin",
      method: "POST",
      path: networkingPath(AWS_STANDARD, "private-endpoint-trusted-owners"),
      body: { type: "AWS_ACCOUNT_ID", external_owner_id: "*" },
      allowed: true,
    },
  ];

  it.each(cases)("$key $method $path -> allowed=$allowed", async ({ key, method, path, body, allowed }) => {
    const result = await call(fake, method, path, { key, body });
    if (allowed) {
      expect(result.status).toBe(200);
    } else {
      expect(result.status).toBe(403);
      expect(result.body.code).toBe(7);
      expect(result.body.message).toMatch(/^PermissionDenied: the caller lacks the required role/);
      expect(result.body.message).not.toContain(key);
    }
  });

  it("requires CLUSTER_ADMIN to remove a trusted owner", async () => {
    const added = await call(fake, "POST", networkingPath(AWS_STANDARD, "private-endpoint-trusted-owners"), {
      body: { type: "AWS_ACCOUNT_ID", external_owner_id: "012345678901" },
    });
    const path = networkingPath(AWS_STANDARD, `private-endpoint-trusted-owners/${added.body.trusted_owner.id}`);

    const asOperator = await call(fake, "DELETE", path, { key: "key-operator" });
    expect(asOperator.status).toBe(403);
    expect(fake.trustedOwners(AWS_STANDARD.id)).toHaveLength(1);
    const asAdmin = await call(fake, "DELETE", path, { key: "key-admin" });
    expect(asAdmin.status).toBe(200);
    expect(fake.trustedOwners(AWS_STANDARD.id)).toHaveLength(0);
  });
});

describe("routing", () => {
  it("answers 404 for unknown paths and 501 UNIMPLEMENTED for a known path with the wrong method", async () => {
    const unknown = await call(fake, "GET", "/api/v1/nope");
    const wrongMethod = await call(fake, "PUT", networkingPath(AWS_STANDARD, "private-endpoint-connections"));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(5);
    expect(wrongMethod.status).toBe(501);
    expect(wrongMethod.body.code).toBe(12);
  });
});
