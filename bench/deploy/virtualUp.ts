// A simulated `pulumi up` of the real program: runProgram under Pulumi mocks (not preview), where each custom
// resource's create completes after its modelled latency on a simulated clock, and at most `parallelism` creates run
// at once, as in the engine. The program registers each resource when its inputs resolve, so any wait the program
// adds beyond the dependency graph shows up as a longer simulated time than the graph's lower bound.
import { setImmediate as nextTurn } from "node:timers/promises";
import * as pulumi from "@pulumi/pulumi";
import { awsPrivateLinkLookups } from "../../components/aws/lookups";
import { getPrivateEndpointServices } from "../../components/cockroach";
import { NAMESPACE, runProgram } from "../../program";
import { clusterSeeds, startPlanCloud } from "../../tools/plan/planCloud";
import { answerAwsInvoke, existingVpcsOf } from "../../tools/mocks/aws";
import { type RecordedResource, recordRegistrations } from "../../tools/mocks/recorder";
import { waitForRegistrations } from "../../tools/mocks/pulumiInternals";
import { skipProviderSerialization } from "../../tools/mocks/skipProviderSerialization";
import { latencyOf, type ServicesScenario } from "./latencyModel";
import { SlotScheduler } from "./scheduler";

export interface VirtualUp {
  /** Simulated seconds from the first registration to the last completion. */
  makespanS: number;
  resources: RecordedResource[];
}

/** Outputs a create computes (not echoed inputs), with deployed values. */
function computedOutputs(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case "aws:ec2/vpcEndpoint:VpcEndpoint":
      return { state: "available", dnsEntries: [], networkInterfaceIds: [], ownerId: "123456789012", arn: "arn:aws:ec2:vpce" };
    case "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection":
      return { status: "STATUS_AVAILABLE", regionName: "", serviceId: "", cloudProvider: "AWS" };
    case "pulumi-nodejs:dynamic/aws:VpcEndpointReady":
      return { state: "available", dnsEntries: [], privateDnsEnabled: inputs.privateDnsEnabled ?? false };
    default:
      return {};
  }
}

/** Turns of the event loop with no new registration before the program is taken to be waiting on the clock. */
const QUIET_TURNS = 25;

export async function virtualUp(
  stack: string,
  config: Record<string, string>,
  options: { parallelism: number; scenario: ServicesScenario },
): Promise<VirtualUp> {
  skipProviderSerialization();
  const cloud = await startPlanCloud(config, stack, "STANDARD");
  try {
    // The services' outputs, as their create reports them (fetched up front so the mock answers synchronously).
    const services = new Map<string, Record<string, unknown>>();
    for (const seed of clusterSeeds(config, stack, "STANDARD")) {
      const found = await getPrivateEndpointServices({ clusterId: seed.id }, { client: cloud.client });
      services.set(seed.id, { services: found.services, servicesMap: found.servicesMap });
    }

    const scheduler = new SlotScheduler(options.parallelism);
    const completions = new Map<string, () => void>();
    let submitted = 0;
    const region = config["aws:region"] ?? "us-east-1";
    const vpcs = existingVpcsOf(config);
    await pulumi.runtime.setMocks(
      {
        newResource: async (resource) => {
          const state = { ...resource.inputs, ...computedOutputs(resource.type, resource.inputs) };
          if (resource.type.endsWith(":PrivateEndpointServices")) Object.assign(state, services.get(String(resource.inputs.clusterId)));
          if (resource.custom !== false) {
            const key = `${resource.type}::${resource.name}`;
            const done = new Promise<void>((resolve) => completions.set(key, resolve));
            scheduler.submit(key, latencyOf(resource.type, options.scenario).seconds);
            submitted++;
            await done;
          }
          return { id: `${resource.name}-id`, state };
        },
        call: (invoke) => {
          const answer = answerAwsInvoke(invoke, region, vpcs);
          if (!answer) throw new Error(`no mock for the invoke ${invoke.token}`);
          return answer;
        },
      },
      NAMESPACE,
      stack,
      /* preview */ false,
    );
    const resources = recordRegistrations();
    pulumi.runtime.setAllConfig(config);

    let settled = false;
    let failure: unknown;
    const program = runProgram({ lookups: awsPrivateLinkLookups({ cockroach: { client: cloud.client } }) }).then(
      (outputs) => pulumi.output(outputs).apply(() => (settled = true)),
      (err: unknown) => ((failure = err), (settled = true)),
    );
    // The program looks facts up over HTTP before it registers anything: real time passes only until then.
    while (submitted === 0 && !settled) await nextTurn();

    for (;;) {
      await quiet(() => submitted);
      if (failure) throw failure;
      if (scheduler.idle) break;
      for (const op of scheduler.advance()) completions.get(op.id)?.();
    }
    await program;
    await waitForRegistrations();
    if (failure) throw failure;
    return { makespanS: scheduler.now, resources };
  } finally {
    await cloud.close();
  }
}

/** Waits until the program has registered nothing new for QUIET_TURNS turns of the event loop. */
async function quiet(count: () => number): Promise<void> {
  let last = count();
  for (let still = 0; still < QUIET_TURNS; still++) {
    await nextTurn();
    if (count() !== last) [last, still] = [count(), -1];
  }
}
