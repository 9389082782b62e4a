// The planning rules on their own (planAwsPrivateLink, checkAwsPrivateLinkArgs, the value checks): what a set of
// facts and arguments plans, warns about or refuses, before any resource exists.
import { describe, expect, it } from "vitest";
import type { AwsPrivateLinkArgs } from "../../../components/aws/args";
import { AwsPrivateLinkArgumentError } from "../../../components/aws/errors";
import type { AwsPrivateLinkFacts, EndpointServiceFacts } from "../../../components/aws/facts";
import { planAwsPrivateLink } from "../../../components/aws/plan";
import { checkAwsPrivateLinkArgs } from "../../../components/aws/planArgs";
import { checkVpcCidr } from "../../../components/core/checks";
import { CLUSTER_ID, EXISTING_SUBNETS, EXISTING_VPC, awsCluster, facts, service } from "./support/fixtures";

const ARGS: AwsPrivateLinkArgs = { clusterId: CLUSTER_ID, region: "us-east-1", vpc: { cidrBlock: "10.40.0.0/16" } };
const EXISTING: AwsPrivateLinkArgs = {
  ...ARGS,
  vpc: { vpcId: EXISTING_VPC.id, subnetIds: EXISTING_SUBNETS.map((s) => s.id) },
};

const plan = (f: AwsPrivateLinkFacts, args: AwsPrivateLinkArgs = ARGS) => planAwsPrivateLink("p", checkAwsPrivateLinkArgs("p", args), f);
const onPlan = (clusterPlan: string, svc: EndpointServiceFacts | undefined, more: Partial<AwsPrivateLinkFacts> = {}) =>
  facts({ cluster: awsCluster(undefined, { plan: clusterPlan }), service: svc, ...more });
const withStatus = (status: string, azNumbers?: number[]) => ({ ...service("us-east-1", azNumbers), status });

describe("the cluster ID", () => {
  it("is lower-cased, so the same cluster written in capitals names the same resources", () => {
    expect(checkAwsPrivateLinkArgs("p", { ...ARGS, clusterId: CLUSTER_ID.toUpperCase() }).clusterId).toBe(CLUSTER_ID);
  });
});

describe("the cluster's endpoint service in the region", () => {
  it("AVAILABLE: its AZs shape the plan now, without a warning", () => {
    const p = plan(onPlan("ADVANCED", withStatus("AVAILABLE")));
    expect(p.serviceAzIds).toEqual(["use1-az1", "use1-az2", "use1-az4"]);
    expect(p.subnets.map((s) => s.azId)).toEqual(["use1-az1", "use1-az2", "use1-az4"]);
    expect(p.warnings).toEqual([]);
  });

  it("absent: AZs decided at deploy time, a subnet in every AZ of the account, and a warning", () => {
    const p = plan(onPlan("ADVANCED", undefined));
    expect(p.serviceAzIds).toBeUndefined();
    expect(p.subnets.map((s) => s.azId)).toEqual(["use1-az1", "use1-az2", "use1-az3", "use1-az4"]);
    expect(p.warnings).toEqual([
      "Cluster orders (ADVANCED) has no endpoint service in us-east-1 yet; this deployment creates it. Its " +
        "availability zones are therefore read at deploy time, once PrivateEndpointServices has it AVAILABLE, and the " +
        "endpoint gets the subnets in those zones, out of one subnet per AZ of the account.",
    ]);
  });

  it("CREATING: treated as not there yet, whatever AZs it lists", () => {
    const p = plan(onPlan("ADVANCED", withStatus("CREATING", [1])));
    expect(p.serviceAzIds).toBeUndefined();
    expect(p.subnets.map((s) => s.azId)).toEqual(["use1-az1", "use1-az2", "use1-az3", "use1-az4"]);
    expect(p.warnings).toEqual([
      expect.stringMatching(
        /^The endpoint service of cluster orders \(ADVANCED\) in us-east-1 is still being created \(CREATING\)\. Its availability zones are therefore read at deploy time/,
      ),
    ]);
  });

  it("AVAILABLE without AZs: treated as not there yet", () => {
    const p = plan(onPlan("STANDARD", withStatus("AVAILABLE", [])));
    expect(p.serviceAzIds).toBeUndefined();
    expect(p.subnets).toHaveLength(4);
    expect(p.warnings).toEqual([expect.stringMatching(/in us-east-1 reports no availability zones yet\. Its availability zones are therefore read at deploy time/)]);
  });

  it("not there yet, in an existing VPC: chooses among the given subnets at deploy time", () => {
    const p = plan(onPlan("ADVANCED", withStatus("CREATING"), { vpc: EXISTING_VPC, subnets: EXISTING_SUBNETS }), EXISTING);
    expect(p.subnets.map((s) => s.subnetId)).toEqual(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2", "subnet-0aaaaaaaaaaaaaaa3"]);
    expect(p.warnings).toEqual([expect.stringMatching(/out of the given subnets\.$/)]);
  });

  it("CREATE_FAILED on ADVANCED: this deployment's PrivateEndpointServices retries, so the plan waits for it", () => {
    const p = plan(onPlan("ADVANCED", withStatus("CREATE_FAILED")));
    expect(p.serviceAzIds).toBeUndefined();
    expect(p.subnets).toHaveLength(4);
    expect(p.warnings).toEqual([
      "The endpoint service of cluster orders (ADVANCED) in us-east-1 failed to create (CREATE_FAILED); this " +
        "deployment retries: PrivateEndpointServices asks CockroachDB Cloud to create it again and waits for it. If " +
        "it fails again, run `pulumi up` again to retry, or contact Cockroach Labs support. Its availability zones " +
        "are therefore read at deploy time, once PrivateEndpointServices has it AVAILABLE, and the endpoint gets the " +
        "subnets in those zones, out of one subnet per AZ of the account.",
    ]);
  });

  it("CREATE_FAILED where nothing retries it (STANDARD): fails, naming the cluster and the region", () => {
    expect(() => plan(onPlan("STANDARD", withStatus("CREATE_FAILED")))).toThrow(AwsPrivateLinkArgumentError);
    expect(() => plan(onPlan("STANDARD", withStatus("CREATE_FAILED")))).toThrow(
      'AwsPrivateLink "p": region = "us-east-1": the endpoint service of cluster orders (STANDARD) in us-east-1 ' +
        "failed to create (CREATE_FAILED); CockroachDB Cloud creates the endpoint services of STANDARD clusters " +
        "itself, so no deployment retries it. Allowed: a region whose endpoint service is AVAILABLE: contact " +
        "Cockroach Labs support to repair this one.",
    );
  });
});

describe("the cluster's plan", () => {
  it("BASIC: refused up front, since CockroachDB Basic has no private connectivity", () => {
    expect(() => plan(onPlan("BASIC", withStatus("AVAILABLE")))).toThrow(
      `AwsPrivateLink "p": clusterId = "${CLUSTER_ID}": is a BASIC cluster, and CockroachDB Basic has no private ` +
        "connectivity. Allowed: a STANDARD or ADVANCED cluster (private endpoints are available on Standard and " +
        "Advanced).",
    );
  });

  it("STANDARD without a service in the region: fails, since its services are built in and nothing creates one", () => {
    expect(() => plan(onPlan("STANDARD", undefined))).toThrow(
      'AwsPrivateLink "p": region = "us-east-1": cluster orders (STANDARD) lists no endpoint service in us-east-1; ' +
        "endpoint services are built in on STANDARD clusters, so no deployment creates it. Allowed: a region whose " +
        "endpoint service is AVAILABLE: contact Cockroach Labs support about this one.",
    );
  });
});

describe("allowed sources", () => {
  it("warns about 0.0.0.0/0: any address that can route to the VPC", () => {
    const p = plan(facts(), { ...ARGS, allowedCidrs: ["10.40.0.0/16", "0.0.0.0/0"] });
    expect(p.ingressRules.map((r) => r.cidrIpv4)).toEqual(["10.40.0.0/16", "0.0.0.0/0"]);
    expect(p.warnings).toEqual([
      "allowedCidrs includes 0.0.0.0/0: the security group admits CockroachDB SQL (TCP 26257) from any address that " +
        "can route to the VPC (peering, transit gateway, VPN, Direct Connect). List only the networks that need the cluster.",
      // And the VPC's own block is inside it.
      "allowedCidrs lists 10.40.0.0/16, which is inside 0.0.0.0/0, also listed: its ingress rule adds nothing while " +
        "0.0.0.0/0 is allowed. Remove 10.40.0.0/16, or 0.0.0.0/0 if only 10.40.0.0/16 should connect.",
    ]);
  });

  it("warns about any block wider than a /8, not about a /8", () => {
    const p = plan(facts(), { ...ARGS, allowedCidrs: ["10.0.0.0/8", "64.0.0.0/2"], port: 26000 });
    expect(p.warnings).toEqual([
      "allowedCidrs includes 64.0.0.0/2, wider than a /8: the security group admits CockroachDB SQL (TCP 26000) from " +
        "any address in 64.0.0.0/2 that can route to the VPC (peering, transit gateway, VPN, Direct Connect). List " +
        "only the networks that need the cluster.",
      "port is 26000, not 26257: CockroachDB Cloud serves SQL on 26257, and the security group opens TCP 26000 only, " +
        "so SQL clients connecting over the endpoint will be refused. Leave port unset unless the cluster really " +
        "serves SQL on 26000.",
    ]);
  });

  const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`);
  const groups = (n: number) => Array.from({ length: n }, (_, i) => `sg-${(i + 1).toString(16).padStart(17, "0")}`);

  it("accepts 60 sources, AWS's default quota of inbound rules per security group", () => {
    expect(checkAwsPrivateLinkArgs("p", { ...ARGS, allowedCidrs: cidrs(50), allowedSecurityGroupIds: groups(10) })).toBeDefined();
  });

  it("refuses 61, naming both keys, the count, the limit and the quota", () => {
    expect(() => checkAwsPrivateLinkArgs("p", { ...ARGS, allowedCidrs: cidrs(50), allowedSecurityGroupIds: groups(11) })).toThrow(
      'AwsPrivateLink "p": allowedCidrs = "50 CIDR blocks + 11 security groups": allowedCidrs and ' +
        "allowedSecurityGroupIds give 61 sources, one inbound rule each in one security group, more than the 60 " +
        "inbound rules AWS allows per security group by default. Allowed: at most 60 sources in all: remove some, or " +
        "aggregate CIDR blocks into fewer, larger ones (the quota is adjustable in AWS Service Quotas, but this " +
        "component keeps every rule in one security group and holds to the default).",
    );
  });

  it("counts the default source, the VPC's CIDR block, and then names allowedSecurityGroupIds", () => {
    expect(() => checkAwsPrivateLinkArgs("p", { ...ARGS, allowedSecurityGroupIds: groups(60) })).toThrow(
      /allowedSecurityGroupIds = "1 CIDR block \+ 60 security groups": .* give 61 sources/,
    );
  });
});

describe("checkVpcCidr", () => {
  it.each([
    ["0.0.0.0/16", '0.0.0.0/8 ("this network")'],
    ["127.0.0.0/16", "127.0.0.0/8 (loopback)"],
    ["169.254.0.0/16", "169.254.0.0/16 (link-local)"],
    ["169.254.10.0/24", "169.254.0.0/16 (link-local)"],
    ["224.0.0.0/16", "224.0.0.0/4 (multicast)"],
    ["239.255.255.0/24", "224.0.0.0/4 (multicast)"],
    ["240.0.0.0/16", "240.0.0.0/4 (reserved)"],
    ["255.255.0.0/16", "240.0.0.0/4 (reserved)"],
  ])("refuses %s, in a range AWS does not allow for a VPC", (cidr, range) => {
    expect(checkVpcCidr(cidr)).toEqual({
      reason: `is in ${range}, which AWS does not allow for a VPC`,
      allowed: "a private range from /16 to /24, such as 10.0.0.0/16, 172.16.0.0/16 or 192.168.0.0/16",
    });
  });

  it.each(["10.40.0.0/16", "172.16.0.0/16", "192.168.0.0/24", "100.64.0.0/16", "1.0.0.0/16", "126.255.0.0/16", "223.255.255.0/24"])(
    "accepts %s",
    (cidr) => {
      expect(checkVpcCidr(cidr)).toBeUndefined();
    },
  );
});
