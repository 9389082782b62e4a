// The tidb-dev stack's whole lifecycle under the real Pulumi runtime: the program runner (cmd/run) and the
// dynamic-provider host (cmd/dynamic-provider) as child processes speaking gRPC to our engine, the cluster looked up
// in the fake TiDB Cloud Serverless API (Digest auth), the AWS resources in the fake account, the readiness wait
// against the fake EC2. TiDB needs no registration: nothing may reach the CockroachDB Cloud API. The steps run in
// order on one stack.
import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OperationFailedError, type OperationResult } from "../../tools/engine/lifecycle";
import { readStackConfig } from "../../tools/engine/stackConfig";
import type { ResourceState } from "../../tools/engine/state";
import { PROJECT, ROOT } from "./harness";
import { startTidbHarness, TIDB_KEYS, type TidbHarness } from "./tidbHarness";

const LONG = 300_000;
const STACK = "tidb-dev";
const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const READY = "pulumi-nodejs:dynamic/aws:VpcEndpointReady";
const COMPONENT = "crdb-private-endpoints:index:TidbPrivateLink";
const STACK_TYPE = "pulumi:pulumi:Stack";

/** The nine resources of tidb-dev, as `type::name`, sorted. */
const PLANNED = [
  `${SG}::tidb-us-east-1-sg`,
  `${SUBNET}::tidb-us-east-1-subnet-use1-az1`,
  `${SUBNET}::tidb-us-east-1-subnet-use1-az2`,
  `${SUBNET}::tidb-us-east-1-subnet-use1-az4`,
  `${ENDPOINT}::tidb-us-east-1-endpoint`,
  `${VPC}::tidb-us-east-1-vpc`,
  `${COMPONENT}::tidb-us-east-1`,
  `${READY}::tidb-us-east-1-ready`,
  `${RULE}::tidb-us-east-1-sql-10-70-0-0-16`,
].sort();

let h: TidbHarness;
beforeAll(async () => {
  h = await startTidbHarness({ stack: STACK, config: readStackConfig(ROOT, STACK) });
}, LONG);
afterAll(async () => {
  await h?.close();
});

const clusterPath = () => `/v1beta1/clusters/${h.cluster.clusterId}`;
const privateEndpoint = () => h.cluster.endpoints!.private!;
const typeAndName = (urn: string) => `${urn.split("::")[2]!.split("$").pop()}::${urn.split("::").pop()}`;
const only = (type: string) => {
  const ids = h.aws.ids(type);
  expect(ids).toHaveLength(1);
  return h.aws.read(type, ids[0]!)!;
};

/** What the fake TiDB API answered: every lookup is a Digest challenge (401) then an authenticated GET (200). */
function expectDigestLookupsOnly(): void {
  const { requests } = h.tidb;
  expect(requests.length).toBeGreaterThan(0);
  for (const r of requests) {
    expect(r.method).toBe("GET");
    expect(r.path.split("?")[0]).toBe(clusterPath());
    if (r.status === 401) expect(r).toMatchObject({ auth: "none", authProblem: "no digest credentials" });
    else {
      expect(r).toMatchObject({ status: 200, auth: "digest", username: TIDB_KEYS.publicKey });
      expect(r.authProblem).toBeUndefined();
    }
  }
  expect(requests.some((r) => r.status === 200)).toBe(true);
}

describe("tidb-dev stack lifecycle under the real runtime and provider host", () => {
  it("preview: plans the nine resources, creates nothing, and only reads the cluster from the TiDB API", async () => {
    const preview = await h.engine.preview();
    const planned = preview.steps.filter((s) => s.type !== STACK_TYPE);
    expect(planned.every((s) => s.op === "create")).toBe(true);
    expect(planned.map((s) => typeAndName(s.urn)).sort()).toEqual(PLANNED);
    expect(h.aws.resources.size).toBe(0);
    expect(h.aws.events).toEqual([]);
    expect(fs.existsSync(h.statePath)).toBe(false);
    expect(h.cloud.requests).toEqual([]);
    expect(h.ec2.requests).toEqual([]);
    expectDigestLookupsOnly();

    const endpoint = preview.run!.registrations.find((r) => r.type === ENDPOINT)!;
    expect(endpoint.inputs).toMatchObject({ serviceName: privateEndpoint().aws!.serviceName, privateDnsEnabled: true, vpcEndpointType: "Interface" });
    const rule = preview.run!.registrations.find((r) => r.type === RULE)!;
    expect(rule.inputs).toMatchObject({ fromPort: 4000, toPort: 4000, ipProtocol: "tcp", cidrIpv4: "10.70.0.0/16" });
  }, LONG);

  let up: OperationResult;
  it("up: creates the network and the endpoint with private DNS at creation, no CockroachDB resource, no Cloud API request", async () => {
    const lookupsBefore = h.tidb.requests.length;
    up = await h.engine.up();
    const created = up.steps.filter((s) => s.type !== STACK_TYPE);
    expect(up.steps.filter((s) => s.op !== "create")).toEqual([]);
    expect(created.map((s) => typeAndName(s.urn)).sort()).toEqual(PLANNED);
    expect(up.state.resources.filter((r) => /cockroach/i.test(r.type))).toEqual([]);
    expect(h.cloud.requests).toEqual([]);
    // The program looked the cluster up again for this run, Digest-authenticated.
    expect(h.tidb.requests.length).toBeGreaterThan(lookupsBefore);
    expectDigestLookupsOnly();

    const vpc = only(VPC);
    expect(vpc).toMatchObject({ cidrBlock: "10.70.0.0/16", enableDnsSupport: true, enableDnsHostnames: true });
    const subnets = h.aws.ids(SUBNET).map((id) => h.aws.read(SUBNET, id)!);
    expect(subnets.map((s) => s.availabilityZoneId).sort()).toEqual(privateEndpoint().aws!.availabilityZone);
    expect(subnets.every((s) => s.vpcId === vpc.id)).toBe(true);
    const sg = only(SG);
    expect(sg.vpcId).toBe(vpc.id);
    expect(only(RULE)).toMatchObject({ securityGroupId: sg.id, fromPort: 4000, toPort: 4000, ipProtocol: "tcp", cidrIpv4: "10.70.0.0/16" });
    const endpoint = only(ENDPOINT);
    expect(endpoint).toMatchObject({ vpcId: vpc.id, serviceName: privateEndpoint().aws!.serviceName, privateDnsEnabled: true, securityGroupIds: [sg.id] });
    expect([...(endpoint.subnetIds as string[])].sort()).toEqual(h.aws.ids(SUBNET).sort());
    // Private DNS came with the endpoint's creation: the endpoint was never updated, and no EndpointPrivateDns exists.
    expect(h.aws.events.filter((e) => e.type === ENDPOINT).map((e) => e.action)).toEqual(["create"]);
    expect([...h.aws.resources.values()].map((r) => r.type).sort()).toEqual([ENDPOINT, RULE, SG, SUBNET, SUBNET, SUBNET, VPC].sort());

    // The readiness wait asked the fake EC2 about this endpoint, signed with the fake credentials, and saw it available.
    expect(h.ec2.requests.some((r) => r.action === "DescribeVpcEndpoints" && r.params["VpcEndpointId.1"] === endpoint.id && r.accessKeyId === "AKIAFAKELIFECYCLE0001")).toBe(true);
    const ready = up.state.resources.find((r) => r.type === READY)!;
    expect(ready.outputs).toMatchObject({ state: "available", privateDnsEnabled: true, vpcEndpointId: endpoint.id });
    const order = up.steps.map((s) => s.type);
    expect(order.indexOf(READY)).toBeGreaterThan(order.indexOf(ENDPOINT));
  }, LONG);

  it("outputs: the private host, port 4000, the user with the cluster's prefix, and a TLS mysql command", () => {
    const region = (up.run!.outputs.regions as Record<string, Record<string, unknown>>)["us-east-1"]!;
    const user = `${h.cluster.userPrefix}.root`;
    expect(region).toMatchObject({
      privateHost: privateEndpoint().host,
      sqlPort: 4000,
      user,
      endpointId: h.aws.ids(ENDPOINT)[0],
      vpcId: h.aws.ids(VPC)[0],
      securityGroupId: h.aws.ids(SG)[0],
      serviceName: privateEndpoint().aws!.serviceName,
    });
    const command = region.mysqlCommand as string;
    expect(command).toContain(`-u '${user}'`);
    expect(command).toContain(`-h ${privateEndpoint().host} -P 4000`);
    expect(command).toContain("--ssl-mode=VERIFY_IDENTITY");
    expect(command).toContain(`--ssl-ca=${String(region.sslCa)}`);
  });

  it("secrets: the TiDB API private key is nowhere in the state, the logs or the registrations", () => {
    expect(fs.readFileSync(h.statePath, "utf8")).not.toContain(TIDB_KEYS.privateKey);
    expect(up.providerStderr).not.toContain(TIDB_KEYS.privateKey);
    expect(JSON.stringify(up.logs)).not.toContain(TIDB_KEYS.privateKey);
    expect(JSON.stringify(up.run!.registrations)).not.toContain(TIDB_KEYS.privateKey);
    expect(JSON.stringify(up.run!.outputs)).not.toContain(TIDB_KEYS.privateKey);
  });

  it("up again: every Diff says no change, and nothing is sent to AWS or the Cloud API", async () => {
    const awsEvents = h.aws.events.length;
    const again = await h.engine.up();
    expect(again.steps.filter((s) => s.op !== "same")).toEqual([]);
    expect(h.aws.events.length).toBe(awsEvents);
    expect(h.cloud.requests).toEqual([]);
  }, LONG);

  it("destroy: every resource goes before what it depends on, and the fake AWS account is empty", async () => {
    const before = h.engine.state.resources;
    // The order below is checked against the recorded dependencies: the endpoint's include its VPC, subnets and group.
    const urnsOf = (...types: string[]) => before.filter((r) => types.includes(r.type)).map((r) => r.urn).sort();
    expect([...before.find((r) => r.type === ENDPOINT)!.dependencies].sort()).toEqual(expect.arrayContaining(urnsOf(VPC, SUBNET, SG)));
    const result = await h.engine.destroy();
    const deleted = result.steps.map((s) => s.urn);
    expect(result.steps.every((s) => s.op === "delete")).toBe(true);
    expect([...deleted].sort()).toEqual(before.map((r) => r.urn).sort());
    const at = (urn: string) => deleted.indexOf(urn);
    const dependents = (r: ResourceState) => [...r.dependencies, ...(r.parent ? [r.parent] : [])];
    for (const r of before) for (const d of dependents(r)) expect(at(r.urn), `${r.urn} before ${d}`).toBeLessThan(at(d));
    // At the fake AWS itself: the endpoint before its security group and subnets, the rule before its group, the VPC last.
    const deletes = h.aws.events.filter((e) => e.action === "delete").map((e) => e.type);
    expect(deletes).toHaveLength(7);
    expect(deletes.at(-1)).toBe(VPC);
    expect(deletes.indexOf(ENDPOINT)).toBeLessThan(deletes.indexOf(SG));
    expect(deletes.indexOf(ENDPOINT)).toBeLessThan(deletes.indexOf(SUBNET));
    expect(deletes.indexOf(RULE)).toBeLessThan(deletes.indexOf(SG));
    expect(at(before.find((r) => r.type === READY)!.urn)).toBeLessThan(at(before.find((r) => r.type === ENDPOINT)!.urn));
    expect(h.aws.resources.size).toBe(0);
    expect(h.engine.state.resources).toEqual([]);
    expect(h.cloud.requests).toEqual([]);
  }, LONG);
});

describe("tidb-dev with a TiDB API key the API refuses", () => {
  const WRONG = { publicKey: TIDB_KEYS.publicKey, privateKey: "lifecycle-wrong-private-key-91c2" };
  let bad: TidbHarness;
  beforeAll(async () => {
    bad = await startTidbHarness({ stack: STACK, config: readStackConfig(ROOT, STACK), programKeys: WRONG });
  }, LONG);
  afterAll(async () => {
    await bad?.close();
  });

  it("up fails before any resource is created, naming the key pair, without echoing the private key", async () => {
    const error = await bad.engine.up().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(OperationFailedError);
    const result = (error as OperationFailedError).result;
    // The program's config error: the key, the value, what the API said, and what is allowed.
    const messages = result.run!.logs.filter((l) => l.severity === "error").map((l) => l.message).join("\n");
    expect(messages).toContain(`${PROJECT}:tidb.clusterId = "${bad.cluster.clusterId}"`);
    expect(messages).toMatch(/HTTP 401/);
    expect(messages).toMatch(/check TIDBCLOUD_PUBLIC_KEY and TIDBCLOUD_PRIVATE_KEY/);
    expect(messages).toMatch(/Allowed: /);
    expect(JSON.stringify(result.run!.logs) + JSON.stringify(result.logs) + result.providerStderr + (error as Error).message).not.toContain(WRONG.privateKey);
    // The fake refused the digest the wrong key computed: the program did try, with Digest auth.
    expect(bad.tidb.requests.some((r) => r.auth === "digest" && r.authProblem === "wrong response (private key)")).toBe(true);
    expect(bad.aws.events).toEqual([]);
    expect(bad.engine.state.resources.filter((r) => r.type !== STACK_TYPE)).toEqual([]);
    expect(bad.cloud.requests).toEqual([]);
  }, LONG);
});
