// Turns checked arguments and looked-up facts into a plain plan of what to build. Pure and synchronous: every
// validation that needs facts happens here, before the component registers anything.
import { cockroachTarget } from "../cockroach/target";
import type { InterfaceEndpointPlan, PlannedSubnet } from "./endpoint/interfaceEndpoint";
import { ProblemList } from "./errors";
import type { AwsPrivateLinkFacts, ClusterFacts, NetworkFacts } from "./facts";
import type { CheckedArgs } from "./planArgs";
import { hasSubnetBlock, subnetCidrForAz } from "./planCidrs";
import { broadSourceWarnings, planIngressRules } from "./planIngress";
import { noSharedAzProblem, noSupportedSubnetProblem } from "./planOverlap";
import { givenServiceOutlook, serviceOutlook, unknownClusterWarning } from "./planService";
import {
  containedSourceWarnings,
  nameTagWarnings,
  portWarnings,
  publicVpcCidrWarnings,
  singleAzWarnings,
} from "./planWarnings";
import { compareAzIds, sortedAzIds, subnetAzIds } from "./planZones";

export type { PlannedSubnet };

/**
 * The plan of one region: the interface endpoint path's part (vendor-neutral), and the CockroachDB target's. Its
 * `serviceAzIds` is undefined when the cluster's endpoint service is not AVAILABLE with AZs yet (absent, CREATING,
 * being created again): the endpoint then takes the candidates whose AZ the service reports at deploy time.
 */
export interface AwsPrivateLinkPlan extends InterfaceEndpointPlan {
  /** "" when `clusterIdUnknown`. */
  clusterId: string;
  /**
   * The cluster's ID was an output with no value yet (a preview of a deployment that creates the cluster): the plan
   * is conservative, and the constructor takes the ID from its `clusterId` option.
   */
  clusterIdUnknown?: boolean;
  /** The endpoint service the user gave (`serviceName`); absent means the one `PrivateEndpointServices` reports. */
  serviceName?: string;
  /** The host to connect to over the endpoint: the region's `internalDns` ("" when the cluster is not known yet). */
  privateSqlHost: string;
  /** Things the user should know that do not stop the deployment. */
  warnings: string[];
}

const UNUSABLE_CLUSTER_STATES = ["DELETED", "CREATION_FAILED"];

/**
 * Plans one region. `facts` has no cluster when `args.clusterIdUnknown` (looked up with `lookupNetworkFacts`): the
 * cluster's checks are then left to `pulumi up`, and the endpoint's AZs to deploy time unless `serviceAzIds` is given.
 */
export function planAwsPrivateLink(name: string, args: CheckedArgs, facts: AwsPrivateLinkFacts | NetworkFacts): AwsPrivateLinkPlan {
  const problems = new ProblemList();
  const warnings: string[] = [];
  const { region } = facts;
  const cluster = "cluster" in facts && !args.clusterIdUnknown ? facts.cluster : undefined;
  const clusterRegion = cluster ? checkCluster(args, cluster, region, problems) : undefined;

  const candidates = args.vpcId === undefined ? "one subnet per AZ of the account" : "the given subnets";
  if (!cluster) warnings.push(unknownClusterWarning(region, candidates));
  let serviceAzIds: string[] | undefined;
  if (args.serviceName !== undefined) {
    const given = givenServiceOutlook(region, args.serviceName, args.serviceAzIds, candidates);
    serviceAzIds = given.azIds;
    if (given.warning && cluster) warnings.push(given.warning);
    for (const problem of given.problems) problems.addProblem(problem);
  } else if (cluster) {
    const outlook = serviceOutlook(cluster, region, (facts as AwsPrivateLinkFacts).service, candidates);
    serviceAzIds = outlook.azIds;
    // Not for a cluster already refused above: its service is beside the point.
    if (cluster.cloudProvider === "AWS" && cluster.plan !== "BASIC" && clusterRegion) {
      if (outlook.warning) warnings.push(outlook.warning);
      if (outlook.problem) problems.addProblem(outlook.problem);
    }
  }

  const vpc = args.vpcCidrBlock !== undefined ? planNewVpc(args, facts, serviceAzIds, problems, warnings) : undefined;
  const existing = args.vpcId !== undefined ? planExistingVpc(args, facts, serviceAzIds, problems, warnings) : undefined;
  const vpcCidr = args.vpcCidrBlock ?? facts.vpc?.cidrBlock ?? "";
  if (args.allowedCidrs) warnings.push(...broadSourceWarnings(args.allowedCidrs, args.port));
  warnings.push(
    ...portWarnings(args.port),
    ...nameTagWarnings(args.tags),
    ...containedSourceWarnings(args.allowedCidrs ?? []),
    ...(args.vpcId === undefined
      ? publicVpcCidrWarnings("vpc.cidrBlock", args.vpcCidrBlock)
      : publicVpcCidrWarnings(`${args.vpcId}'s CIDR block`, facts.vpc?.cidrBlock)),
    ...singleAzWarnings(args.vpcId, existing ?? [], serviceAzIds),
  );

  problems.throwIfAny(name);
  return {
    clusterId: args.clusterId,
    ...(cluster ? {} : { clusterIdUnknown: true }),
    ...(args.serviceName === undefined ? {} : { serviceName: args.serviceName }),
    region,
    vpcCidrBlock: args.vpcCidrBlock,
    vpcId: args.vpcId,
    subnets: vpc ?? existing ?? [],
    serviceAzIds,
    ingressRules: planIngressRules(args.allowedCidrs ?? [vpcCidr], args.allowedSecurityGroupIds, args.port),
    port: args.port,
    privateDns: args.privateDns,
    tags: args.tags,
    privateSqlHost: cluster ? cockroachTarget.privateHost(clusterRegion) : "",
    warnings,
  };
}

/** The cluster's own checks (cloud, plan, state, region); returns the cluster's region when it has `region`. */
function checkCluster(
  args: CheckedArgs,
  cluster: ClusterFacts,
  region: string,
  problems: ProblemList,
): ClusterFacts["regions"][number] | undefined {
  if (cluster.cloudProvider !== "AWS") {
    problems.add(
      "clusterId",
      args.clusterId,
      `is a ${cluster.cloudProvider} cluster`,
      "an AWS cluster (AWS PrivateLink reaches clusters on AWS only)",
    );
  }
  if (cluster.plan === "BASIC") {
    problems.add(
      "clusterId",
      args.clusterId,
      "is a BASIC cluster, and CockroachDB Basic has no private connectivity",
      "a STANDARD or ADVANCED cluster (private endpoints are available on Standard and Advanced)",
    );
  }
  if (UNUSABLE_CLUSTER_STATES.includes(cluster.state)) {
    problems.add("clusterId", args.clusterId, `the cluster is ${cluster.state}`, "a cluster that exists (CREATED)");
  }
  const clusterRegion = cluster.regions.find((r) => r.name === region);
  if (!clusterRegion) {
    problems.add(
      "region",
      region,
      `cluster ${cluster.name} has no region ${region}`,
      `one of the cluster's regions: ${cluster.regions.map((r) => r.name).join(", ") || "(none)"}`,
    );
  }
  return clusterRegion;
}

/** One new subnet per AZ both the service (when known) and the account have. Shared by every target's plan. */
export function planNewVpc(
  args: Pick<CheckedArgs, "vpcCidrBlock">,
  facts: Pick<NetworkFacts, "region" | "accountAzIds">,
  serviceAzIds: string[] | undefined,
  problems: ProblemList,
  warnings: string[],
): PlannedSubnet[] {
  const azIds = subnetAzIds(serviceAzIds, facts.accountAzIds);
  const outsideRule = azIds.filter((azId) => !hasSubnetBlock(azId));
  if (outsideRule.length > 0) warnings.push(`No subnet in ${outsideRule.join(", ")}: the CIDR rule covers -az1 to -az16.`);
  const usable = azIds.filter(hasSubnetBlock);
  if (usable.length === 0) problems.addProblem(noSharedAzProblem(facts.region, serviceAzIds, sortedAzIds(facts.accountAzIds)));
  return usable.map((azId) => ({ azId, cidrBlock: subnetCidrForAz(args.vpcCidrBlock as string, azId) }));
}

/**
 * The given subnets, checked against the VPC, one per AZ, narrowed to the service's AZs when known. Shared by every
 * target's plan.
 */
export function planExistingVpc(
  args: Pick<CheckedArgs, "privateDns" | "subnetIds">,
  facts: Pick<NetworkFacts, "vpc" | "subnets">,
  serviceAzIds: string[] | undefined,
  problems: ProblemList,
  warnings: string[],
): PlannedSubnet[] {
  const vpc = facts.vpc;
  const subnets = facts.subnets ?? [];
  if (vpc && args.privateDns) {
    for (const flag of ["enableDnsSupport", "enableDnsHostnames"] as const) {
      if (!vpc[flag]) {
        problems.add(
          "vpc.vpcId",
          vpc.id,
          `the VPC has ${flag} turned off, and private DNS needs it on`,
          `a VPC with ${flag} on: run \`aws ec2 modify-vpc-attribute --vpc-id ${vpc.id} ` +
            `--${flag === "enableDnsSupport" ? "enable-dns-support" : "enable-dns-hostnames"} "{\\"Value\\":true}"\`, ` +
            `or set privateDns to false and connect with the endpoint's own DNS names`,
        );
      }
    }
  }

  const byAz = new Map<string, string>();
  subnets.forEach((subnet, i) => {
    if (vpc && subnet.vpcId !== vpc.id) {
      problems.add(`vpc.subnetIds[${i}]`, subnet.id, `the subnet is in ${subnet.vpcId}`, `subnets of ${vpc.id}`);
    }
    const other = byAz.get(subnet.availabilityZoneId);
    if (other !== undefined) {
      problems.add(
        `vpc.subnetIds[${i}]`,
        subnet.id,
        `it is in ${subnet.availabilityZoneId}, like ${other}`,
        "at most one subnet per availability zone (an interface endpoint takes one per AZ)",
      );
    } else {
      byAz.set(subnet.availabilityZoneId, subnet.id);
    }
  });

  const candidates = [...byAz]
    .map(([azId, subnetId]) => ({ azId, subnetId }))
    .sort((a, b) => compareAzIds(a.azId, b.azId));
  if (serviceAzIds === undefined) return candidates;

  const supported = new Set(serviceAzIds);
  const usable = candidates.filter((c) => supported.has(c.azId));
  const unused = candidates.filter((c) => !supported.has(c.azId));
  if (candidates.length > 0 && usable.length === 0) {
    problems.addProblem(noSupportedSubnetProblem(args.subnetIds, candidates, serviceAzIds));
  } else if (unused.length > 0) {
    warnings.push(
      `Not using ${unused.map((c) => `${c.subnetId} (${c.azId})`).join(", ")}: ` +
        `the cluster's endpoint service is only in ${serviceAzIds.join(", ")}.`,
    );
  }
  return usable;
}
