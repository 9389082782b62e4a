// The policy pack, without the CLI: each policy through its validateResourceOfType / validateStack as the 1.21
// analyzer calls it (unknownCheckingProxy props, notApplicable, config defaults), a passing and a violating case each.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { type AnalyzedResource, type PolicyPackConfig, UNKNOWN_AT_PREVIEW, hasMandatoryViolation, runPolicies } from "../../policy/analyzer";
import {
  configuredTags,
  endpointSpansZones,
  noOpenAllowList,
  noPublicDatabaseIngress,
  policies,
  privateDnsAfterRegistration,
  TYPES,
  vpcDnsForEndpoints,
} from "../../policy/policies";
import { isWholeInternet, reachesPort } from "../../policy/rules";

const urnOf = (type: string, name: string) => `urn:pulumi:dev::crdb-private-endpoints::${type}::${name}`;

function resource(type: string, name: string, props: Record<string, unknown>, deps: Record<string, AnalyzedResource[]> = {}, dependsOn: AnalyzedResource[] = []): AnalyzedResource {
  const propertyDependencyUrns = Object.fromEntries(Object.entries(deps).map(([k, rs]) => [k, rs.map((r) => r.urn)]));
  return {
    type,
    name,
    urn: urnOf(type, name),
    props,
    dependencyUrns: [...new Set([...Object.values(propertyDependencyUrns).flat(), ...dependsOn.map((r) => r.urn)])],
    propertyDependencyUrns,
  };
}

function findingsOf(policy: (typeof policies)[number], resources: AnalyzedResource[], config: PolicyPackConfig = {}) {
  const [result] = runPolicies([policy], resources, config);
  return result!;
}

const ingressRule = (props: Record<string, unknown>) =>
  resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "rule", { securityGroupId: UNKNOWN_AT_PREVIEW, ...props });

describe("crdb-no-public-database-ingress (mandatory)", () => {
  it("passes a rule from the VPC CIDR on 26257 and a public rule on another port", () => {
    const result = findingsOf(noPublicDatabaseIngress, [
      ingressRule({ cidrIpv4: "10.40.0.0/16", fromPort: 26257, toPort: 26257, ipProtocol: "tcp" }),
      ingressRule({ cidrIpv4: "0.0.0.0/0", fromPort: 443, toPort: 443, ipProtocol: "tcp" }),
    ]);
    expect(result).toMatchObject({ status: "passed", findings: [], severity: "critical", enforcementLevel: "mandatory" });
    expect(result.url).toMatch(/^https:\/\//);
    expect(result.remediationSteps).toContain("allowedCidrs");
  });

  it("flags 0.0.0.0/0 and ::/0 on all three rule forms, port ranges and protocol -1/all", () => {
    const group = resource("aws:ec2/securityGroup:SecurityGroup", "group", {
      vpcId: UNKNOWN_AT_PREVIEW,
      ingress: [
        { protocol: "tcp", fromPort: 26000, toPort: 27000, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] },
        { protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] },
        { protocol: "udp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] },
      ],
    });
    const vpcRule = ingressRule({ cidrIpv6: "::/0", ipProtocol: "-1" });
    const legacyRule = resource("aws:ec2/securityGroupRule:SecurityGroupRule", "legacy", {
      type: "ingress", protocol: "all", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"], securityGroupId: UNKNOWN_AT_PREVIEW,
    });
    const egress = resource("aws:ec2/securityGroupRule:SecurityGroupRule", "egress", {
      type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"],
    });
    const result = findingsOf(noPublicDatabaseIngress, [group, vpcRule, legacyRule, egress]);
    expect(result.status).toBe("violated");
    expect(result.findings.map((f) => [f.resourceName, f.message])).toEqual([
      ["group", "an inline ingress block admits 0.0.0.0/0 (the whole internet) on the database port 26257"],
      ["group", "an inline ingress block admits ::/0 (the whole internet) on the database port 26257"],
      ["rule", "the rule admits ::/0 (the whole internet) on the database port 26257"],
      ["legacy", "the rule admits 0.0.0.0/0 (the whole internet) on the database port 26257"],
    ]);
    expect(hasMandatoryViolation([result])).toBe(true);
  });

  it("checks the configured port", () => {
    const rule = ingressRule({ cidrIpv4: "0.0.0.0/0", fromPort: 5432, toPort: 5432, ipProtocol: "tcp" });
    expect(findingsOf(noPublicDatabaseIngress, [rule]).status).toBe("passed");
    expect(findingsOf(noPublicDatabaseIngress, [rule], { [noPublicDatabaseIngress.name]: { port: 5432 } }).status).toBe("violated");
  });

  it("is not applicable to other types, through args.notApplicable as in @pulumi/policy >= 1.18", () => {
    const vpc = resource(TYPES.vpc, "vpc", { cidrBlock: "0.0.0.0/0" });
    expect(findingsOf(noPublicDatabaseIngress, [vpc])).toMatchObject({ status: "not applicable", findings: [] });
  });

  it("reports a source unknown at preview as advisory 'can't run', as the analyzer does", () => {
    const result = findingsOf(noPublicDatabaseIngress, [ingressRule({ cidrIpv4: UNKNOWN_AT_PREVIEW, fromPort: 26257, toPort: 26257, ipProtocol: "tcp" })]);
    expect(result.status).toBe("passed");
    expect(result.findings).toEqual([
      expect.objectContaining({ enforcementLevel: "advisory", unknownAtPreview: true, message: expect.stringContaining("during preview") }),
    ]);
  });

  it("parses prefixes and ranges", () => {
    expect(["0.0.0.0/0", "::/0", "::0/0"].every(isWholeInternet)).toBe(true);
    expect(["0.0.0.0/1", "10.0.0.0/8", "::/1"].some(isWholeInternet)).toBe(false);
    expect(reachesPort({ protocol: "6", fromPort: 26257, toPort: 26257 }, 26257)).toBe(true);
    expect(reachesPort({ protocol: "tcp", fromPort: 26258, toPort: 30000 }, 26257)).toBe(false);
    expect(reachesPort({ protocol: "icmp", fromPort: -1, toPort: -1 }, 26257)).toBe(false);
  });
});

/** The AwsPrivateLink graph as the program registers it, optionally altered. */
function endpointGraph(options: { privateDns?: boolean; waitForRegistration?: boolean; dnsHostnames?: boolean; dnsSupport?: boolean } = {}) {
  const services = resource(TYPES.services, "services", { clusterId: "c" });
  const vpc = resource(TYPES.vpc, "vpc", {
    cidrBlock: "10.40.0.0/16",
    enableDnsSupport: options.dnsSupport ?? true,
    enableDnsHostnames: options.dnsHostnames ?? true,
  });
  const endpoint = resource(
    TYPES.vpcEndpoint,
    "endpoint",
    { vpcId: UNKNOWN_AT_PREVIEW, serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-1", vpcEndpointType: "Interface", subnetIds: [UNKNOWN_AT_PREVIEW, UNKNOWN_AT_PREVIEW] },
    { vpcId: [vpc], serviceName: [services] },
  );
  const connection = resource(TYPES.connection, "connection", { clusterId: "c", endpointId: UNKNOWN_AT_PREVIEW }, { endpointId: [endpoint] });
  const dns = resource(
    TYPES.endpointPrivateDns,
    "private-dns",
    { vpcEndpointId: UNKNOWN_AT_PREVIEW, privateDnsEnabled: options.privateDns ?? true },
    { vpcEndpointId: [endpoint] },
    options.waitForRegistration === false ? [] : [connection],
  );
  return [services, vpc, endpoint, connection, dns];
}

describe("crdb-endpoint-private-dns (mandatory, stack)", () => {
  it("passes an EndpointPrivateDns that depends on the registration", () => {
    expect(findingsOf(privateDnsAfterRegistration, endpointGraph())).toMatchObject({ status: "passed", findings: [] });
  });

  it("flags private DNS off, missing, or turned on before CockroachDB accepted the endpoint", () => {
    expect(findingsOf(privateDnsAfterRegistration, endpointGraph({ privateDns: false })).findings.map((f) => f.message)).toEqual([
      "endpoint endpoint has no EndpointPrivateDns with privateDnsEnabled: true",
    ]);
    expect(findingsOf(privateDnsAfterRegistration, endpointGraph().slice(0, 4)).status).toBe("violated");
    const early = findingsOf(privateDnsAfterRegistration, endpointGraph({ waitForRegistration: false }));
    expect(early.findings).toEqual([
      expect.objectContaining({
        resourceName: "private-dns",
        message: "private-dns turns on private DNS without depending on the CockroachDB registration of endpoint",
      }),
    ]);
  });

  it("is not applicable without CockroachDB endpoints", () => {
    expect(findingsOf(privateDnsAfterRegistration, [resource(TYPES.vpc, "vpc", {})]).status).toBe("not applicable");
  });
});

describe("crdb-vpc-dns-attributes (mandatory, stack)", () => {
  it("passes a VPC with DNS support and hostnames on", () => {
    expect(findingsOf(vpcDnsForEndpoints, endpointGraph()).status).toBe("passed");
  });

  it("flags either attribute off", () => {
    const result = findingsOf(vpcDnsForEndpoints, endpointGraph({ dnsHostnames: false, dnsSupport: false }));
    expect(result.findings.map((f) => f.message)).toEqual(["VPC vpc has enableDnsSupport off", "VPC vpc has enableDnsHostnames off"]);
  });
});

describe("crdb-no-open-allowlist (mandatory)", () => {
  const entry = (cidrIp: string, cidrMask: number) => resource(TYPES.allowList, `allow-${cidrMask}`, { clusterId: "c", cidrIp, cidrMask, sql: true, ui: false });

  it("passes a narrow entry", () => {
    expect(findingsOf(noOpenAllowList, [entry("203.0.113.0", 24)]).status).toBe("passed");
  });

  it("flags 0.0.0.0/0 unless acknowledged", () => {
    expect(findingsOf(noOpenAllowList, [entry("0.0.0.0", 0)]).findings.map((f) => f.message)).toEqual([
      "allowlist entry 0.0.0.0/0 admits every IPv4 address",
    ]);
    expect(findingsOf(noOpenAllowList, [entry("0.0.0.0", 0)], { [noOpenAllowList.name]: { acknowledgeOpenAllowList: true } }).status).toBe("passed");
  });
});

describe("crdb-endpoint-multi-az (advisory)", () => {
  it("passes two AZs and flags one", () => {
    const [, , endpoint] = endpointGraph();
    expect(findingsOf(endpointSpansZones, [endpoint!]).status).toBe("passed");
    const single = { ...endpoint!, props: { ...endpoint!.props, subnetIds: [UNKNOWN_AT_PREVIEW] } };
    const result = findingsOf(endpointSpansZones, [single]);
    expect(result).toMatchObject({ status: "violated", enforcementLevel: "advisory", severity: "medium" });
    expect(result.findings[0]?.message).toBe("endpoint endpoint spans 1 AZ; at least 2 recommended");
    expect(hasMandatoryViolation([result])).toBe(false);
  });
});

describe("crdb-required-tags (advisory)", () => {
  const config = { [configuredTags.name]: { requiredTags: { owner: "platform", environment: "" } } };
  it("passes resources with the configured tags and flags one without", () => {
    const tagged = resource(TYPES.vpc, "vpc", { tags: { Name: "vpc", owner: "platform", environment: "dev" } });
    expect(findingsOf(configuredTags, [tagged], config).status).toBe("passed");
    const untagged = resource("aws:ec2/subnet:Subnet", "subnet", { tags: { owner: "someone" } });
    expect(findingsOf(configuredTags, [tagged, untagged], config).findings.map((f) => f.message)).toEqual([
      "subnet lacks tags owner=platform, environment",
    ]);
  });

  it("is not applicable when no tags are configured", () => {
    expect(findingsOf(configuredTags, [resource(TYPES.vpc, "vpc", {})]).status).toBe("not applicable");
  });
});

describe("the pack", () => {
  const dir = path.resolve(__dirname, "../../policy");
  it("is usable as `pulumi preview --policy-pack policy`: PulumiPolicy.yaml, its own package.json, and metadata on every policy", () => {
    expect(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
    // Like Pulumi's policy templates: no "main", index.ts is the entry point (run through ts-node by the CLI).
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { main?: string; dependencies: Record<string, string> };
    const root = JSON.parse(fs.readFileSync(path.resolve(dir, "../package.json"), "utf8")) as { devDependencies: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.main).toBeUndefined();
    expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toContain('new PolicyPack("crdb-private-endpoints"');
    expect(pkg.dependencies["@pulumi/policy"]).toBe(root.devDependencies["@pulumi/policy"]);
    expect(pkg.dependencies["@pulumi/aws"]).toBe(root.devDependencies["@pulumi/aws"]);
    expect(new Set(policies.map((p) => p.name)).size).toBe(policies.length);
    for (const policy of policies) {
      expect(policy).toMatchObject({ severity: expect.any(String), remediationSteps: expect.any(String), url: expect.stringMatching(/^https:\/\//) });
    }
  });
});
