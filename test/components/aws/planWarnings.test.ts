// The warnings (settings that work but are rarely meant), each rule on its own with its exact words, then as the plan
// collects them from arguments and facts.
import { describe, expect, it } from "vitest";
import type { AwsPrivateLinkArgs } from "../../../components/aws/args";
import type { AwsPrivateLinkFacts } from "../../../components/aws/facts";
import { planAwsPrivateLink } from "../../../components/aws/plan";
import { checkAwsPrivateLinkArgs } from "../../../components/aws/planArgs";
import {
  containedSourceWarnings,
  nameTagWarnings,
  portWarnings,
  publicVpcCidrWarnings,
  singleAzWarnings,
} from "../../../components/aws/planWarnings";
import { CLUSTER_ID, EXISTING_SUBNETS, EXISTING_VPC, facts, service } from "./support/fixtures";

const PORT_26000 =
  "port is 26000, not 26257: CockroachDB Cloud serves SQL on 26257, and the security group opens TCP 26000 only, so " +
  "SQL clients connecting over the endpoint will be refused. Leave port unset unless the cluster really serves SQL " +
  "on 26000.";
const NAME_TAG =
  'tags sets Name = "prod": it replaces the Name (<name>-<role>) of every AWS resource the component creates, so the ' +
  'VPC, subnets, security group, rules and endpoint all show as "prod" in the AWS console. Leave Name out of tags to ' +
  "tell them apart.";
const CONTAINED =
  "allowedCidrs lists 10.40.1.0/24, which is inside 10.40.0.0/16, also listed: its ingress rule adds nothing while " +
  "10.40.0.0/16 is allowed. Remove 10.40.1.0/24, or 10.40.0.0/16 if only 10.40.1.0/24 should connect.";
const PUBLIC_NEW =
  "vpc.cidrBlock 52.20.0.0/16 is outside the private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, " +
  "100.64.0.0/10): AWS accepts it, but those addresses are routable on the internet, and hosts in the VPC cannot " +
  "reach whoever owns them there. Prefer a block in a private range.";
const SINGLE_AZ =
  "The endpoint gets one availability zone only: subnet-0aaaaaaaaaaaaaaa1 (use1-az1) is the only usable subnet of " +
  "vpc-0123456789abcdef0, so connections over the endpoint fail while use1-az1 is down. Add a subnet of " +
  "vpc-0123456789abcdef0 in another AZ the cluster's endpoint service supports: use1-az2, use1-az4.";

describe("each rule", () => {
  it("port: only a port other than 26257", () => {
    expect(portWarnings(26257)).toEqual([]);
    expect(portWarnings(26000)).toEqual([PORT_26000]);
  });

  it("Name tag: only the exact key Name", () => {
    expect(nameTagWarnings({ name: "x", team: "platform", NameSuffix: "y" })).toEqual([]);
    expect(nameTagWarnings({ team: "platform", Name: "prod" })).toEqual([NAME_TAG]);
  });

  it("contained sources: each contained block once, naming the first block given that contains it", () => {
    expect(containedSourceWarnings(["10.40.0.0/16", "10.41.0.0/16", "192.168.0.0/24"])).toEqual([]);
    expect(containedSourceWarnings(["10.40.1.0/24", "10.40.0.0/16", "10.0.0.0/8"])).toEqual([
      CONTAINED,
      "allowedCidrs lists 10.40.0.0/16, which is inside 10.0.0.0/8, also listed: its ingress rule adds nothing while " +
        "10.0.0.0/8 is allowed. Remove 10.40.0.0/16, or 10.0.0.0/8 if only 10.40.0.0/16 should connect.",
    ]);
    // Blocks that only look alike as text (10.4 and 10.40) or are adjacent are not contained.
    expect(containedSourceWarnings(["10.40.0.0/16", "10.4.0.0/16", "10.41.0.0/24", "10.39.255.0/24"])).toEqual([]);
  });

  it("public VPC CIDR: RFC 1918 and 100.64/10 are private, the rest is not", () => {
    for (const cidr of ["10.40.0.0/16", "172.31.0.0/16", "192.168.10.0/24", "100.64.0.0/16", "100.127.0.0/16"]) {
      expect(publicVpcCidrWarnings("vpc.cidrBlock", cidr), cidr).toEqual([]);
    }
    expect(publicVpcCidrWarnings("vpc.cidrBlock", "52.20.0.0/16")).toEqual([PUBLIC_NEW]);
    for (const cidr of ["172.32.0.0/16", "100.128.0.0/16", "192.169.0.0/16", "11.0.0.0/16"]) {
      expect(publicVpcCidrWarnings("vpc.cidrBlock", cidr), cidr).toHaveLength(1);
    }
    expect(publicVpcCidrWarnings("vpc.cidrBlock", undefined)).toEqual([]);
  });

  it("single AZ: only an existing VPC with exactly one usable subnet", () => {
    const one = [{ azId: "use1-az1", subnetId: "subnet-0aaaaaaaaaaaaaaa1" }];
    const two = [...one, { azId: "use1-az2", subnetId: "subnet-0aaaaaaaaaaaaaaa2" }];
    expect(singleAzWarnings(EXISTING_VPC.id, one, ["use1-az1", "use1-az2", "use1-az4"])).toEqual([SINGLE_AZ]);
    expect(singleAzWarnings(EXISTING_VPC.id, two, ["use1-az1", "use1-az2"])).toEqual([]);
    expect(singleAzWarnings(undefined, one, ["use1-az1"])).toEqual([]);
    // The service's AZs not known yet (a new ADVANCED cluster): still one AZ, without a list of others.
    expect(singleAzWarnings(EXISTING_VPC.id, one, undefined)).toEqual([
      expect.stringMatching(/ in another AZ the cluster's endpoint service supports\.$/),
    ]);
  });
});

describe("in the plan", () => {
  const ARGS: AwsPrivateLinkArgs = { clusterId: CLUSTER_ID, region: "us-east-1", vpc: { cidrBlock: "10.40.0.0/16" } };
  const plan = (args: AwsPrivateLinkArgs, f: AwsPrivateLinkFacts = facts()) =>
    planAwsPrivateLink("p", checkAwsPrivateLinkArgs("p", args), f);

  it("a plain created VPC with the defaults warns about nothing", () => {
    expect(plan(ARGS).warnings).toEqual([]);
    expect(plan({ ...ARGS, port: 26257, allowedCidrs: ["10.40.0.0/16"], tags: { env: "dev" } }).warnings).toEqual([]);
  });

  it("every rule of a created VPC, in a fixed order", () => {
    const args: AwsPrivateLinkArgs = {
      ...ARGS,
      vpc: { cidrBlock: "52.20.0.0/16" },
      port: 26000,
      tags: { Name: "prod" },
      allowedCidrs: ["10.40.0.0/16", "10.40.1.0/24"],
    };
    expect(plan(args).warnings).toEqual([PORT_26000, NAME_TAG, CONTAINED, PUBLIC_NEW]);
  });

  it("an existing VPC: its CIDR block from the facts, and a single usable AZ", () => {
    const args: AwsPrivateLinkArgs = { ...ARGS, vpc: { vpcId: EXISTING_VPC.id, subnetIds: [EXISTING_SUBNETS[0]!.id] } };
    const publicVpc = { ...EXISTING_VPC, cidrBlock: "52.20.0.0/16" };
    expect(plan(args, facts({ vpc: publicVpc, subnets: [EXISTING_SUBNETS[0]!] })).warnings).toEqual([
      "vpc-0123456789abcdef0's CIDR block 52.20.0.0/16 is outside the private ranges (10.0.0.0/8, 172.16.0.0/12, " +
        "192.168.0.0/16, 100.64.0.0/10): AWS accepts it, but those addresses are routable on the internet, and hosts " +
        "in the VPC cannot reach whoever owns them there. Prefer a block in a private range.",
      SINGLE_AZ,
    ]);
  });

  it("an existing VPC with two subnets of which one is usable is single-AZ too", () => {
    // az3 is not one of the service's AZs (az1, az2, az4): only the az1 subnet is used.
    const subnets = [EXISTING_SUBNETS[0]!, EXISTING_SUBNETS[1]!];
    const args: AwsPrivateLinkArgs = { ...ARGS, vpc: { vpcId: EXISTING_VPC.id, subnetIds: subnets.map((s) => s.id) } };
    const f = facts({ vpc: EXISTING_VPC, subnets, service: service("us-east-1") });
    expect(plan(args, f).warnings).toEqual([
      "Not using subnet-0aaaaaaaaaaaaaaa3 (use1-az3): the cluster's endpoint service is only in use1-az1, use1-az2, use1-az4.",
      SINGLE_AZ,
    ]);
  });
});
