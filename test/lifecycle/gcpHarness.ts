// One GCP stack under the lifecycle engine, with everything it talks to on loopback: the fake Cloud API seeded with
// the stack's cluster as a GCP cluster (as the offline plan seeds it), the fake GCP project, and a state file in a
// temp dir. A PSC forwarding rule the fake GCP creates is declared to the fake Cloud API with its region, as the AWS
// harness declares interface endpoints; the fake GCP accepts only the cluster's own service attachments as targets.
// Events at both fakes share one sequence, so a test can order a Cloud API DELETE against a forwarding rule delete.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeAws } from "../../tools/engine/fakeAws";
import { FakeGcp, type PscEndpointCreated } from "../../tools/engine/fakeGcp";
import { existingSubnetworkRange, gcpMockWorldOf } from "../../tools/engine/fakeGcpInvokes";
import { LifecycleEngine } from "../../tools/engine/lifecycle";
import { readStackConfig } from "../../tools/engine/stackConfig";
import { startFakeCloud, type FakeCloudServer, type RecordedRequest } from "../../tools/fake-cloud";
import type { Plan } from "../../tools/fake-cloud/types";
import { clusterSeeds } from "../../tools/plan/planCloud";

export const ROOT = path.resolve(__dirname, "../..");
export const API_KEY = "gcp-lifecycle-secret-api-key-5c1d";

export interface GcpHarness {
  engine: LifecycleEngine;
  cloud: FakeCloudServer;
  gcp: FakeGcp;
  /** The stack's one cluster (seeded from its config). */
  clusterId: string;
  statePath: string;
  /** PSC endpoints the fake GCP announced, in order. */
  pscEndpoints: PscEndpointCreated[];
  /** Cloud API requests with the shared sequence number of their completion. */
  cloudEvents: { seq: number; request: RecordedRequest }[];
  close(): Promise<void>;
}

export interface GcpHarnessOptions {
  stack: string;
  /** @default the stack file's config */
  config?: Record<string, string>;
  /** The cluster's plan: ADVANCED clusters get their endpoint services through the API. @default "STANDARD" */
  plan?: Plan;
}

export async function startGcpHarness(options: GcpHarnessOptions): Promise<GcpHarness> {
  const config = options.config ?? readStackConfig(ROOT, options.stack);
  const seeds = clusterSeeds(config, options.stack, options.plan ?? "STANDARD");
  if (seeds.length !== 1 || seeds[0]!.cloudProvider !== "GCP") throw new Error(`stack ${options.stack}: expected one GCP cluster, seeded ${JSON.stringify(seeds)}`);
  const clusterId = seeds[0]!.id;
  let seq = 0;
  const nextSeq = () => ++seq;
  const cloudEvents: GcpHarness["cloudEvents"] = [];
  const cloud = (await startFakeCloud({
    apiKeys: { [API_KEY]: "CLUSTER_ADMIN" },
    clusters: seeds,
    timing: { serviceCreateMs: 50, connectionPendingMs: 20, connectionAcceptMs: 60 },
    onRequestDone: (request) => cloudEvents.push({ seq: nextSeq(), request }),
  })) as FakeCloudServer;
  const attachments = () => new Set((cloud.services(clusterId) as { endpoint_service_id: string }[]).map((s) => s.endpoint_service_id));
  const pscEndpoints: PscEndpointCreated[] = [];
  const world = gcpMockWorldOf(config);
  const gcp = new FakeGcp({
    project: config["gcp:project"],
    existingSubnetworkRange: (selfLink) => existingSubnetworkRange(world, selfLink),
    serviceAttachmentExists: (uri) => attachments().has(uri),
    onPscEndpointCreated: (endpoint) => {
      pscEndpoints.push(endpoint);
      cloud.declareEndpoint(clusterId, endpoint.pscConnectionId, { region: endpoint.region });
    },
    nextSeq,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-gcp-"));
  const statePath = path.join(dir, "state.json");
  const engine = new LifecycleEngine({
    dir: ROOT,
    stack: options.stack,
    statePath,
    config,
    secrets: { "cockroach:apikey": API_KEY },
    // A GCP stack registers no AWS resources: an AWS fake that is never used keeps the engine's contract.
    aws: new FakeAws("us-east-1"),
    gcp,
    env: {
      COCKROACH_SERVER: cloud.url,
      COCKROACH_API_KEY: undefined,
      // The type-checked load is covered by test/tools/engine/languageHostPath.test.ts; here it would only cost time.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    },
  });
  return {
    engine,
    cloud,
    gcp,
    clusterId,
    statePath,
    pscEndpoints,
    cloudEvents,
    close: async () => {
      await cloud.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
