// The Pulumi program: stack config -> target and routes -> lookups -> components -> stack outputs. A function with
// injectable dependencies, so tests and `npm run plan` run exactly this under mocks.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { awsPrivateLinkLookups } from "../components/aws";
import { gcpLookups } from "../components/gcp";
import { tidbPrivateLinkLookups } from "../components/tidb";
import { type ConfigIssue, newIssues } from "./config/errors";
import { type ProgramConfig, readProgramConfig, runtimeSecretKeys } from "./config/read";
import { NAMESPACE } from "./config/schema";
import { suggestion } from "./config/similar";
import { readStackFileFacts } from "./config/stackFile";
import type { ClusterCaFetcher } from "./connection";
import { type StackOutputs, stackOutputs } from "./outputs";
import { prepareRegions } from "./prepare";
import { expandRegions } from "./regions";
import type { ProgramLookups } from "./routes/types";
import { type AnyTarget, DEFAULT_TARGET, TARGETS } from "./targets";

export interface ProgramDependencies {
  /**
   * Where facts come from: the Cloud API (`cluster`, `endpointServices`) and AWS (`providerRegion`,
   * `accountAzIds`, `vpc`, `subnet`), and those of other targets and paths. Each one not given is the real lookup.
   */
  lookups?: Partial<ProgramLookups>;
  /** Stack config as the Pulumi runtime holds it (`project:key` -> string, JSON for structured values). @default the stack's */
  config?: Record<string, string>;
  /** Keys whose values are encrypted in the stack file. @default those the runtime marks secret */
  secretKeys?: readonly string[];
  /**
   * The stack file, read for keys outside `config:` and for `secure:` values. `false`: none.
   * @default `Pulumi.<stack>.yaml` in the working directory when `config` is not given, else none
   */
  stackFile?: string | false;
  /** The environment, for `AWS_REGION` / `AWS_DEFAULT_REGION`. @default process.env */
  env?: Record<string, string | undefined>;
  /** Fetches an Advanced cluster's CA certificate (after deploy only). @default GET /clusters/{id}/cert */
  clusterCa?: ClusterCaFetcher;
}

/**
 * Builds the stack's target in every configured region, each over its path's route, and the target's stack-level
 * resources. Rejects with a `StackConfigError` (a `RunError`: no stack trace) listing every problem, before
 * registering any resource, when a setting is wrong for any region; with a `CloudApiAccessError` when a cloud API
 * cannot be used at all.
 */
export async function runProgram(deps: ProgramDependencies = {}): Promise<StackOutputs> {
  const stackFile = deps.stackFile ?? (deps.config === undefined ? path.resolve(`Pulumi.${pulumi.getStack()}.yaml`) : false);
  const file = stackFile === false ? { issues: [], secureKeys: [] } : readStackFileFacts(stackFile);
  const raw = deps.config ?? pulumi.runtime.allConfig();
  const secretKeys = deps.secretKeys ?? (deps.config === undefined ? [...runtimeSecretKeys(raw)] : []);
  const reading = readProgramConfig(raw, deps.env, new Set([...secretKeys, ...file.secureKeys]));
  const { target, issues: targetIssues } = targetOf(reading.config);
  const { specs, issues: regionIssues } = expandRegions(reading.config, target.componentName);
  const settingsCheck = target.checkSettings(reading.config, specs);
  for (const warning of [...reading.warnings, ...settingsCheck.warnings]) pulumi.log.warn(warning);

  const prepared = await prepareRegions(
    specs,
    target,
    { config: reading.config, lookups: { ...awsPrivateLinkLookups(), ...gcpLookups(), ...tidbPrivateLinkLookups(), ...deps.lookups } },
    followUps(file.issues, reading.issues, [...targetIssues, ...regionIssues, ...settingsCheck.issues]),
  );

  const { settings } = reading.config;
  const shared: unknown = target.buildShared(prepared, deps);
  const built = prepared.map(({ spec, route, prepared: value }) => ({
    region: spec.region,
    ...route.build(spec, value, { settings, shared }),
  }));
  return stackOutputs(built, target.buildStackLevel(settings, prepared, built));
}

/** The stack's target: `crdb-private-endpoints:target`, else CockroachDB. */
function targetOf(config: ProgramConfig): { target: AnyTarget; issues: ConfigIssue[] } {
  const name = config.settings.target ?? DEFAULT_TARGET;
  const target = TARGETS[name];
  if (target !== undefined) return { target, issues: [] };
  const known = Object.keys(TARGETS);
  return {
    target: TARGETS[DEFAULT_TARGET] as AnyTarget,
    issues: [
      {
        key: `${NAMESPACE}:target`,
        value: name,
        reason: `is not a target this program connects to${suggestion(name, known)}`,
        allowed: `one of ${known.join(", ")} (default ${DEFAULT_TARGET})`,
      },
    ],
  };
}

/** Each stage's issues, less those about a key an earlier stage already reported (e.g. a bad clusterId is not also missing). */
function followUps(...stages: ConfigIssue[][]): ConfigIssue[] {
  return stages.reduce<ConfigIssue[]>((all, stage) => [...all, ...newIssues(all, stage)], []);
}

export { endpointServicesName } from "./targets";
