// Runs the real program (program/runProgram) under Pulumi mocks in preview mode: nothing is created, IDs are
// unknown, and every input that depends on one shows as unknown, exactly as a first `pulumi preview` would.
import * as pulumi from "@pulumi/pulumi";
import { awsPrivateLinkLookups } from "../../components/aws/lookups";
import { gcpLookups } from "../../components/gcp/lookups";
import { type CockroachCloudClient, getPrivateEndpointServices } from "../../components/cockroach";
import { NAMESPACE, runProgram } from "../../program";
import type { ProgramLookups } from "../../program/routes/types";
import { answerAwsInvoke, existingVpcsOf } from "../mocks/aws";
import { GCP_COMPUTED_OUTPUTS, answerGcpInvoke, gcpMockWorldOf } from "../mocks/gcp";
import { valueWithUnknowns, waitForRegistrations } from "../mocks/pulumiInternals";
import { type RecordedResource, recordRegistrations } from "../mocks/recorder";
import { skipProviderSerialization } from "../mocks/skipProviderSerialization";
import type { StackFile } from "./stackFile";

export interface Evaluation {
  resources: RecordedResource[];
  /** The stack outputs; values unknown until deploy are `pulumi.unknown`. */
  outputs: unknown;
  /** What the program logged with `pulumi.log.warn`. */
  warnings: string[];
}

/** Outputs a resource computes (not echoed inputs), unknown at preview. */
const COMPUTED_OUTPUTS: Record<string, string[]> = {
  "aws:ec2/vpcEndpoint:VpcEndpoint": ["dnsEntries", "networkInterfaceIds", "state", "ownerId", "arn"],
  "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection": ["status", "regionName", "serviceId", "cloudProvider"],
  "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices": ["services", "servicesMap", "cloudProvider", "plan", "privateEndpointDns"],
  "pulumi-nodejs:dynamic/aws:VpcEndpointReady": ["state", "dnsEntries", "privateDnsEnabled"],
  ...GCP_COMPUTED_OUTPUTS,
};
const SERVICES_TYPE = "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices";

export async function evaluateProgram(
  stack: string,
  stackFile: Pick<StackFile, "config" | "secretKeys"> & { path: string | false },
  client: CockroachCloudClient,
  /** Lookups of other targets (a TiDB stack's cluster lookup), over the Cloud API and AWS ones. */
  extraLookups: Partial<ProgramLookups> = {},
): Promise<Evaluation> {
  const { config } = stackFile;
  skipProviderSerialization();
  const defaultRegion = config["aws:region"] ?? "us-east-1";
  const vpcs = existingVpcsOf(config);
  const gcp = gcpMockWorldOf(config);
  await pulumi.runtime.setMocks(
    {
      newResource: async (resource) => {
        const state: Record<string, unknown> = { ...resource.inputs };
        for (const key of COMPUTED_OUTPUTS[resource.type] ?? []) state[key] = pulumi.runtime.unknownValue;
        if (resource.type === SERVICES_TYPE) Object.assign(state, await existingServices(resource.inputs.clusterId, client));
        // No id: every ID, and every input made from one, is unknown.
        return { id: undefined, state };
      },
      call: (invoke) => {
        const answer = answerAwsInvoke(invoke, defaultRegion, vpcs) ?? answerGcpInvoke(invoke, gcp);
        if (!answer) throw new Error(`the offline plan has no mock for the invoke ${invoke.token}`);
        return answer;
      },
    },
    NAMESPACE,
    stack,
    /* preview */ true,
  );
  const resources = recordRegistrations();
  pulumi.runtime.setAllConfig(config);

  const warnings = captureWarnings();
  try {
    // The stack file the plan read (it may be in another directory, `--cwd`), with the keys it holds encrypted.
    const outputs = await runProgram({
      lookups: { ...awsPrivateLinkLookups({ cockroach: { client } }), ...gcpLookups({ cockroach: { client } }), ...extraLookups },
      stackFile: stackFile.path,
      secretKeys: stackFile.secretKeys,
    });
    await waitForRegistrations();
    const resolved = await valueWithUnknowns(pulumi.output(await hideSecrets(outputs)));
    return { resources, outputs: resolved, warnings: warnings.lines };
  } finally {
    warnings.restore();
  }
}

/** A secret output shows as `[secret]`, as `pulumi preview` shows it: the plan never prints a secret's value. */
export const SECRET_MARKER = "[secret]";

async function hideSecrets(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    // Left as it is otherwise: resolving it here would turn a list with unknown items into one unknown.
    return (await pulumi.isSecret(value)) ? SECRET_MARKER : value;
  }
  if (Array.isArray(value)) return Promise.all(value.map(hideSecrets));
  if (value !== null && typeof value === "object") {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await hideSecrets(v)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * Services that already exist (always on BASIC/STANDARD) are what the resource will report, so the plan shows
 * them, and with them the endpoint's service name. Otherwise they stay unknown until deploy.
 */
async function existingServices(clusterId: unknown, client: CockroachCloudClient): Promise<Record<string, unknown>> {
  if (typeof clusterId !== "string") return {};
  const { services, servicesMap } = await getPrivateEndpointServices({ clusterId }, { client });
  return services.length > 0 ? { services, servicesMap } : {};
}

/** Without an engine, `pulumi.log.warn` writes `warning: [runtime] <message>` to the console; collect those. */
function captureWarnings(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(" ");
    const match = /^warning: \[runtime\] (.*)$/s.exec(text);
    if (match) lines.push(match[1] as string);
    else original(...args);
  };
  return { lines, restore: () => (console.warn = original) };
}
