// The Pulumi program: stack config -> lookups -> components -> stack outputs. A function with injectable
// dependencies, so tests and `npm run plan` run exactly this under mocks.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointServices } from "../components/cockroach";
import { AwsPrivateLink, type AwsPrivateLinkLookups, awsPrivateLinkLookups } from "../components/aws";
import { buildClusterResources, clusterFactIssues, clusterLevelIssues, clusterOutputs, hasClusterResources } from "./cluster";
import { type ConfigIssue, newIssues } from "./config/errors";
import { readProgramConfig, runtimeSecretKeys } from "./config/read";
import { readStackFileFacts } from "./config/stackFile";
import { type ClusterCaFetcher, caFetcherOncePerCluster, connectionOutputs, fetchClusterCaFromApi } from "./connection";
import { type StackOutputs, stackOutputs } from "./outputs";
import { prepareRegions } from "./prepare";
import { expandRegions } from "./regions";

export interface ProgramDependencies {
  /**
   * Where facts come from: the Cloud API (`cluster`, `endpointServices`) and AWS (`providerRegion`,
   * `accountAzIds`, `vpc`, `subnet`). Each one not given is the real lookup.
   */
  lookups?: Partial<AwsPrivateLinkLookups>;
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
 * Builds one `AwsPrivateLink` per configured region, and the cluster-level resources. Rejects with a
 * `StackConfigError` (a `RunError`: no stack trace) listing every problem, before registering any resource, when a
 * setting is wrong for any region; with a `CloudApiAccessError` when the Cloud API cannot be used at all.
 */
export async function runProgram(deps: ProgramDependencies = {}): Promise<StackOutputs> {
  const stackFile = deps.stackFile ?? (deps.config === undefined ? path.resolve(`Pulumi.${pulumi.getStack()}.yaml`) : false);
  const file = stackFile === false ? { issues: [], secureKeys: [] } : readStackFileFacts(stackFile);
  const raw = deps.config ?? pulumi.runtime.allConfig();
  const secretKeys = deps.secretKeys ?? (deps.config === undefined ? [...runtimeSecretKeys(raw)] : []);
  const reading = readProgramConfig(raw, deps.env, new Set([...secretKeys, ...file.secureKeys]));
  const { settings } = reading.config;
  const { specs, issues: regionIssues } = expandRegions(reading.config);
  const cluster = clusterLevelIssues(settings, specs);
  for (const warning of [...reading.warnings, ...cluster.warnings]) pulumi.log.warn(warning);

  const prepared = await prepareRegions(
    specs,
    { ...awsPrivateLinkLookups(), ...deps.lookups },
    followUps(file.issues, reading.issues, [...regionIssues, ...cluster.issues]),
    (regions) => clusterFactIssues(settings, regions),
  );

  // One endpoint services resource per cluster, shared by its regions. It depends on no VPC, so the cluster side
  // (which can take many minutes on ADVANCED) runs while the networks are built.
  const servicesByCluster = new Map<string, PrivateEndpointServices>();
  for (const { plan } of prepared) {
    if (!servicesByCluster.has(plan.clusterId)) {
      servicesByCluster.set(plan.clusterId, new PrivateEndpointServices(endpointServicesName(plan.clusterId), { clusterId: plan.clusterId }));
    }
  }

  const fetchCa = caFetcherOncePerCluster(deps.clusterCa ?? fetchClusterCaFromApi);
  const links = prepared.map(({ spec, facts, plan }) => {
    const link = new AwsPrivateLink(spec.name, plan, { endpointServices: servicesByCluster.get(plan.clusterId) });
    const connection = connectionOutputs(facts.cluster, link.privateSqlHost, plan.port, settings.connection, link.connectionStatus, fetchCa);
    return { region: spec.region, link, connection };
  });

  const clusterId = prepared[0]?.plan.clusterId;
  const clusterResources =
    clusterId !== undefined && hasClusterResources(settings)
      ? buildClusterResources(clusterId, settings, links.map(({ link }) => link.ready))
      : undefined;
  return stackOutputs(links, clusterResources && clusterOutputs(clusterResources));
}

/** Each stage's issues, less those about a key an earlier stage already reported (e.g. a bad clusterId is not also missing). */
function followUps(...stages: ConfigIssue[][]): ConfigIssue[] {
  return stages.reduce<ConfigIssue[]>((all, stage) => [...all, ...newIssues(all, stage)], []);
}

/** Stable for the cluster, whichever regions the stack has. */
export function endpointServicesName(clusterId: string): string {
  return `crdb-services-${clusterId}`;
}
