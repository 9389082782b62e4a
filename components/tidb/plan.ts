// Turns checked arguments and looked-up facts into a plain plan: the interface endpoint path's part, built with the
// same pure planners as AwsPrivateLink's (subnets per AZ, CIDR blocks, ingress rules, warnings), and TiDB's part
// (service, host, port, an endpoint already in the VPC). Pure and synchronous; every problem at once.
import type { InterfaceEndpointPlan } from "../aws/endpoint/interfaceEndpoint";
import type { ArgumentProblem } from "../aws/errors";
import { planExistingVpc, planNewVpc } from "../aws/plan";
import { broadSourceWarnings, planIngressRules } from "../aws/planIngress";
import { containedSourceWarnings, nameTagWarnings, publicVpcCidrWarnings, singleAzWarnings } from "../aws/planWarnings";
import type { ExistingVpcEndpoint } from "../aws/vpcEndpointsToService";
import { ProblemList } from "../aws/errors";
import { TidbPrivateLinkArgumentError } from "./errors";
import type { TidbPrivateLinkFacts } from "./facts";
import type { CheckedTidbArgs } from "./planArgs";
import { givenServiceProblems, serviceOfCluster, type TidbService } from "./service";
import { tidbTarget } from "./target";
import { serviceAzIdsOf } from "./zones";

/** The tag that marks the endpoint (and every resource) as this component's, so a later preview does not take it for a stranger's. */
export const OWNER_TAG = "crdb-private-endpoints:owner";

export interface TidbPrivateLinkPlan extends InterfaceEndpointPlan {
  /** Always known at plan time for TiDB. */
  serviceAzIds: string[];
  clusterId?: string;
  serviceName: string;
  /** The host clients connect to (resolves to the endpoint inside the VPC with private DNS on). */
  privateHost: string;
  /** The prefix of SQL user names (`<prefix>.root`), when the API reported it. */
  userPrefix?: string;
  /** Set when the VPC's existing endpoint is used (`existingEndpoint: reuse`): no endpoint, security group or subnet is created. */
  reusedEndpointId?: string;
  warnings: string[];
}

export function planTidbPrivateLink(name: string, args: CheckedTidbArgs, facts: TidbPrivateLinkFacts, owner: string): TidbPrivateLinkPlan {
  const problems = new ProblemList();
  const warnings: string[] = [];
  const { region } = facts;

  const service = serviceFor(args, facts, problems);
  const zones = service ? serviceAzIdsOf(args.service ? "service.availabilityZones" : "clusterId", service.availabilityZones, region, facts.accountZones) : undefined;
  zones?.problems.forEach((p) => problems.addProblem(args.service ? p : { ...p, argument: "clusterId", value: args.clusterId, reason: `the service's zone ${JSON.stringify(p.value)} is ${p.reason}` }));
  // Unknown when the service is unusable (already reported): the subnet planners then raise nothing about AZs.
  const serviceAzIds = zones?.azIds;
  const port = args.portGiven || !service ? args.port : service.port;
  if (service && port !== service.port) {
    warnings.push(
      `port is ${port}, but the TiDB service serves on ${service.port}: the security group opens TCP ${port} only, so ` +
        `clients connecting over the endpoint will be refused. Leave port unset to use the service's.`,
    );
  }

  const accountAzIds = facts.accountZones.zoneIds;
  const subnets =
    args.vpcCidrBlock !== undefined
      ? planNewVpc(args, { region, accountAzIds }, serviceAzIds, problems, warnings)
      : planExistingVpc(args, facts, serviceAzIds, problems, warnings);

  const reusedEndpointId = service ? existingEndpointDecision(args, facts.endpointsInVpc ?? [], owner, service, problems, warnings) : undefined;

  const vpcCidr = args.vpcCidrBlock ?? facts.vpc?.cidrBlock ?? "";
  if (args.allowedCidrs) warnings.push(...broadSourceWarnings(args.allowedCidrs, port, tidbTarget.protocol));
  warnings.push(
    ...nameTagWarnings(args.tags),
    ...containedSourceWarnings(args.allowedCidrs ?? []),
    ...(args.vpcId === undefined
      ? publicVpcCidrWarnings("vpc.cidrBlock", args.vpcCidrBlock)
      : publicVpcCidrWarnings(`${args.vpcId}'s CIDR block`, facts.vpc?.cidrBlock)),
    ...(reusedEndpointId ? [] : singleAzWarnings(args.vpcId, args.vpcId ? subnets : [], serviceAzIds)),
  );
  if (!args.privateDns) {
    warnings.push(
      `privateDns is false: ${service?.host ?? "the service's host"} will not resolve to the endpoint, and TLS with ` +
        `host verification (ssl-mode=VERIFY_IDENTITY) needs that name. Connect through the endpoint's own DNS names only if you must.`,
    );
  }

  if (problems.problems.length > 0) throw new TidbPrivateLinkArgumentError(name, problems.problems);
  const s = service as TidbService;
  return {
    region,
    vpcCidrBlock: args.vpcCidrBlock,
    vpcId: args.vpcId,
    subnets,
    serviceAzIds: serviceAzIds as string[],
    ingressRules: planIngressRules(args.allowedCidrs ?? [vpcCidr], args.allowedSecurityGroupIds, port, tidbTarget.protocol),
    port,
    privateDns: args.privateDns,
    // User tags win over Name, never over the owner mark: without it, the next preview would refuse our own endpoint.
    tags: { ...args.tags, [OWNER_TAG]: owner },
    clusterId: args.clusterId,
    serviceName: s.serviceName,
    privateHost: tidbTarget.privateHost(s),
    userPrefix: s.userPrefix,
    reusedEndpointId,
    warnings,
  };
}

function serviceFor(args: CheckedTidbArgs, facts: TidbPrivateLinkFacts, problems: ProblemList): TidbService | undefined {
  if (facts.givenService) {
    const found = givenServiceProblems(facts.givenService, facts.region);
    found.forEach((p) => problems.addProblem(p));
    return found.some((p) => p.argument === "service.serviceName") ? undefined : facts.givenService;
  }
  if (!facts.cluster) return undefined;
  const { service, problems: found } = serviceOfCluster(facts.cluster, facts.region);
  found.forEach((p) => problems.addProblem(p));
  return found.length > 0 ? undefined : service;
}

/**
 * TiDB allows one endpoint per VPC and region (a second one's private DNS domain conflicts). An endpoint to the
 * service that is not ours (no owner tag of ours) is refused, or reused when the arguments say so.
 */
function existingEndpointDecision(
  args: CheckedTidbArgs,
  endpoints: readonly ExistingVpcEndpoint[],
  owner: string,
  service: TidbService,
  problems: ProblemList,
  warnings: string[],
): string | undefined {
  const strangers = endpoints.filter((e) => e.tags[OWNER_TAG] !== owner);
  if (strangers.length === 0) return undefined;
  const listed = strangers.map((e) => `${e.id} (${e.state}, private DNS ${e.privateDnsEnabled ? "on" : "off"})`).join(", ");
  const problem = (reason: string, allowed: string): ArgumentProblem => ({ argument: "vpc.vpcId", value: args.vpcId, reason, allowed });
  if (args.existingEndpoint === "refuse") {
    problems.addProblem(
      problem(
        `the VPC already has an endpoint to ${service.serviceName}: ${listed}. TiDB Cloud allows one per VPC and region ` +
          `(it serves every TiDB Serverless cluster of the organization there); a second one fails with "conflicting DNS domain"`,
        `a VPC without an endpoint to this service, or existingEndpoint: reuse to use ${strangers[0]?.id}`,
      ),
    );
    return undefined;
  }
  if (strangers.length > 1) {
    problems.addProblem(problem(`the VPC has ${strangers.length} endpoints to ${service.serviceName}: ${listed}`, "one endpoint to reuse: delete the others"));
    return undefined;
  }
  const reused = strangers[0] as ExistingVpcEndpoint;
  if (!reused.privateDnsEnabled && args.privateDns) {
    warnings.push(
      `Reusing ${reused.id}, whose private DNS is off: ${service.host} will not resolve to it until private DNS is ` +
        `turned on (aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${reused.id} --private-dns-enabled).`,
    );
  }
  warnings.push(
    `Reusing ${reused.id}, not created by this stack: its security groups decide who may connect on port ${args.portGiven ? args.port : service.port}; ` +
      `allowedCidrs and allowedSecurityGroupIds are not applied to it.`,
  );
  return reused.id;
}
