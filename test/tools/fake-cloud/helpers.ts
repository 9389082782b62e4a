// Shared seeds and a tiny fetch wrapper for the fake-cloud tests. Requests go over real HTTP.
import {
  startFakeCloud,
  type FakeCloudOptions,
  type FakeCloudServer,
  type FakeClusterSeed,
} from "../../../tools/fake-cloud";

export const API_KEY = "fake-api-key";
export const CC_VERSION = "2024-09-16";

export const AWS_STANDARD: FakeClusterSeed = {
  id: "11111111-1111-4111-8111-111111111111",
  name: "demo",
  plan: "STANDARD",
  cloudProvider: "AWS",
  regions: [{ name: "us-east-1" }],
};
export const AWS_ADVANCED: FakeClusterSeed = {
  id: "22222222-2222-4222-8222-222222222222",
  name: "prod",
  plan: "ADVANCED",
  cloudProvider: "AWS",
  regions: [{ name: "us-east-1" }, { name: "us-west-2" }],
};
export const GCP_ADVANCED: FakeClusterSeed = {
  id: "33333333-3333-4333-8333-333333333333",
  name: "gcp-prod",
  plan: "ADVANCED",
  cloudProvider: "GCP",
  regions: [{ name: "us-east1" }],
};
export const AWS_BASIC: FakeClusterSeed = {
  id: "44444444-4444-4444-8444-444444444444",
  name: "hobby",
  plan: "BASIC",
  cloudProvider: "AWS",
  regions: [{ name: "us-east-1" }],
};
export const GCP_STANDARD: FakeClusterSeed = {
  id: "55555555-5555-4555-8555-555555555555",
  name: "gcp-std",
  plan: "STANDARD",
  cloudProvider: "GCP",
  regions: [{ name: "us-central1" }],
};

export const ALL_SEEDS = [AWS_STANDARD, AWS_ADVANCED, GCP_ADVANCED, AWS_BASIC, GCP_STANDARD];

export function startWithAllClusters(options: FakeCloudOptions = {}): Promise<FakeCloudServer> {
  return startFakeCloud({ clusters: ALL_SEEDS.map((s) => ({ ...s, regions: [...s.regions] })), ...options });
}

export interface CallOptions {
  body?: unknown;
  /** API key to send; null sends no Authorization header. */
  key?: string | null;
  /** Cc-Version to send; null sends none. */
  ccVersion?: string | null;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // Tests assert on many different JSON shapes; a loose type keeps them readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function call(
  fake: { url: string },
  method: string,
  path: string,
  { body, key = API_KEY, ccVersion = CC_VERSION }: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { accept: "application/json", "user-agent": "fake-cloud-test/1" };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (ccVersion !== null) headers["cc-version"] = ccVersion;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const isJson = response.headers.get("content-type")?.includes("json") ?? false;
  return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text };
}

export const clusterPath = (seed: FakeClusterSeed, suffix = "") => `/api/v1/clusters/${seed.id}${suffix}`;
export const networkingPath = (seed: FakeClusterSeed, suffix: string) => clusterPath(seed, `/networking/${suffix}`);
