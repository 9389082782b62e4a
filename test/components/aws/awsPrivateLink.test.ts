// The component under mocks: what is registered, with which inputs, under which parent, waiting for what;
// AwsPrivateLink.create with its lookups; and the one failure left to deploy time. One file, so Pulumi and the AWS
// SDK load once.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AwsPrivateLink } from "../../../components/aws/awsPrivateLink";
import type { AwsPrivateLinkArgs } from "../../../components/aws/args";
import { AwsPrivateLinkArgumentError } from "../../../components/aws/errors";
import { type AwsPrivateLinkFacts, AwsPrivateLinkLookupError } from "../../../components/aws/facts";
import { awsPrivateLinkLookups } from "../../../components/aws/lookups";
import { planAwsPrivateLink } from "../../../components/aws/plan";
import { checkAwsPrivateLinkArgs } from "../../../components/aws/planArgs";
import type { RecordedResource } from "../../../tools/mocks/recorder";
import {
  CLUSTER_ID,
  EXISTING_SUBNETS,
  EXISTING_VPC,
  MISSING_CLUSTER_ID,
  az,
  facts,
  fakeLookups,
  service,
  serviceName,
} from "./support/fixtures";
import { type MockWorld, TYPES, byName, byType, setUpMocks, valueOf } from "./support/mocks";
import { expectUnhandledRejections } from "./support/rejections";
import { waitForRegistrations } from "../../../tools/mocks/pulumiInternals";

let world: MockWorld;
beforeAll(async () => {
  world = await setUpMocks();
});
beforeEach(() => world.reset());

const ARGS: AwsPrivateLinkArgs = {
  clusterId: CLUSTER_ID,
  region: "us-east-1",
  vpc: { cidrBlock: "10.40.0.0/16" },
  allowedSecurityGroupIds: ["sg-0123456789abcdef0"],
  tags: { team: "platform" },
};

/** The options every child was constructed with, by name (a legacy `transformations` spy sees them in-process). */
function optionsSpy() {
  const seen = new Map<string, pulumi.CustomResourceOptions>();
  const transformation: pulumi.ResourceTransformation = ({ name, opts }) => {
    seen.set(name, opts);
    return undefined;
  };
  const dependsOn = (name: string) => {
    const opts = seen.get(name);
    if (!opts) throw new Error(`no child ${name}`);
    return ([] as pulumi.Input<pulumi.Resource>[]).concat((opts.dependsOn ?? []) as pulumi.Input<pulumi.Resource>[]);
  };
  return { transformation, seen, dependsOn };
}

/** What `AwsPrivateLink.create` does once the facts are in: check and plan (throwing before anything registers), then build. */
function construct(name: string, args: AwsPrivateLinkArgs, f: AwsPrivateLinkFacts, opts: pulumi.ComponentResourceOptions = {}) {
  const plan = planAwsPrivateLink(name, checkAwsPrivateLinkArgs(name, args), f);
  return new AwsPrivateLink(name, plan, { ...opts, endpointServices: args.endpointServices });
}

async function build(name: string, args: AwsPrivateLinkArgs, f = facts(), opts: pulumi.ComponentResourceOptions = {}) {
  const link = construct(name, args, f, opts);
  await valueOf(link.connectionStatus);
  await waitForRegistrations();
  return link;
}

const children = (parentName: string) =>
  world.resources.filter((r) => r.parentUrn !== undefined && r.parentUrn.endsWith(`::${parentName}`));
const sourcesOf = (r: RecordedResource, input: string) =>
  (r.propertyDependencyUrns[input] ?? []).map((urn) => urn.split("::").pop());

describe("AwsPrivateLink creating its VPC", () => {
  it("registers exactly the PrivateLink resources: no NAT, no internet gateway, no routes, no egress", async () => {
    await build("t1", ARGS);
    const counts: Record<string, number> = {};
    for (const r of world.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts).toEqual({
      [TYPES.component]: 1,
      [TYPES.services]: 1,
      [TYPES.vpc]: 1,
      [TYPES.subnet]: 3,
      [TYPES.securityGroup]: 1,
      [TYPES.ingressRule]: 2,
      [TYPES.endpoint]: 1,
      [TYPES.connection]: 1,
      [TYPES.privateDns]: 1,
      [TYPES.ready]: 1,
    });
    for (const forbidden of ["natGateway", "internetGateway", "eip", "routeTable", "route", "securityGroupRule"]) {
      expect(world.resources.filter((r) => r.type.toLowerCase().includes(`/${forbidden.toLowerCase()}:`))).toEqual([]);
    }
    expect(byType(world.resources, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toEqual([]);
  });

  it("parents every child to the component and names it <name>-<role>", async () => {
    await build("t1", ARGS);
    const kids = children("t1");
    expect(kids).toHaveLength(world.resources.length - 1);
    expect(kids.map((r) => r.name).sort()).toEqual(
      [
        "t1-services",
        "t1-vpc",
        "t1-subnet-use1-az1",
        "t1-subnet-use1-az2",
        "t1-subnet-use1-az4",
        "t1-sg",
        "t1-sql-10-40-0-0-16",
        "t1-sql-sg-0123456789abcdef0",
        "t1-endpoint",
        "t1-connection",
        "t1-private-dns",
        "t1-ready",
      ].sort(),
    );
  });

  it("turns on DNS support and hostnames on the VPC", async () => {
    await build("t1", ARGS);
    expect(byName(world.resources, "t1-vpc").inputs).toMatchObject({
      cidrBlock: "10.40.0.0/16",
      enableDnsSupport: true,
      enableDnsHostnames: true,
      region: "us-east-1",
    });
  });

  it("puts one subnet in each AZ ID the service and the account share, keyed and placed by AZ ID", async () => {
    await build("t1", ARGS);
    const subnets = byType(world.resources, TYPES.subnet).map((r) => ({ name: r.name, ...r.inputs }));
    expect(subnets.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      expect.objectContaining({ name: "t1-subnet-use1-az1", availabilityZoneId: "use1-az1", cidrBlock: "10.40.0.0/20", vpcId: "t1-vpc_id" }),
      expect.objectContaining({ name: "t1-subnet-use1-az2", availabilityZoneId: "use1-az2", cidrBlock: "10.40.16.0/20", vpcId: "t1-vpc_id" }),
      expect.objectContaining({ name: "t1-subnet-use1-az4", availabilityZoneId: "use1-az4", cidrBlock: "10.40.48.0/20", vpcId: "t1-vpc_id" }),
    ]);
    for (const subnet of byType(world.resources, TYPES.subnet)) expect(subnet.inputs).not.toHaveProperty("availabilityZone");
  });

  it("opens only TCP on the port, once per allowed source, with no inline rules on the group", async () => {
    await build("t1", { ...ARGS, allowedCidrs: ["10.40.0.0/16", "192.168.0.0/24"], port: 26000 });
    const sg = byName(world.resources, "t1-sg");
    expect(sg.inputs).not.toHaveProperty("ingress");
    expect(sg.inputs).not.toHaveProperty("egress");
    const rules = byType(world.resources, TYPES.ingressRule);
    expect(rules.map((r) => r.name).sort()).toEqual(["t1-sql-10-40-0-0-16", "t1-sql-192-168-0-0-24", "t1-sql-sg-0123456789abcdef0"]);
    for (const rule of rules) {
      expect(rule.inputs).toMatchObject({ ipProtocol: "tcp", fromPort: 26000, toPort: 26000, securityGroupId: "t1-sg_id" });
      const sources = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"].filter((k) => k in rule.inputs);
      expect(sources).toHaveLength(1);
    }
    expect(byName(world.resources, "t1-sql-192-168-0-0-24").inputs.cidrIpv4).toBe("192.168.0.0/24");
    expect(byName(world.resources, "t1-sql-sg-0123456789abcdef0").inputs.referencedSecurityGroupId).toBe("sg-0123456789abcdef0");
  });

  it("defaults the allowed source to the VPC's CIDR block and the port to 26257", async () => {
    await build("t1", { clusterId: CLUSTER_ID, region: "us-east-1", vpc: { cidrBlock: "10.40.0.0/16" } });
    const rules = byType(world.resources, TYPES.ingressRule);
    expect(rules).toHaveLength(1);
    expect(rules[0]?.inputs).toMatchObject({ cidrIpv4: "10.40.0.0/16", fromPort: 26257, toPort: 26257 });
  });

  it("creates an Interface endpoint for the region's service, in supported subnets only, without private DNS", async () => {
    const link = await build("t1", ARGS);
    const endpoint = byName(world.resources, "t1-endpoint");
    expect(endpoint.inputs).toMatchObject({
      vpcEndpointType: "Interface",
      serviceName: serviceName("us-east-1"),
      vpcId: "t1-vpc_id",
      securityGroupIds: ["t1-sg_id"],
      region: "us-east-1",
    });
    expect(endpoint.inputs).not.toHaveProperty("privateDnsEnabled");
    expect(endpoint.inputs.subnetIds).toEqual(["t1-subnet-use1-az1_id", "t1-subnet-use1-az2_id", "t1-subnet-use1-az4_id"]);
    expect(sourcesOf(endpoint, "serviceName")).toEqual(["t1-services"]);
    const supported = new Set([1, 2, 4].map((n) => az("us-east-1", n)));
    const subnetAz = new Map(byType(world.resources, TYPES.subnet).map((s) => [`${s.name}_id`, s.inputs.availabilityZoneId]));
    for (const id of endpoint.inputs.subnetIds as string[]) expect(supported.has(subnetAz.get(id) as string)).toBe(true);
    expect(await valueOf(link.subnetIds)).toEqual(endpoint.inputs.subnetIds);
  });

  it("registers the endpoint, then enables private DNS after the registration, then waits for readiness", async () => {
    const spy = optionsSpy();
    const link = await build("t1", ARGS, facts(), { transformations: [spy.transformation] });
    expect(byName(world.resources, "t1-connection").inputs).toMatchObject({ clusterId: CLUSTER_ID, endpointId: "t1-endpoint_id" });
    // The component's own endpoint: its registration goes with it, even one found already there after a crash.
    expect(byName(world.resources, "t1-connection").inputs.deleteAdopted).toBe(true);
    expect(byName(world.resources, "t1-private-dns").inputs).toMatchObject({
      vpcEndpointId: "t1-endpoint_id",
      privateDnsEnabled: true,
      region: "us-east-1",
    });
    expect(spy.dependsOn("t1-private-dns")).toEqual([link.connection]);
    // "Ready" includes private DNS applied, not only the endpoint state.
    expect(byName(world.resources, "t1-ready").inputs).toMatchObject({
      vpcEndpointId: "t1-endpoint_id",
      region: "us-east-1",
      privateDnsEnabled: true,
    });
    // ...and for every ingress rule: ready means the security group admits the sources too.
    expect(spy.dependsOn("t1-ready")).toEqual([link.endpointPrivateDns, ...Object.values(link.ingressRules)]);
    expect(Object.keys(link.ingressRules)).toHaveLength(2);
    // The spy also sees the component itself, which has no parent.
    for (const [name, opts] of spy.seen) if (name !== "t1") expect(opts.parent, name).toBe(link);
    expect(spy.seen.size).toBe(13);
  });

  it("starts the cluster-side services with nothing of the VPC to wait for", async () => {
    const spy = optionsSpy();
    await build("t1", ARGS, facts(), { transformations: [spy.transformation] });
    const services = byName(world.resources, "t1-services");
    expect(Object.keys(services.inputs).filter((k) => k !== "__provider")).toEqual(["clusterId"]);
    expect(services.dependencyUrns).toEqual([]);
    expect(spy.dependsOn("t1-services")).toEqual([]);
    // ...while the endpoint waits on both sides.
    const endpointSources = byName(world.resources, "t1-endpoint").dependencyUrns.map((u) => u.split("::").pop());
    expect(endpointSources).toEqual(expect.arrayContaining(["t1-services", "t1-vpc", "t1-sg", "t1-subnet-use1-az1"]));
  });

  it("sets the region and a Name tag on every AWS resource", async () => {
    await build("t1", ARGS);
    for (const r of world.resources.filter((x) => x.type.startsWith("aws:"))) {
      expect(r.inputs.region, r.name).toBe("us-east-1");
      if (r.type !== TYPES.privateDns) expect(r.inputs.tags, r.name).toEqual({ Name: r.name, team: "platform" });
    }
  });

  it("exposes the outputs and key child resources", async () => {
    const link = await build("t1", ARGS);
    expect(await valueOf(link.vpcId)).toBe("t1-vpc_id");
    expect(await valueOf(link.securityGroupId)).toBe("t1-sg_id");
    expect(await valueOf(link.endpointId)).toBe("t1-endpoint_id");
    expect(await valueOf(link.privateSqlHost)).toBe("internal-orders-abc12.aws-us-east-1.cockroachlabs.cloud");
    expect(await valueOf(link.connectionStatus)).toBe("STATUS_AVAILABLE");
    expect(await valueOf(link.endpointDnsEntries)).toEqual([expect.objectContaining({ dnsName: "t1-ready.vpce.amazonaws.com" })]);
    expect(Object.keys(link.subnets)).toEqual(["use1-az1", "use1-az2", "use1-az4"]);
    expect(Object.keys(link.ingressRules)).toEqual(["10-40-0-0-16", "sg-0123456789abcdef0"]);
    expect(link.vpc).toBeDefined();
  });

  it("without private DNS, has no EndpointPrivateDns and waits for readiness after the registration", async () => {
    const spy = optionsSpy();
    const link = await build("t1", { ...ARGS, privateDns: false }, facts(), { transformations: [spy.transformation] });
    expect(byType(world.resources, TYPES.privateDns)).toEqual([]);
    expect(link.endpointPrivateDns).toBeUndefined();
    expect(byName(world.resources, "t1-ready").inputs).not.toHaveProperty("privateDnsEnabled");
    expect(spy.dependsOn("t1-ready")).toEqual([link.connection, ...Object.values(link.ingressRules)]);
  });

  it("keeps every name (and CIDR) when the service gains an AZ", async () => {
    await build("t1", ARGS, facts({ service: { regionName: "us-east-1", status: "AVAILABLE", availabilityZoneIds: ["use1-az1", "use1-az4"] } }));
    const before = byType(world.resources, TYPES.subnet).map((r) => `${r.name} ${r.inputs.cidrBlock}`);
    const otherNames = world.resources.filter((r) => r.type !== TYPES.subnet).map((r) => r.name);
    await world.reset();
    await build("t1", ARGS);
    const after = byType(world.resources, TYPES.subnet).map((r) => `${r.name} ${r.inputs.cidrBlock}`);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after.filter((s) => !before.includes(s))).toEqual(["t1-subnet-use1-az2 10.40.16.0/20"]);
    expect(world.resources.filter((r) => r.type !== TYPES.subnet).map((r) => r.name)).toEqual(expect.arrayContaining(otherNames));
  });

  it("with the service's AZs unknown (ADVANCED, services not created yet), picks the endpoint's subnets at deploy", async () => {
    world.serviceAzNumbers["us-east-1"] = [2, 3];
    const link = await build("t1", ARGS, facts({ service: undefined, cluster: { ...facts().cluster, plan: "ADVANCED" } }));
    expect(link.plan.warnings.join(" ")).toMatch(/no endpoint service in us-east-1 yet/);
    expect(byType(world.resources, TYPES.subnet).map((r) => r.name).sort()).toEqual(
      [1, 2, 3, 4].map((n) => `t1-subnet-use1-az${n}`),
    );
    expect(byName(world.resources, "t1-endpoint").inputs.subnetIds).toEqual(["t1-subnet-use1-az2_id", "t1-subnet-use1-az3_id"]);
  });

  it("uses a shared endpoint services resource when given one", async () => {
    const { PrivateEndpointServices } = await import("../../../components/cockroach");
    const shared = new PrivateEndpointServices("shared-services", { clusterId: CLUSTER_ID });
    await build("t1", { ...ARGS, endpointServices: shared });
    expect(byType(world.resources, TYPES.services).map((r) => r.name)).toEqual(["shared-services"]);
    expect(sourcesOf(byName(world.resources, "t1-endpoint"), "serviceName")).toEqual(["shared-services"]);
  });
});

describe("AwsPrivateLink in an existing VPC", () => {
  const existing: AwsPrivateLinkArgs = {
    clusterId: CLUSTER_ID,
    region: "us-east-1",
    vpc: { vpcId: EXISTING_VPC.id, subnetIds: EXISTING_SUBNETS.map((s) => s.id) },
  };
  const existingFacts = facts({ vpc: EXISTING_VPC, subnets: EXISTING_SUBNETS });

  it("creates no VPC or subnets and uses only the given subnets in supported AZs", async () => {
    const link = await build("t2", existing, existingFacts);
    expect(byType(world.resources, TYPES.vpc)).toEqual([]);
    expect(byType(world.resources, TYPES.subnet)).toEqual([]);
    expect(link.vpc).toBeUndefined();
    const endpoint = byName(world.resources, "t2-endpoint");
    // use1-az3 is not one of the service's AZs (az1, az2, az4): its subnet is left out.
    expect(endpoint.inputs.subnetIds).toEqual(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"]);
    expect(endpoint.inputs.vpcId).toBe(EXISTING_VPC.id);
    expect(byName(world.resources, "t2-sg").inputs.vpcId).toBe(EXISTING_VPC.id);
    expect(link.plan.warnings.join(" ")).toMatch(/Not using subnet-0aaaaaaaaaaaaaaa3 \(use1-az3\)/);
  });

  it("allows the existing VPC's CIDR block by default", async () => {
    await build("t2", existing, existingFacts);
    expect(byType(world.resources, TYPES.ingressRule).map((r) => r.inputs.cidrIpv4)).toEqual(["10.20.0.0/16"]);
  });

  it.each(["enableDnsSupport", "enableDnsHostnames"] as const)("refuses a VPC with %s off, saying how to fix it", (flag) => {
    const f = facts({ vpc: { ...EXISTING_VPC, [flag]: false }, subnets: EXISTING_SUBNETS });
    expect(() => construct("t2", existing, f)).toThrow(
      new RegExp(`vpc\\.vpcId = "${EXISTING_VPC.id}": the VPC has ${flag} turned off.*modify-vpc-attribute.*privateDns`),
    );
    expect(world.resources).toEqual([]);
  });

  it("accepts DNS flags off when private DNS is off", async () => {
    const f = facts({ vpc: { ...EXISTING_VPC, enableDnsHostnames: false }, subnets: EXISTING_SUBNETS });
    await build("t2", { ...existing, privateDns: false }, f);
    expect(byType(world.resources, TYPES.endpoint)).toHaveLength(1);
  });

  it("fails, listing both sets, when no given subnet is in a supported AZ", () => {
    const onlyAz3 = { ...existing, vpc: { vpcId: EXISTING_VPC.id, subnetIds: ["subnet-0aaaaaaaaaaaaaaa3"] } };
    expect(() => construct("t2", onlyAz3, facts({ vpc: EXISTING_VPC, subnets: [EXISTING_SUBNETS[1]!] }))).toThrow(
      /vpc\.subnetIds = \["subnet-0aaaaaaaaaaaaaaa3"\]: .*use1-az3 \(subnet-0aaaaaaaaaaaaaaa3\).*Allowed: .*use1-az1, use1-az2, use1-az4/,
    );
    expect(world.resources).toEqual([]);
  });

  it("refuses two subnets in one AZ and subnets of another VPC", () => {
    const subnets = [
      EXISTING_SUBNETS[0]!,
      { id: "subnet-0bbbbbbbbbbbbbbb1", vpcId: EXISTING_VPC.id, availabilityZoneId: "use1-az1" },
      { id: "subnet-0ccccccccccccccc1", vpcId: "vpc-0fffffffffffffff0", availabilityZoneId: "use1-az2" },
    ];
    const args = { ...existing, vpc: { vpcId: EXISTING_VPC.id, subnetIds: subnets.map((s) => s.id) } };
    expect(() => construct("t2", args, facts({ vpc: EXISTING_VPC, subnets }))).toThrow(
      /vpc\.subnetIds\[1\] = "subnet-0bbbbbbbbbbbbbbb1": it is in use1-az1, like subnet-0aaaaaaaaaaaaaaa1[\s\S]*vpc\.subnetIds\[2\] = "subnet-0ccccccccccccccc1": the subnet is in vpc-0fffffffffffffff0/,
    );
    expect(world.resources).toEqual([]);
  });
});

describe("two regions in one stack", () => {
  it("gives each region distinct names and sets each resource's region", async () => {
    await build("crdb-us-east-1", ARGS);
    await build("crdb-us-west-2", { ...ARGS, region: "us-west-2", vpc: { cidrBlock: "10.41.0.0/16" } }, facts({ region: "us-west-2" }));
    const names = world.resources.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of world.resources.filter((x) => x.type.startsWith("aws:"))) {
      expect(r.inputs.region).toBe(r.name.startsWith("crdb-us-west-2") ? "us-west-2" : "us-east-1");
    }
    expect(byName(world.resources, "crdb-us-west-2-endpoint").inputs.serviceName).toBe(serviceName("us-west-2"));
    expect(byType(world.resources, TYPES.subnet).map((r) => r.name)).toContain("crdb-us-west-2-subnet-usw2-az4");
  });
});

describe("AwsPrivateLink.create and the real lookups", () => {
  const invokes: { token: string; inputs: Record<string, unknown>; provider?: string }[] = [];
  beforeAll(() => {
    world.answerInvoke = (token, inputs, provider) => {
      invokes.push({ token, inputs, ...(provider ? { provider } : {}) });
      switch (token) {
        case "aws:index/getRegion:getRegion":
          return { region: "us-west-2", name: "us-west-2", id: "us-west-2" };
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
          return { names: ["a", "b", "c"], zoneIds: ["usw2-az3", "usw2-az1", "usw2-bos1-az1"], id: "x" };
        case "aws:ec2/getVpc:getVpc":
          return { ...EXISTING_VPC, id: inputs.id, enableDnsHostnames: false };
        case "aws:ec2/getSubnet:getSubnet":
          return { id: inputs.id, vpcId: EXISTING_VPC.id, availabilityZoneId: "usw2-az2" };
        default:
          throw new Error(`unexpected invoke ${token}`);
      }
    };
  });
  afterAll(() => {
    world.answerInvoke = undefined;
  });
  beforeEach(() => {
    invokes.length = 0;
  });

  const args = { clusterId: CLUSTER_ID, region: "us-east-1", vpc: { cidrBlock: "10.40.0.0/16" } };

  describe("AwsPrivateLink.create", () => {
    it("looks the facts up, then builds", async () => {
      const link = await AwsPrivateLink.create("c1", args, { lookups: fakeLookups() });
      expect(await valueOf(link.privateSqlHost)).toMatch(/^internal-orders-.*us-east-1/);
      expect(link.plan.subnets.map((s) => s.azId)).toEqual(["use1-az1", "use1-az2", "use1-az4"]);
    });

    it("prepare plans without registering; the plan is plain data, and the constructor builds from it alone", async () => {
      const lookups = fakeLookups();
      const cluster = vi.spyOn(lookups, "cluster");
      const plan = await AwsPrivateLink.prepare("c1", args, { lookups });
      expect(world.resources).toEqual([]);
      expect(cluster).toHaveBeenCalledTimes(1);
      expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);

      // What the plan says is what gets built: another port and AZ set than the arguments would give, no lookup.
      const edited = { ...plan, port: 4000, subnets: plan.subnets.slice(0, 2) };
      const link = new AwsPrivateLink("c1", edited);
      await valueOf(link.connectionStatus);
      await waitForRegistrations();
      expect(cluster).toHaveBeenCalledTimes(1);
      expect(link.plan).toBe(edited);
      expect(byType(world.resources, TYPES.ingressRule).map((r) => [r.inputs.fromPort, r.inputs.toPort])).toEqual([[4000, 4000]]);
      expect(Object.keys(link.subnets)).toEqual(["use1-az1", "use1-az2"]);
    });

    it("rejects bad arguments before any lookup or registration", async () => {
      const lookups = fakeLookups();
      const cluster = vi.spyOn(lookups, "cluster");
      await expect(AwsPrivateLink.create("c1", { ...args, port: 0 }, { lookups })).rejects.toBeInstanceOf(AwsPrivateLinkArgumentError);
      expect(cluster).not.toHaveBeenCalled();
      expect(world.resources).toEqual([]);
    });

    it("names the argument whose lookup failed, and registers nothing", async () => {
      const failure = AwsPrivateLink.create("c1", { ...args, clusterId: MISSING_CLUSTER_ID }, { lookups: fakeLookups() });
      await expect(failure).rejects.toBeInstanceOf(AwsPrivateLinkLookupError);
      await expect(failure).rejects.toThrow(`looking up clusterId = "${MISSING_CLUSTER_ID}" failed: cluster ${MISSING_CLUSTER_ID} not found`);
      expect(world.resources).toEqual([]);
    });

    describe("looks AWS facts up through the AWS provider its resources get", () => {
      const AZ_TOKEN = "aws:index/getAvailabilityZones:getAvailabilityZones";
      const west = { ...args, region: "us-west-2" };
      // The cluster side is faked; the AWS lookups not given are the real invokes.
      const cloudOnly = () => {
        const { cluster, endpointServices } = fakeLookups();
        return { cluster, endpointServices };
      };
      async function providerRef(provider: pulumi.ProviderResource): Promise<string> {
        return `${await valueOf(provider.urn)}::${await valueOf(provider.id)}`;
      }
      async function expectInvokesAndResourcesThrough(link: AwsPrivateLink, provider: pulumi.ProviderResource) {
        await valueOf(link.connectionStatus);
        await waitForRegistrations();
        const ref = await providerRef(provider);
        expect(invokes.filter((i) => i.token === AZ_TOKEN).map((i) => i.provider)).toEqual([ref]);
        expect(world.providers.get("c3-vpc")).toBe(ref);
      }

      it.each([
        ["providers: [aws]", (p: aws.Provider) => ({ providers: [p] })],
        ["providers: { aws }", (p: aws.Provider) => ({ providers: { aws: p } })],
        ["provider: aws", (p: aws.Provider) => ({ provider: p })],
      ])("given %s", async (_, options) => {
        const provider = new aws.Provider("usw2", { region: "us-west-2" });
        const link = await AwsPrivateLink.create("c3", west, { ...options(provider), lookups: cloudOnly() });
        await expectInvokesAndResourcesThrough(link, provider);
      });

      it("inherited from the parent", async () => {
        const provider = new aws.Provider("usw2", { region: "us-west-2" });
        const parent = new pulumi.ComponentResource("test:index:Parent", "p", {}, { providers: [provider] });
        const link = await AwsPrivateLink.create("c3", west, { parent, lookups: cloudOnly() });
        await expectInvokesAndResourcesThrough(link, provider);
      });

      it("the component's own over the parent's", async () => {
        const inherited = new aws.Provider("use1", { region: "us-east-1" });
        const own = new aws.Provider("usw2", { region: "us-west-2" });
        const parent = new pulumi.ComponentResource("test:index:Parent", "p", {}, { providers: [inherited] });
        const link = await AwsPrivateLink.create("c3", west, { parent, providers: [own], lookups: cloudOnly() });
        await expectInvokesAndResourcesThrough(link, own);
      });
    });

    it("rejects facts that cannot work (region not in the cluster) before registering", async () => {
      await expect(AwsPrivateLink.create("c1", { ...args, region: "eu-west-1" }, { lookups: fakeLookups() })).rejects.toThrow(
        /region = "eu-west-1": cluster orders has no region eu-west-1\. Allowed: one of the cluster's regions: us-east-1, us-west-2/,
      );
      expect(byType(world.resources, TYPES.component)).toEqual([]);
    });
  });

  describe("awsPrivateLinkLookups (AWS invokes)", () => {
    const lookups = awsPrivateLinkLookups();

    it("asks for the region's available AZs and keeps regional AZ IDs, sorted", async () => {
      expect(await lookups.accountAzIds("us-west-2")).toEqual(["usw2-az1", "usw2-az3"]);
      expect(invokes).toEqual([
        { token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: { region: "us-west-2", state: "available" } },
      ]);
    });

    it("reads an existing VPC's CIDR and DNS flags, and a subnet's AZ ID, in the given region", async () => {
      expect(await lookups.vpc(EXISTING_VPC.id, "us-west-2")).toEqual({ ...EXISTING_VPC, enableDnsHostnames: false });
      expect(await lookups.subnet("subnet-0aaaaaaaaaaaaaaa1", "us-west-2")).toEqual({
        id: "subnet-0aaaaaaaaaaaaaaa1",
        vpcId: EXISTING_VPC.id,
        availabilityZoneId: "usw2-az2",
      });
      expect(invokes.map((i) => i.inputs)).toEqual([
        { id: EXISTING_VPC.id, region: "us-west-2" },
        { id: "subnet-0aaaaaaaaaaaaaaa1", region: "us-west-2" },
      ]);
    });

    it("takes the provider's region when no region is given", async () => {
      const { region: _region, ...noRegion } = args;
      const link = await AwsPrivateLink.create("c2", noRegion, {
        lookups: { ...fakeLookups(), providerRegion: lookups.providerRegion },
      });
      expect(link.plan.region).toBe("us-west-2");
      expect(link.plan.subnets.map((s) => s.azId)).toEqual(["usw2-az1", "usw2-az2", "usw2-az3"]);
      await valueOf(link.connectionStatus);
    });
  });
});

describe("warnings", () => {
  it("logs each warning of the plan once, on the component, through pulumi.log.warn; none for plain arguments", async () => {
    const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
    try {
      const subnets = [EXISTING_SUBNETS[0]!];
      const args: AwsPrivateLinkArgs = {
        ...ARGS,
        vpc: { vpcId: EXISTING_VPC.id, subnetIds: subnets.map((s) => s.id) },
        port: 26000,
        tags: { Name: "shared" },
      };
      const link = await build("w1", args, facts({ vpc: EXISTING_VPC, subnets }));
      const logged = warn.mock.calls.map(([message, resource]) => ({ message, onComponent: resource === link }));
      expect(logged).toEqual([
        { message: expect.stringMatching(/^port is 26000, not 26257: /), onComponent: true },
        { message: expect.stringMatching(/^tags sets Name = "shared": /), onComponent: true },
        { message: expect.stringMatching(/^The endpoint gets one availability zone only: subnet-0aaaaaaaaaaaaaaa1 \(use1-az1\)/), onComponent: true },
      ]);
      expect(logged.map((l) => l.message)).toEqual(link.plan.warnings);

      warn.mockClear();
      await build("w2", ARGS);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

// Last in the file: Pulumi reports the failure as unhandled rejections, taken as handled from this block on.
describe("ADVANCED, service created during the deployment in AZs none of the subnets is in", () => {
  beforeAll(() => {
    expectUnhandledRejections(
      (reason) => reason instanceof AwsPrivateLinkArgumentError && ["d1", "d2"].includes(reason.resourceName),
    );
  });
  afterAll(async () => {
    await waitForRegistrations().catch(() => undefined);
  });

  const advanced = (overrides: Partial<AwsPrivateLinkFacts>) =>
    facts({ service: undefined, cluster: { ...facts().cluster, plan: "ADVANCED" }, ...overrides });

  /** The deploy-time failure: the endpoint's subnets (an apply on the services' output) reject with it. */
  async function deployFailure(name: string, args: AwsPrivateLinkArgs, f: AwsPrivateLinkFacts) {
    const link = construct(name, args, f);
    const subnetIds = (link.endpoint.subnetIds as unknown as { promise(): Promise<unknown> }).promise();
    const error = await subnetIds.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AwsPrivateLinkArgumentError);
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    return error as AwsPrivateLinkArgumentError;
  }

  /** The plan-time failure for the same AZ sets, had the service's AZs been known up front. */
  function planFailure(name: string, args: AwsPrivateLinkArgs, f: AwsPrivateLinkFacts) {
    try {
      planAwsPrivateLink(name, checkAwsPrivateLinkArgs(name, args), f);
    } catch (err) {
      return err as AwsPrivateLinkArgumentError;
    }
    throw new Error("the plan did not fail");
  }

  it("in a created VPC: fails naming the region, the service's AZs and the account's", async () => {
    const args = { clusterId: CLUSTER_ID, region: "us-east-1", vpc: { cidrBlock: "10.40.0.0/16" } };
    world.serviceAzNumbers["us-east-1"] = [6, 5];
    const error = await deployFailure("d1", args, advanced({}));
    expect(error.message).toContain(
      'AwsPrivateLink "d1": region = "us-east-1": no availability zone is both supported by the cluster\'s endpoint ' +
        "service (use1-az5, use1-az6) and available to this AWS account (use1-az1, use1-az2, use1-az3, use1-az4). " +
        "Allowed: a region where the two share at least one AZ ID.",
    );
    // One wording for one failure: the plan's, when the service's AZs are known up front.
    expect(error.problems).toEqual(planFailure("d1", args, facts({ service: service("us-east-1", [5, 6]) })).problems);
  });

  it("in an existing VPC: fails naming each subnet's AZ and the service's AZs", async () => {
    const subnets = [EXISTING_SUBNETS[0]!, EXISTING_SUBNETS[2]!];
    const args = { clusterId: CLUSTER_ID, region: "us-east-1", vpc: { vpcId: EXISTING_VPC.id, subnetIds: subnets.map((s) => s.id) } };
    world.serviceAzNumbers["us-east-1"] = [3];
    const error = await deployFailure("d2", args, advanced({ vpc: EXISTING_VPC, subnets }));
    expect(error.message).toContain(
      `vpc.subnetIds = ["subnet-0aaaaaaaaaaaaaaa1","subnet-0aaaaaaaaaaaaaaa2"]: no subnet is in an AZ the cluster's ` +
        "endpoint service supports; the subnets are in use1-az1 (subnet-0aaaaaaaaaaaaaaa1), use1-az2 " +
        "(subnet-0aaaaaaaaaaaaaaa2). Allowed: subnets in at least one of the service's AZs: use1-az3.",
    );
    const known = facts({ service: service("us-east-1", [3]), vpc: EXISTING_VPC, subnets });
    expect(error.problems).toEqual(planFailure("d2", args, known).problems);
  });
});
