// One stack under the lifecycle engine, with everything it talks to on loopback: the fake Cloud API (fast timing),
// the fake EC2 (for the readiness wait's DescribeVpcEndpoints), the fake AWS account, and a state file in a temp dir.
// Events at the fakes share one sequence, so a test can order a Cloud API DELETE against an EC2 endpoint delete.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeAws } from "../../tools/engine/fakeAws";
import { azIds, type ExistingVpc } from "../../tools/engine/fakeAwsInvokes";
import { LifecycleEngine } from "../../tools/engine/lifecycle";
import type { DynamicProviderHost } from "../../tools/engine/providerHost";
import { startFakeCloud, type FakeCloudServer, type RecordedRequest } from "../../tools/fake-cloud";
import { type FakeEc2, startFakeEc2 } from "../support/fakeEc2";

export const ROOT = path.resolve(__dirname, "../..");
export const CLUSTER_ID = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d";
export const API_KEY = "lifecycle-secret-api-key-7f3e";
export const PROJECT = "crdb-private-endpoints";

export interface Harness {
  engine: LifecycleEngine;
  cloud: FakeCloudServer;
  ec2: FakeEc2;
  aws: FakeAws;
  statePath: string;
  /** Cloud API requests with the shared sequence number of their completion. */
  cloudEvents: { seq: number; request: RecordedRequest }[];
  /** Runs `fn` once, the first time a Cloud API request matching `match` completes. */
  onCloudRequest(match: (r: RecordedRequest) => boolean, fn: () => void): void;
  /** The most recent dynamic-provider host. */
  host(): DynamicProviderHost | undefined;
  close(): Promise<void>;
}

export interface HarnessOptions {
  stack: string;
  config: Record<string, string>;
  regions: string[];
  existingVpcs?: ExistingVpc[];
  /** Secret stack config. @default the CockroachDB Cloud API key (`cockroach:apikey`) */
  secrets?: Record<string, string>;
  /** More environment for the runner and the provider host (e.g. a TiDB API's address and keys). @default {} */
  env?: Record<string, string>;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  let seq = 0;
  const nextSeq = () => ++seq;
  const cloudEvents: Harness["cloudEvents"] = [];
  const hooks: { match: (r: RecordedRequest) => boolean; fn: () => void }[] = [];
  const cloud = (await startFakeCloud({
    apiKeys: { [API_KEY]: "CLUSTER_ADMIN" },
    clusters: [{ id: CLUSTER_ID, name: options.stack, plan: "STANDARD", cloudProvider: "AWS", regions: options.regions.map((name) => ({ name, availabilityZoneIds: azIds(name, [1, 2, 4]) })) }],
    timing: { connectionPendingMs: 20, connectionAcceptMs: 60 },
    onRequestDone: (request) => {
      cloudEvents.push({ seq: nextSeq(), request });
      const hook = hooks.findIndex((h) => h.match(request));
      if (hook >= 0) hooks.splice(hook, 1)[0]!.fn();
    },
  })) as FakeCloudServer;
  const ec2 = await startFakeEc2();
  const aws = new FakeAws(options.config["aws:region"] ?? "us-east-1", ec2, (endpointId, region) => cloud.declareEndpoint(CLUSTER_ID, endpointId, { region }), nextSeq);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-"));
  const statePath = path.join(dir, "state.json");
  let lastHost: DynamicProviderHost | undefined;
  const engine = new LifecycleEngine({
    dir: ROOT,
    stack: options.stack,
    statePath,
    config: options.config,
    secrets: options.secrets ?? { "cockroach:apikey": API_KEY },
    existingVpcs: options.existingVpcs,
    aws,
    onProviderHost: (h) => (lastHost = h),
    env: {
      COCKROACH_SERVER: cloud.url,
      COCKROACH_API_KEY: undefined,
      // The type-checked load is covered by test/tools/engine/languageHostPath.test.ts; here it would only cost time.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      AWS_ENDPOINT_URL_EC2: ec2.url,
      AWS_ACCESS_KEY_ID: "AKIAFAKELIFECYCLE0001",
      AWS_SECRET_ACCESS_KEY: "fake-secret-access-key",
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_REGION: options.config["aws:region"] ?? "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      ...options.env,
    },
  });
  return {
    engine,
    cloud,
    ec2,
    aws,
    statePath,
    cloudEvents,
    onCloudRequest: (match, fn) => void hooks.push({ match, fn }),
    host: () => lastHost,
    close: async () => {
      await Promise.all([cloud.close(), ec2.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stack config as the CLI hands it: `project:key` -> string, structured values as JSON text. */
export function config(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k.includes(":") ? k : `${PROJECT}:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

export const DEV = {
  "aws:region": "us-east-1",
  clusterId: CLUSTER_ID,
  vpc: { cidrBlock: "10.40.0.0/16" },
  allowedCidrs: ["10.40.0.0/16"],
  tags: { environment: "dev", owner: "platform" },
};
