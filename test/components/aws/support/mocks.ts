// Pulumi mocks for graph tests: records every registration (type, name, parent, inputs, dependencies) and answers
// the cluster-side dynamic resources with plausible outputs so the component's wiring resolves.
import * as pulumi from "@pulumi/pulumi";
import { type RecordedResource, recordRegistrations } from "../../../../tools/mocks/recorder";
import { skipProviderSerialization } from "../../../../tools/mocks/skipProviderSerialization";
import { serviceName, zonePrefix } from "./fixtures";
import { waitForRegistrations } from "../../../../tools/mocks/pulumiInternals";

export interface MockWorld {
  /** Every registration, with parent and dependencies, in arrival order. */
  resources: RecordedResource[];
  /** Endpoint service AZ numbers per region the PrivateEndpointServices mock reports. @default az1, az2, az4 */
  serviceAzNumbers: Record<string, number[]>;
  /** Answers AWS invokes, for tests that run the real lookups. @default none: every invoke fails */
  answerInvoke?: InvokeAnswer;
  /** The provider reference (`URN::id`, "" for the default provider) each resource was registered with, by name. */
  providers: Map<string, string>;
  /** Waits for pending registrations, then forgets everything recorded. */
  reset(): Promise<void>;
}

/**
 * Answers AWS invokes in tests that run the real lookups; the default refuses every invoke. `provider` is the
 * invoke's provider reference (`URN::id`), "" or undefined for the default provider.
 */
export type InvokeAnswer = (token: string, inputs: Record<string, unknown>, provider?: string) => Record<string, unknown>;

/** @param preview run as `pulumi preview` (outputs a mock does not give are unknown), not as `pulumi up` */
export async function setUpMocks(preview = false): Promise<MockWorld> {
  // The providers' own tests serialize them; here their code is irrelevant and serializing costs seconds.
  skipProviderSerialization();
  const world: MockWorld = {
    resources: [],
    serviceAzNumbers: {},
    providers: new Map(),
    reset: async () => {
      await waitForRegistrations();
      world.resources.length = 0;
      world.serviceAzNumbers = {};
      world.providers.clear();
    },
  };
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs, provider }) => {
        world.providers.set(name, provider ?? "");
        return { id: `${name}_id`, state: { ...inputs, ...outputsOf(type, name, world) } };
      },
      call: ({ token, inputs, provider }) => {
        if (!world.answerInvoke) throw new Error(`unexpected invoke ${token}`);
        return world.answerInvoke(token, inputs, provider);
      },
    },
    "crdb-private-endpoints",
    "test",
    preview,
  );
  const recorded = recordRegistrations();
  world.resources = recorded;
  return world;
}

function outputsOf(type: string, name: string, world: MockWorld): Record<string, unknown> {
  switch (type) {
    case "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices": {
      const servicesMap: Record<string, unknown> = {};
      for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) {
        servicesMap[region] = {
          regionName: region,
          cloudProvider: "AWS",
          status: "AVAILABLE",
          name: serviceName(region),
          endpointServiceId: `vpce-svc-0test${zonePrefix(region)}`,
          availabilityZoneIds: (world.serviceAzNumbers[region] ?? [1, 2, 4]).map((n) => `${zonePrefix(region)}-az${n}`),
        };
      }
      return { services: Object.values(servicesMap), servicesMap, cloudProvider: "AWS", plan: "STANDARD" };
    }
    case "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection":
      return { status: "STATUS_AVAILABLE", cloudProvider: "AWS" };
    case "pulumi-nodejs:dynamic/aws:VpcEndpointReady":
      return { state: "available", dnsEntries: [{ dnsName: `${name}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" }] };
    default:
      return {};
  }
}

/** The value of an output (preview=false, so known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

export const byType = (resources: RecordedResource[], type: string) => resources.filter((r) => r.type === type);

export function byName(resources: RecordedResource[], name: string): RecordedResource {
  const found = resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource named ${name}; have ${resources.map((r) => r.name).join(", ")}`);
  return found;
}

export const TYPES = {
  component: "crdb-private-endpoints:index:AwsPrivateLink",
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  privateDns: "aws:vpc/endpointPrivateDns:EndpointPrivateDns",
  services: "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices",
  connection: "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection",
  ready: "pulumi-nodejs:dynamic/aws:VpcEndpointReady",
} as const;
