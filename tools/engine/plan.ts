// `npm run plan:engine [-- --stack NAME] [--type-check]`: a real `pulumi preview` of a stack file, offline. The
// program runs in the language host's runner (ts-node, transpile-only unless --type-check), dynamic resources are
// checked by the real provider host, against an in-process fake Cloud API seeded with the stack's cluster(s) as
// STANDARD clusters (on GCP when their regions are GCP codes, as `npm run plan` seeds them), the fake AWS account
// (existing VPCs from the stack config) and the fake GCP project; a TiDB stack's clusters are looked
// up in an in-process fake TiDB Cloud Serverless API (Digest auth with its own keys). Prints what would be created.
import * as os from "node:os";
import * as path from "node:path";
import { startFakeCloud } from "../fake-cloud";
import { fakeTidbCluster, startFakeTidb } from "../fake-tidb";
import { clusterSeeds } from "../plan/planCloud";
import { tidbClusterSeeds } from "../plan/planTidb";
import type { Step } from "./deployment";
import { FakeAws } from "./fakeAws";
import { type ExistingVpc } from "./fakeAwsInvokes";
import { FakeGcp } from "./fakeGcp";
import { LifecycleEngine, OperationFailedError } from "./lifecycle";
import { isSecret, UNKNOWN } from "./protocol";
import { readStackConfig } from "./stackConfig";

const ROOT = path.resolve(__dirname, "../..");
const NS = "crdb-private-endpoints";
const API_KEY = "plan-engine-fake-key";
/** The fake TiDB API's own key pair: the real TIDBCLOUD_* keys are never read here. */
const TIDB_KEYS = { publicKey: "ENGINEFAKE", privateKey: "plan-engine-fake-tidb-key" };

interface RegionEntry {
  region?: string;
  vpc?: { vpcId?: string; subnetIds?: string[] };
}

function parseArgs(argv: string[]): { stack: string; typeCheck: boolean } {
  let stack = "dev";
  let typeCheck = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--stack" && argv[i + 1]) stack = argv[++i]!;
    else if (argv[i] === "--type-check") typeCheck = true;
    else throw new Error(`unknown argument ${argv[i]}; usage: npm run plan:engine -- [--stack NAME] [--type-check]`);
  }
  return { stack, typeCheck };
}

/** Existing VPCs named by the stack config, read leniently: the program validates it. */
function worldOf(config: Record<string, string>) {
  const top: RegionEntry = { region: config["aws:region"], vpc: parse(config[`${NS}:vpc`]) as RegionEntry["vpc"] };
  const entries = (parse(config[`${NS}:regions`]) as RegionEntry[] | undefined)?.map((e) => ({ ...top, ...e })) ?? [top];
  const vpcs: ExistingVpc[] = [];
  for (const e of entries) {
    if (e.vpc?.vpcId && e.region) {
      const subnets = Object.fromEntries((e.vpc.subnetIds ?? []).map((id, i) => [id, i + 1]));
      vpcs.push({ vpcId: e.vpc.vpcId, region: e.region, cidrBlock: `10.${100 + vpcs.length}.0.0/16`, subnets });
    }
  }
  return { vpcs };
}

function parse(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function show(value: unknown): string {
  if (value === UNKNOWN) return "(known after deploy)";
  if (isSecret(value)) return "[secret]"; // as the CLI shows secrets: never their value
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (value && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${k}: ${show(v)}`).join(", ")}}`;
  return JSON.stringify(value);
}

async function main(): Promise<void> {
  const { stack, typeCheck } = parseArgs(process.argv.slice(2));
  const config = readStackConfig(ROOT, stack);
  const { vpcs } = worldOf(config);
  const cloud = await startFakeCloud({ apiKeys: { [API_KEY]: "CLUSTER_ADMIN" }, clusters: clusterSeeds(config, stack, "STANDARD") });
  // The runner reads the TiDB API's address and keys from its environment, as `pulumi up` would.
  const tidb = await startFakeTidb({ keys: TIDB_KEYS, clusters: tidbClusterSeeds(config).map(([id, region]) => fakeTidbCluster(id, region)) });
  const engine = new LifecycleEngine({
    dir: ROOT,
    stack,
    statePath: path.join(os.tmpdir(), `plan-engine-${process.pid}.json`), // a preview never writes it
    config,
    aws: new FakeAws(config["aws:region"] ?? "us-east-1"),
    existingVpcs: vpcs,
    gcp: new FakeGcp({ project: config["gcp:project"] }),
    env: {
      COCKROACH_SERVER: cloud.url,
      COCKROACH_API_KEY: API_KEY,
      TIDBCLOUD_SERVERLESS_ENDPOINT: tidb.url,
      TIDBCLOUD_PUBLIC_KEY: TIDB_KEYS.publicKey,
      TIDBCLOUD_PRIVATE_KEY: TIDB_KEYS.privateKey,
      PULUMI_NODEJS_TRANSPILE_ONLY: typeCheck ? "false" : "true",
    },
  });
  try {
    const result = await engine.preview();
    const run = result.run!;
    const byUrn = new Map(run.registrations.map((r) => [r.urn, r]));
    const depth = (urn: string): number => (byUrn.get(urn)?.parent ? 1 + depth(byUrn.get(urn)!.parent) : 0);
    console.log(`Preview of stack ${stack} through the language host's runner and the dynamic-provider host (${typeCheck ? "type-checked" : "transpile-only"}):`);
    for (const r of run.registrations) {
      console.log(`${"  ".repeat(depth(r.urn))}+ ${r.type} ${r.name}`);
      for (const [k, v] of Object.entries(r.inputs).filter(([k]) => k !== "__provider").sort()) console.log(`${"  ".repeat(depth(r.urn) + 2)}${k}: ${show(v)}`);
    }
    const creates = result.steps.filter((s: Step) => s.op === "create" && byUrn.get(s.urn)?.type !== "pulumi:pulumi:Stack");
    console.log(`Resources: ${creates.length} to create`);
    console.log(`Outputs: ${show(run.outputs)}`);
    for (const l of run.logs.filter((l) => l.severity === "warning")) console.log(`warning: ${l.message.trim()}`);
    console.log(`Program load ${((run.timings.loadMs ?? 0) / 1000).toFixed(1)} s, runner ${(run.timings.totalMs / 1000).toFixed(1)} s`);
  } finally {
    await Promise.all([cloud.close(), tidb.close()]);
  }
}

main().catch((err: unknown) => {
  const detail = err instanceof OperationFailedError ? err.result.run?.logs.filter((l) => l.severity === "error").map((l) => l.message).join("\n") : "";
  console.error(detail || (err as Error).message);
  process.exitCode = 1;
});
