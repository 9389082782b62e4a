// Issue 6: `pulumi up` starts the program through the Node.js language host's runner (@pulumi/pulumi/cmd/run) with
// PULUMI_NODEJS_TYPESCRIPT=true, which registers ts-node with the project's TypeScript and its own compiler-option
// overlay. This loads the real program exactly that way, with type checking ON as a plain `pulumi preview` does,
// under our ResourceMonitor on 127.0.0.1, and checks what it registered. tsx/vitest/tsc loading proves nothing here.
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloudServer } from "../../../tools/fake-cloud";
import { answerAwsInvoke, azIds } from "../../../tools/engine/fakeAwsInvokes";
import { readProjectFile } from "../../../tools/engine/programRunner";
import { type ProgramRun, previewRecorder, runProgramUnderEngine } from "../../../tools/engine/runProgram";

const ROOT = path.resolve(__dirname, "../../..");
const CLUSTER_ID = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d";
const STACK_URN = "urn:pulumi:dev::crdb-private-endpoints::pulumi:pulumi:Stack::crdb-private-endpoints-dev";
const LINK_URN = "urn:pulumi:dev::crdb-private-endpoints::crdb-private-endpoints:index:AwsPrivateLink::crdb-us-east-1";
const API_KEY = "fake-api-key";

let cloud: FakeCloudServer;
let run: ProgramRun;

beforeAll(async () => {
  cloud = (await startFakeCloud({
    clusters: [{ id: CLUSTER_ID, name: "dev", plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1", availabilityZoneIds: azIds("us-east-1", [1, 2, 4]) }] }],
  })) as FakeCloudServer;
  run = await runProgramUnderEngine({
    dir: ROOT,
    stack: "dev",
    dryRun: true,
    // Type checking on, as `pulumi preview` does by default; the variable is removed in case CI sets it.
    // ts-node 7 caches compiled files in the OS temp dir keyed by their own text only; off, so every file is
    // type-checked against the current code as on a fresh CI machine.
    env: { COCKROACH_SERVER: cloud.url, COCKROACH_API_KEY: API_KEY, PULUMI_NODEJS_TRANSPILE_ONLY: undefined, TS_NODE_CACHE: "false" },
    handler: previewRecorder(async (token, args) => answerAwsInvoke(token, args, "us-east-1", [])),
  });
}, 240_000);

afterAll(async () => {
  await cloud?.close();
});

describe("the program under the language host's TypeScript path", () => {
  it("is run with the runtime options of Pulumi.yaml", () => {
    expect(readProjectFile(ROOT)).toMatchObject({ name: "crdb-private-endpoints", main: "index.ts", typescript: true, tsconfig: "tsconfig.pulumi.json" });
  });

  it("registers the stack, the shared endpoint services and one region's resources, each under its parent", () => {
    const rows = run.registrations.map((r) => [r.type, r.name, r.parent.split("::").pop() ?? ""]);
    expect(rows[0]).toEqual(["pulumi:pulumi:Stack", "crdb-private-endpoints-dev", ""]);
    expect(rows.slice(1).sort()).toEqual(
      [
        ["crdb-private-endpoints:index:AwsPrivateLink", "crdb-us-east-1", "crdb-private-endpoints-dev"],
        ["pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices", `crdb-services-${CLUSTER_ID}`, "crdb-private-endpoints-dev"],
        ["aws:ec2/vpc:Vpc", "crdb-us-east-1-vpc", "crdb-us-east-1"],
        ["aws:ec2/securityGroup:SecurityGroup", "crdb-us-east-1-sg", "crdb-us-east-1"],
        ["aws:ec2/subnet:Subnet", "crdb-us-east-1-subnet-use1-az1", "crdb-us-east-1"],
        ["aws:ec2/subnet:Subnet", "crdb-us-east-1-subnet-use1-az2", "crdb-us-east-1"],
        ["aws:ec2/subnet:Subnet", "crdb-us-east-1-subnet-use1-az4", "crdb-us-east-1"],
        ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "crdb-us-east-1-sql-10-40-0-0-16", "crdb-us-east-1"],
        ["aws:ec2/vpcEndpoint:VpcEndpoint", "crdb-us-east-1-endpoint", "crdb-us-east-1"],
        ["pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection", "crdb-us-east-1-connection", "crdb-us-east-1"],
        ["aws:vpc/endpointPrivateDns:EndpointPrivateDns", "crdb-us-east-1-private-dns", "crdb-us-east-1"],
        ["pulumi-nodejs:dynamic/aws:VpcEndpointReady", "crdb-us-east-1-ready", "crdb-us-east-1"],
      ].sort(),
    );
    expect(run.registrations.find((r) => r.name === "crdb-us-east-1")?.parent).toBe(STACK_URN);
    expect(run.registrations.find((r) => r.name === "crdb-us-east-1-vpc")).toMatchObject({ parent: LINK_URN, custom: true });
  });

  it("sends the inputs and dependencies the engine would diff, over the real protocol", () => {
    const byName = (name: string) => run.registrations.find((r) => r.name === name)!;
    expect(byName("crdb-us-east-1-vpc").inputs).toMatchObject({ cidrBlock: "10.40.0.0/16", enableDnsHostnames: true, enableDnsSupport: true });
    const connection = byName("crdb-us-east-1-connection");
    // The dynamic provider travels as serialized text in __provider, without the API key.
    expect(typeof connection.inputs.__provider).toBe("string");
    expect(connection.inputs.__provider).not.toContain(API_KEY);
    expect(connection.propertyDependencies.endpointId).toEqual([byName("crdb-us-east-1-endpoint").urn]);
    expect(byName("crdb-us-east-1-private-dns").dependencies).toContain(connection.urn);
  });

  it("creates nothing during a preview and reports the region's private host", () => {
    expect(cloud.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(run.outputs).toMatchObject({
      regions: { "us-east-1": { privateSqlHost: expect.stringMatching(/^internal-.*\.aws-us-east-1\.cockroachlabs\.cloud$/) } },
    });
    expect(run.logs.filter((l) => l.severity === "error")).toEqual([]);
    expect(run.timings.loadMs).toBeGreaterThan(0);
  });
});
