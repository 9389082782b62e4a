// Pulumi mocks for the GCP graph tests: records every registration, answers GCP invokes from tools/mocks/gcp.ts and
// the cluster-side dynamic resources with what a GCP cluster reports, so the components' wiring resolves.
import * as pulumi from "@pulumi/pulumi";
import { type GcpMockWorld, answerGcpInvoke, gcpResourceOutputs } from "../../../../tools/mocks/gcp";
import { waitForRegistrations } from "../../../../tools/mocks/pulumiInternals";
import { type RecordedResource, recordRegistrations } from "../../../../tools/mocks/recorder";
import { skipProviderSerialization } from "../../../../tools/mocks/skipProviderSerialization";
import { ATTACHMENT, PRIVATE_HOST } from "./fixtures";

export interface GcpTestWorld {
  resources: RecordedResource[];
  /** What the GCP invokes see. */
  gcp: GcpMockWorld;
  /** Invokes made, by token. */
  invokes: string[];
  /** What the services resource reports for us-central1 (the tests change it to exercise deploy-time failures). */
  service: { name: string; endpointServiceId: string };
  reset(): Promise<void>;
}

export async function setUpGcpMocks(): Promise<GcpTestWorld> {
  skipProviderSerialization();
  const world: GcpTestWorld = {
    resources: [],
    gcp: {},
    invokes: [],
    service: { name: "crdb-psc-us-central1", endpointServiceId: ATTACHMENT },
    reset: async () => {
      await waitForRegistrations();
      world.resources.length = 0;
      world.invokes.length = 0;
      world.gcp = {};
      world.service = { name: "crdb-psc-us-central1", endpointServiceId: ATTACHMENT };
    },
  };
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs }) => ({
        id: `${name}_id`,
        state: { ...inputs, ...gcpResourceOutputs(type, name, inputs), ...cockroachOutputs(type, world) },
      }),
      call: ({ token, inputs }) => {
        world.invokes.push(token);
        const answer = answerGcpInvoke({ token, inputs }, world.gcp);
        if (!answer) throw new Error(`unexpected invoke ${token}`);
        return answer;
      },
    },
    "crdb-private-endpoints",
    "test",
    false,
  );
  world.resources = recordRegistrations();
  return world;
}

function cockroachOutputs(type: string, world: GcpTestWorld): Record<string, unknown> {
  switch (type) {
    case "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices": {
      const service = { regionName: "us-central1", cloudProvider: "GCP", status: "AVAILABLE", availabilityZoneIds: [], ...world.service };
      return {
        services: [service],
        servicesMap: { "us-central1": service },
        cloudProvider: "GCP",
        plan: "ADVANCED",
        privateEndpointDns: { "us-central1": PRIVATE_HOST },
      };
    }
    case "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection":
      return { status: "STATUS_AVAILABLE", cloudProvider: "GCP", regionName: "us-central1" };
    default:
      return {};
  }
}

export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

export function byName(resources: RecordedResource[], name: string): RecordedResource {
  const found = resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource named ${name}; have ${resources.map((r) => r.name).join(", ")}`);
  return found;
}

export const sourcesOf = (r: RecordedResource, input: string) => (r.propertyDependencyUrns[input] ?? []).map((urn) => urn.split("::").pop());
export const dependsOnNames = (r: RecordedResource) => r.dependencyUrns.map((urn) => urn.split("::").pop());

export const GCP_TYPES = {
  psc: "crdb-private-endpoints:index:GcpPrivateServiceConnect",
  peeringComponent: "crdb-private-endpoints:index:GcpVpcPeering",
  network: "gcp:compute/network:Network",
  subnetwork: "gcp:compute/subnetwork:Subnetwork",
  address: "gcp:compute/address:Address",
  forwardingRule: "gcp:compute/forwardingRule:ForwardingRule",
  service: "gcp:projects/service:Service",
  namespace: "gcp:servicedirectory/namespace:Namespace",
  zone: "gcp:dns/managedZone:ManagedZone",
  record: "gcp:dns/recordSet:RecordSet",
  peering: "gcp:compute/networkPeering:NetworkPeering",
  services: "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices",
  connection: "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection",
} as const;
