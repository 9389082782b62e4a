// The pack's policies. Import-safe: constructing a `PolicyPack` starts the analyzer server, so only index.ts does
// that; tests and the offline plan import this file. Each policy has a severity, remediation steps and a URL.
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { validateResourceOfType } from "@pulumi/policy";
// Deep imports: the classes are only used for their type tokens, and the whole of @pulumi/aws is slow to load.
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { SecurityGroupRule } from "@pulumi/aws/ec2/securityGroupRule";
import { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import {
  DEFAULT_DATABASE_PORT,
  inlineIngressPermissions,
  isOpenAllowListEntry,
  missingTags,
  openSourcesTo,
  securityGroupRulePermission,
  vpcIngressRulePermission,
} from "./rules";

export const TYPES = {
  vpc: "aws:ec2/vpc:Vpc",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  endpointPrivateDns: "aws:vpc/endpointPrivateDns:EndpointPrivateDns",
  services: "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices",
  connection: "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection",
  allowList: "pulumi-nodejs:dynamic/cockroach:AllowList",
} as const;

/** AWS resource types this project tags. */
export const TAGGED_TYPES: readonly string[] = [
  TYPES.vpc,
  "aws:ec2/subnet:Subnet",
  "aws:ec2/securityGroup:SecurityGroup",
  TYPES.vpcEndpoint,
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
];

/**
 * Policy configuration (`pulumi preview --policy-pack-config`). Every setting is optional here: the analyzer itself
 * hands a policy `{}` when none is configured, so each policy applies its schema's default on its own.
 */
export interface DatabasePortConfig {
  port?: number;
}
export interface OpenAllowListConfig {
  acknowledgeOpenAllowList?: boolean;
}
export interface EndpointZonesConfig {
  minZones?: number;
}
export interface RequiredTagsConfig {
  requiredTags?: Record<string, string>;
}

const portOf = (args: { getConfig<T extends object>(): T }) => args.getConfig<DatabasePortConfig>().port ?? DEFAULT_DATABASE_PORT;

const DEFAULT_MIN_ZONES = 2;
const portSchema = { port: { type: "integer", minimum: 1, maximum: 65535, default: DEFAULT_DATABASE_PORT } } as const;

export const noPublicDatabaseIngress: ResourceValidationPolicy = {
  name: "crdb-no-public-database-ingress",
  displayName: "Database port not open to the internet",
  description: "No security group ingress from 0.0.0.0/0 or ::/0 may reach the database port.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Allow only the sources that need the database: set crdb-private-endpoints:allowedCidrs to your VPC or " +
    "application CIDR blocks, or use allowedSecurityGroupIds. Remove rules whose source is 0.0.0.0/0 or ::/0 " +
    "and whose port range (or protocol -1/all) includes the database port.",
  url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
  configSchema: { properties: portSchema },
  validateResource: [
    validateResourceOfType(SecurityGroup, (group, args, report) => {
      const port = portOf(args);
      for (const permission of inlineIngressPermissions(group.ingress as Record<string, unknown>[] | undefined)) {
        reportOpen(openSourcesTo(permission, port), port, "an inline ingress block", report);
      }
    }),
    validateResourceOfType(SecurityGroupIngressRule, (rule, args, report) => {
      const port = portOf(args);
      reportOpen(openSourcesTo(vpcIngressRulePermission(rule as Record<string, unknown>), port), port, "the rule", report);
    }),
    validateResourceOfType(SecurityGroupRule, (rule, args, report) => {
      const port = portOf(args);
      const permission = securityGroupRulePermission(rule as Record<string, unknown>);
      if (permission) reportOpen(openSourcesTo(permission, port), port, "the rule", report);
    }),
  ],
};

function reportOpen(sources: string[], port: number, where: string, report: ReportViolation): void {
  for (const source of sources) report(`${where} admits ${source} (the whole internet) on the database port ${port}`);
}

export const privateDnsAfterRegistration: StackValidationPolicy = {
  name: "crdb-endpoint-private-dns",
  displayName: "Private DNS on every CockroachDB endpoint",
  description:
    "Every interface endpoint to a CockroachDB service gets private DNS through an EndpointPrivateDns that " +
    "depends on the endpoint's CockroachDB registration.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Keep crdb-private-endpoints:privateDns true (the default). In your own program, create an " +
    "aws.vpc.EndpointPrivateDns with privateDnsEnabled: true for the endpoint, with dependsOn the " +
    "PrivateEndpointConnection: AWS refuses private DNS until CockroachDB has accepted the endpoint.",
  url: "https://www.cockroachlabs.com/docs/cockroachcloud/aws-privatelink",
  validateStack: (args: StackValidationArgs, report: ReportViolation) => {
    const endpoints = cockroachEndpoints(args.resources);
    if (endpoints.length === 0) args.notApplicable("no interface endpoint to a CockroachDB service");
    for (const endpoint of endpoints) {
      const dns = args.resources.filter((r) => r.type === TYPES.endpointPrivateDns && dependsVia(r, "vpcEndpointId", endpoint));
      const enabled = dns.filter((r) => r.props.privateDnsEnabled === true);
      if (enabled.length === 0) {
        report(`endpoint ${endpoint.name} has no EndpointPrivateDns with privateDnsEnabled: true`, endpoint.urn);
        continue;
      }
      const registrations = registrationsOf(args.resources, endpoint);
      for (const resource of enabled) {
        const waits = registrations.some((c) => resource.dependencies.some((d) => d.urn === c.urn));
        if (!waits) {
          report(`${resource.name} turns on private DNS without depending on the CockroachDB registration of ${endpoint.name}`, resource.urn);
        }
      }
    }
  },
};

export const vpcDnsForEndpoints: StackValidationPolicy = {
  name: "crdb-vpc-dns-attributes",
  displayName: "DNS support and hostnames on VPCs with CockroachDB endpoints",
  description: "A VPC holding an interface endpoint to a CockroachDB service has enableDnsSupport and enableDnsHostnames on.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set enableDnsSupport: true and enableDnsHostnames: true on the VPC (the program does for VPCs it creates); " +
    "for an existing VPC: aws ec2 modify-vpc-attribute --enable-dns-support / --enable-dns-hostnames.",
  url: "https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support",
  validateStack: (args, report) => {
    const endpoints = cockroachEndpoints(args.resources);
    const vpcs = new Map<string, PolicyResource>();
    for (const endpoint of endpoints) {
      for (const vpc of endpoint.propertyDependencies.vpcId ?? []) if (vpc.type === TYPES.vpc) vpcs.set(vpc.urn, vpc);
    }
    if (vpcs.size === 0) args.notApplicable("no VPC in this stack holds a CockroachDB endpoint");
    for (const vpc of vpcs.values()) {
      // AWS defaults: DNS support on, DNS hostnames off.
      if (vpc.props.enableDnsSupport === false) report(`VPC ${vpc.name} has enableDnsSupport off`, vpc.urn);
      if (vpc.props.enableDnsHostnames !== true) report(`VPC ${vpc.name} has enableDnsHostnames off`, vpc.urn);
    }
  },
};

export const noOpenAllowList: ResourceValidationPolicy = {
  name: "crdb-no-open-allowlist",
  displayName: "No CockroachDB allowlist entry open to everyone",
  description: "No CockroachDB IP allowlist entry 0.0.0.0/0 unless acknowledged in the policy config.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "List the CIDR blocks that need the cluster's public endpoint instead of 0.0.0.0/0. If the cluster must be " +
    'open, acknowledge it: policy config { "crdb-no-open-allowlist": { "acknowledgeOpenAllowList": true } }.',
  url: "https://www.cockroachlabs.com/docs/cockroachcloud/network-authorization",
  configSchema: { properties: { acknowledgeOpenAllowList: { type: "boolean", default: false } } },
  validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
    if (args.type !== TYPES.allowList) args.notApplicable(`Policy only applies to resources of type '${TYPES.allowList}'`);
    if (args.getConfig<OpenAllowListConfig>().acknowledgeOpenAllowList) return;
    if (isOpenAllowListEntry(args.props)) report(`allowlist entry ${args.props.cidrIp}/${args.props.cidrMask} admits every IPv4 address`);
  },
};

export const endpointSpansZones: ResourceValidationPolicy = {
  name: "crdb-endpoint-multi-az",
  displayName: "Endpoint in at least two AZs",
  description: "An interface endpoint spans at least two Availability Zones, so one AZ outage does not cut the database off.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Give the endpoint subnets in two or more of the AZ IDs the cluster's endpoint service supports (with an " +
    "existing VPC: add subnets in those AZ IDs to vpc.subnetIds).",
  url: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
  configSchema: { properties: { minZones: { type: "integer", minimum: 1, default: DEFAULT_MIN_ZONES } } },
  validateResource: validateResourceOfType(VpcEndpoint, (endpoint, args, report) => {
    if (endpoint.vpcEndpointType !== "Interface") return;
    const minZones = args.getConfig<EndpointZonesConfig>().minZones ?? DEFAULT_MIN_ZONES;
    // The list is known at preview even when its subnet IDs are not.
    const zones = (endpoint.subnetIds as unknown[] | undefined)?.length ?? 0;
    if (zones < minZones) report(`endpoint ${args.name} spans ${zones} AZ${zones === 1 ? "" : "s"}; at least ${minZones} recommended`);
  }),
};

export const configuredTags: ResourceValidationPolicy = {
  name: "crdb-required-tags",
  displayName: "Configured tags on every tagged resource",
  description: "The AWS resources this project creates carry the configured tags.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set the tags in crdb-private-endpoints:tags (or the region entry's tags); they are applied to every AWS resource.",
  url: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html",
  configSchema: { properties: { requiredTags: { type: "object", additionalProperties: { type: "string" }, default: {} } } },
  validateResource: (args, report) => {
    if (!TAGGED_TYPES.includes(args.type)) args.notApplicable("not a type this project tags");
    const requiredTags = args.getConfig<RequiredTagsConfig>().requiredTags ?? {};
    if (Object.keys(requiredTags).length === 0) args.notApplicable("no required tags configured");
    const missing = missingTags(args.props.tags as Record<string, unknown> | undefined, requiredTags);
    if (missing.length > 0) report(`${args.name} lacks tag${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`);
  },
};

export const policies = [
  noPublicDatabaseIngress,
  privateDnsAfterRegistration,
  vpcDnsForEndpoints,
  noOpenAllowList,
  endpointSpansZones,
  configuredTags,
];

/** Interface endpoints to a CockroachDB service: their service name comes from, or a registration names, them. */
function cockroachEndpoints(resources: PolicyResource[]): PolicyResource[] {
  return resources.filter(
    (r) =>
      r.type === TYPES.vpcEndpoint &&
      r.props.vpcEndpointType === "Interface" &&
      ((r.propertyDependencies.serviceName ?? []).some((d) => d.type === TYPES.services) ||
        registrationsOf(resources, r).length > 0),
  );
}

function registrationsOf(resources: PolicyResource[], endpoint: PolicyResource): PolicyResource[] {
  return resources.filter((r) => r.type === TYPES.connection && dependsVia(r, "endpointId", endpoint));
}

function dependsVia(resource: PolicyResource, property: string, on: PolicyResource): boolean {
  return (resource.propertyDependencies[property] ?? []).some((d) => d.urn === on.urn);
}
