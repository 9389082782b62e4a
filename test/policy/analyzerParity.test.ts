// The analyzer mirror (policy/analyzer.ts, used by the tests and the plan) against @pulumi/policy 1.21's own
// analyzer RPC handlers, fed the same resources as protobuf requests: the same findings, the same "not
// applicable" verdicts, the same "can't run during preview". If an upgrade changes the analyzer, this fails.
import { describe, expect, it } from "vitest";
import { type AnalyzedResource, UNKNOWN_AT_PREVIEW, runPolicies } from "../../policy/analyzer";
import { policies, TYPES } from "../../policy/policies";

type Rpc = (call: { request: unknown }, callback: (err: unknown, response?: AnalyzeResponse) => void) => void;
interface AnalyzeResponse {
  getDiagnosticsList(): { getPolicyname(): string; getMessage(): string; getUrn(): string }[];
  getNotApplicableList(): { getPolicyName(): string }[];
}
// Internal exports of @pulumi/policy (server.js) and the protobuf classes it reads: the analyzer exactly as the CLI
// drives it, without the gRPC server.
const server = require("@pulumi/policy/server") as {
  makeAnalyzeRpcFun(name: string, version: string, level: string, policies: unknown[]): Rpc;
  makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: unknown[]): Rpc;
};
const pb = require("@pulumi/pulumi/proto/analyzer_pb") as Record<string, new () => Record<string, (...args: unknown[]) => unknown>>;
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(value: unknown): unknown } };

const PACK = "crdb-private-endpoints";

function withProtoFields<T extends Record<string, (...args: unknown[]) => unknown>>(message: T, r: AnalyzedResource): T {
  message.setType!(r.type);
  message.setUrn!(r.urn);
  message.setName!(r.name);
  message.setProperties!(Struct.fromJavaScript(r.props));
  message.setOptions!(new pb.AnalyzerResourceOptions!());
  return message;
}

function call(rpc: Rpc, request: unknown): Promise<AnalyzeResponse> {
  return new Promise((resolve, reject) => rpc({ request }, (err, response) => (err ? reject(err) : resolve(response!))));
}

/** What the real analyzer reports: `policy: message` (its message is the description, a newline, then ours). */
async function realFindings(resources: AnalyzedResource[]): Promise<string[]> {
  const out: string[] = [];
  const analyze = server.makeAnalyzeRpcFun(PACK, "0.1.0", "advisory", policies);
  for (const r of resources) {
    const response = await call(analyze, withProtoFields(new pb.AnalyzeRequest!(), r));
    for (const d of response.getDiagnosticsList()) out.push(`${d.getPolicyname()}: ${d.getMessage().split("\n").at(-1)}`);
  }
  const stack = new pb.AnalyzeStackRequest!();
  stack.setResourcesList!(
    resources.map((r) => {
      const resource = withProtoFields(new pb.AnalyzerResource!(), r);
      resource.setParent!(r.parentUrn ?? "");
      resource.setDependenciesList!([...r.dependencyUrns]);
      const map = resource.getPropertydependenciesMap!() as { set(key: string, value: unknown): void };
      for (const [key, urns] of Object.entries(r.propertyDependencyUrns)) {
        const deps = new pb.AnalyzerPropertyDependencies!();
        deps.setUrnsList!([...urns]);
        map.set(key, deps);
      }
      return resource;
    }),
  );
  const response = await call(server.makeAnalyzeStackRpcFun(PACK, "0.1.0", "advisory", policies), stack);
  for (const d of response.getDiagnosticsList()) out.push(`${d.getPolicyname()}: ${d.getMessage().split("\n").at(-1)}`);
  return out.map((line) => line.replace(/^(\S+): can't run policy '\S+' from policy pack '\S+' during preview: /, "$1: can't run: "));
}

function mirrorFindings(resources: AnalyzedResource[]): string[] {
  return runPolicies(policies, resources).flatMap((r) =>
    r.findings.map((f) => `${r.policy}: ${f.message.replace(/^can't run policy '\S+' during preview: /, "can't run: ")}`),
  );
}

const urnOf = (type: string, name: string) => `urn:pulumi:dev::crdb-private-endpoints::${type}::${name}`;
const res = (type: string, name: string, props: Record<string, unknown>, deps: Record<string, string[]> = {}, extra: string[] = []): AnalyzedResource => {
  const propertyDependencyUrns = Object.fromEntries(Object.entries(deps).map(([k, names]) => [k, names.map((n) => urnOf(k === "serviceName" ? TYPES.services : k === "vpcId" ? TYPES.vpc : k === "endpointId" || k === "vpcEndpointId" ? TYPES.vpcEndpoint : TYPES.connection, n))]));
  return { type, name, urn: urnOf(type, name), props, dependencyUrns: [...Object.values(propertyDependencyUrns).flat(), ...extra], propertyDependencyUrns };
};

describe("the analyzer mirror matches @pulumi/policy 1.21's analyzer", () => {
  it("on resources that pass, violate, do not apply, and hold values unknown at preview", async () => {
    const resources = [
      res(TYPES.services, "services", { clusterId: "c" }),
      res(TYPES.vpc, "vpc", { cidrBlock: "10.40.0.0/16", enableDnsSupport: true, enableDnsHostnames: false, tags: { owner: "x" } }),
      res(TYPES.vpcEndpoint, "endpoint", { vpcId: UNKNOWN_AT_PREVIEW, vpcEndpointType: "Interface", serviceName: "svc", subnetIds: [UNKNOWN_AT_PREVIEW] }, { vpcId: ["vpc"], serviceName: ["services"] }),
      res(TYPES.connection, "connection", { clusterId: "c", endpointId: UNKNOWN_AT_PREVIEW }, { endpointId: ["endpoint"] }),
      res(TYPES.endpointPrivateDns, "dns", { vpcEndpointId: UNKNOWN_AT_PREVIEW, privateDnsEnabled: true }, { vpcEndpointId: ["endpoint"] }),
      res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "open", { cidrIpv4: "0.0.0.0/0", ipProtocol: "-1", securityGroupId: UNKNOWN_AT_PREVIEW }),
      res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "pending", { cidrIpv4: UNKNOWN_AT_PREVIEW, ipProtocol: "tcp", fromPort: 26257, toPort: 26257 }),
      res("aws:ec2/securityGroup:SecurityGroup", "group", { ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, ipv6CidrBlocks: ["::/0"] }] }),
      res(TYPES.allowList, "allow", { clusterId: "c", cidrIp: "0.0.0.0", cidrMask: 0, sql: true, ui: true }),
    ];
    const mirror = mirrorFindings(resources);
    expect(mirror.sort()).toEqual((await realFindings(resources)).sort());
    // And the comparison has teeth: every kind of outcome is in it.
    expect(mirror).toEqual(
      expect.arrayContaining([
        "crdb-no-public-database-ingress: the rule admits 0.0.0.0/0 (the whole internet) on the database port 26257",
        "crdb-no-public-database-ingress: an inline ingress block admits ::/0 (the whole internet) on the database port 26257",
        "crdb-endpoint-multi-az: endpoint endpoint spans 1 AZ; at least 2 recommended",
        "crdb-vpc-dns-attributes: VPC vpc has enableDnsHostnames off",
        "crdb-endpoint-private-dns: dns turns on private DNS without depending on the CockroachDB registration of endpoint",
        "crdb-no-open-allowlist: allowlist entry 0.0.0.0/0 admits every IPv4 address",
        expect.stringMatching(/^crdb-no-public-database-ingress: can't run: string value at \.cidrIpv4 can't be known during preview$/),
      ]),
    );
  });
});
