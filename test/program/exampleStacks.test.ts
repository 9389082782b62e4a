// The example stacks' URNs are pinned: a deployed stack must never see a resource renamed or re-parented by an
// upgrade (an upgrade replaces nothing). Their stack files are read as Pulumi hands config to the program.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as yaml from "js-yaml";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runProgram } from "../../program";
import { runtimeConfigOf } from "../../program/config/stackFile";
import { waitForRegistrations } from "../../tools/mocks/pulumiInternals";
import { fakeWorld, fakeLookups, type FakeWorld } from "../components/aws/support/fixtures";
import { type MockWorld, setUpMocks, valueOf } from "../components/aws/support/mocks";

const ROOT = path.resolve(__dirname, "../..");

function stackFileConfig(stack: string): Record<string, string> {
  return runtimeConfigOf(yaml.load(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"))).config;
}

/** The example's existing VPC in us-west-2, so the multi-region example plans. */
function exampleWorld(): FakeWorld {
  const world = fakeWorld();
  world.vpcs["vpc-0a1b2c3d4e5f60789"] = { id: "vpc-0a1b2c3d4e5f60789", cidrBlock: "10.50.0.0/16", enableDnsSupport: true, enableDnsHostnames: true };
  world.subnets["subnet-0a1b2c3d4e5f60001"] = { id: "subnet-0a1b2c3d4e5f60001", vpcId: "vpc-0a1b2c3d4e5f60789", availabilityZoneId: "usw2-az1" };
  world.subnets["subnet-0a1b2c3d4e5f60002"] = { id: "subnet-0a1b2c3d4e5f60002", vpcId: "vpc-0a1b2c3d4e5f60789", availabilityZoneId: "usw2-az2" };
  return world;
}

const DEV_URNS = [
  "crdb-private-endpoints:index:AwsPrivateLink::crdb-us-east-1",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:ec2/securityGroup:SecurityGroup::crdb-us-east-1-sg",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:ec2/subnet:Subnet::crdb-us-east-1-subnet-use1-az1",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:ec2/subnet:Subnet::crdb-us-east-1-subnet-use1-az2",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:ec2/subnet:Subnet::crdb-us-east-1-subnet-use1-az4",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:ec2/vpc:Vpc::crdb-us-east-1-vpc",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:ec2/vpcEndpoint:VpcEndpoint::crdb-us-east-1-endpoint",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:vpc/endpointPrivateDns:EndpointPrivateDns::crdb-us-east-1-private-dns",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::crdb-us-east-1-sql-10-40-0-0-16",
  "crdb-private-endpoints:index:AwsPrivateLink$pulumi-nodejs:dynamic/aws:VpcEndpointReady::crdb-us-east-1-ready",
  "crdb-private-endpoints:index:AwsPrivateLink$pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection::crdb-us-east-1-connection",
  "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices::crdb-services-1f69fdd2-600a-4cfc-a9ba-16995df0d77d",
];

const MULTI_REGION_WEST_URNS = [
  "crdb-private-endpoints:index:AwsPrivateLink::crdb-us-west-2",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:ec2/securityGroup:SecurityGroup::crdb-us-west-2-sg",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:ec2/vpcEndpoint:VpcEndpoint::crdb-us-west-2-endpoint",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:vpc/endpointPrivateDns:EndpointPrivateDns::crdb-us-west-2-private-dns",
  "crdb-private-endpoints:index:AwsPrivateLink$aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::crdb-us-west-2-sql-sg-0a1b2c3d4e5f60789",
  "crdb-private-endpoints:index:AwsPrivateLink$pulumi-nodejs:dynamic/aws:VpcEndpointReady::crdb-us-west-2-ready",
  "crdb-private-endpoints:index:AwsPrivateLink$pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection::crdb-us-west-2-connection",
];

let world: MockWorld;
beforeAll(async () => {
  world = await setUpMocks();
});
beforeEach(() => world.reset());

/** The URN of each registration, without the stack and project: `parentType$type::name`. */
async function urnsOf(stack: string, extra: Record<string, string> = {}): Promise<string[]> {
  const config = { ...stackFileConfig(stack), ...extra };
  const outputs = await runProgram({ config, lookups: fakeLookups(exampleWorld()), env: {} });
  await valueOf(pulumi.output(outputs));
  await waitForRegistrations();
  return world.resources.map((r) => r.urn.split("::").slice(2).join("::")).sort();
}

describe("the example stacks' URNs", () => {
  it("Pulumi.dev.yaml", async () => {
    expect(await urnsOf("dev")).toEqual([...DEV_URNS].sort());
  });

  it("Pulumi.multi-region.example.yaml", async () => {
    const urns = await urnsOf("multi-region.example");
    // us-east-1 is the dev stack's region, named alike; us-west-2 uses the existing VPC.
    expect(urns).toEqual([...DEV_URNS, ...MULTI_REGION_WEST_URNS].sort());
  });

  it("the same when the target and path are named (the defaults a region code implies)", async () => {
    const named = { "crdb-private-endpoints:target": "cockroach", "crdb-private-endpoints:path": "aws" };
    expect(await urnsOf("dev", named)).toEqual([...DEV_URNS].sort());
  });
});
