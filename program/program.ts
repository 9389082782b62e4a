// The Pulumi program: stack config -> lookups -> components -> stack outputs. A function with injectable
// dependencies, so tests and `npm run plan` run exactly this under mocks.
import { PrivateEndpointServices } from "../components/cockroach";
import { AwsPrivateLink } from "../components/aws/awsPrivateLink";
import type { AwsPrivateLinkLookups } from "../components/aws/facts";
import { awsPrivateLinkLookups } from "../components/aws/lookups";
import { readProgramConfig } from "./config/read";
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
  /** The environment, for `AWS_REGION` / `AWS_DEFAULT_REGION`. @default process.env */
  env?: Record<string, string | undefined>;
}

/**
 * Builds one `AwsPrivateLink` per configured region. Rejects with a `StackConfigError` (a `RunError`: no stack
 * trace) before registering any resource when a setting is wrong for any region.
 */
export async function runProgram(deps: ProgramDependencies = {}): Promise<StackOutputs> {
  const specs = expandRegions(readProgramConfig(deps.config, deps.env));
  const prepared = await prepareRegions(specs, { ...awsPrivateLinkLookups(), ...deps.lookups });

  // One endpoint services resource per cluster, shared by its regions. It depends on no VPC, so the cluster side
  // (which can take many minutes on ADVANCED) runs while the networks are built.
  const servicesByCluster = new Map<string, PrivateEndpointServices>();
  for (const { checked } of prepared) {
    if (!servicesByCluster.has(checked.clusterId)) {
      servicesByCluster.set(
        checked.clusterId,
        new PrivateEndpointServices(endpointServicesName(checked.clusterId), { clusterId: checked.clusterId }),
      );
    }
  }

  const links = prepared.map(({ spec, checked, facts }) => ({
    region: spec.region,
    link: new AwsPrivateLink(spec.name, { ...spec.args, endpointServices: servicesByCluster.get(checked.clusterId) }, facts),
  }));
  return stackOutputs(links);
}

/** Stable for the cluster, whichever regions the stack has. */
export function endpointServicesName(clusterId: string): string {
  return `crdb-services-${clusterId}`;
}

