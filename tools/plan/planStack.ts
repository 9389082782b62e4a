// Plans one stack in this process: read its file, start the Cloud API the lookups use, run the program under
// mocks, run the policy checks, and arrange it all as a PlanDocument.
import * as fs from "node:fs";
import type { PolicyPackConfig } from "../../policy/analyzer";
import { NAMESPACE } from "../../program";
import type { ClusterPlan } from "./cliArgs";
import { evaluateProgram } from "./evaluate";
import { PlanFailure } from "./failure";
import { type PlanDocument, planDocument } from "./planDocument";
import { startPlanCloud } from "./planCloud";
import { type PlanTidb, isTidbStack, startPlanTidb } from "./planTidb";
import { checkPolicies } from "./policyCheck";
import { readStackFile } from "./stackFile";

export const AWS_FACTS = "mock data (AZ IDs az1 to az4 in every region; existing VPCs have DNS support and hostnames on)";
export const GCP_FACTS =
  "mock data (the provider's project is gcp:project; an existing network N has a subnetwork N-<region> in each of the stack's regions)";

export interface StackPlanOptions {
  dir: string;
  stack: string;
  clusterPlan: ClusterPlan;
  live: boolean;
  policyConfig?: string;
}

/** @throws PlanFailure (or an error it explains) when the stack cannot be planned */
export async function planStack(options: StackPlanOptions): Promise<PlanDocument> {
  const stackFile = readStackFile(options.dir, options.stack);
  const policyConfig = readPolicyConfig(options.policyConfig);
  // A TiDB stack's cluster facts come from the TiDB Cloud API (a fake unless --live), shown as its cluster facts;
  // its --live needs no CockroachDB key.
  const isTidb = isTidbStack(stackFile.config);
  const cloud = await startPlanCloud(stackFile.config, options.stack, options.clusterPlan, options.live && !isTidb);
  let tidb: PlanTidb | undefined;
  try {
    tidb = isTidb ? await startPlanTidb(stackFile.config, options.live) : undefined;
    const evaluation = await evaluateProgram(options.stack, stackFile, cloud.client, tidb?.lookups);
    return planDocument(evaluation, {
      stack: options.stack,
      project: NAMESPACE,
      sources: {
        cockroach: tidb?.description ?? cloud.description,
        // Each cloud's line only for stacks with resources of that cloud.
        ...(evaluation.resources.some((r) => r.type.startsWith("aws:")) ? { aws: AWS_FACTS } : {}),
        ...(evaluation.resources.some((r) => r.type.startsWith("gcp:")) ? { gcp: GCP_FACTS } : {}),
        secretsLeftOut: stackFile.secretKeys,
      },
      awsRegion: stackFile.config["aws:region"],
      policies: checkPolicies(evaluation.resources, stackFile.config, policyConfig),
    });
  } finally {
    await Promise.all([cloud.close(), tidb?.close()]);
  }
}

function readPolicyConfig(file: string | undefined): PolicyPackConfig {
  if (file === undefined) return {};
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
    return parsed as PolicyPackConfig;
  } catch (err) {
    throw PlanFailure.of({
      key: "--policy-config",
      value: file,
      reason: `cannot read it: ${(err as Error).message}`,
      allowed: 'a JSON file like {"crdb-required-tags": {"requiredTags": {"owner": ""}}} (pulumi --policy-pack-config format)',
    });
  }
}
