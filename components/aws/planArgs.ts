// Checks the arguments on their own (no lookups yet) and fills in defaults that need no facts. Runs first, so a
// typo fails at once, without touching the network.
import { cockroachTarget } from "../cockroach/target";
import type { AwsPrivateLinkArgs } from "./args";
import { ProblemList } from "./errors";
import { INGRESS_RULES_MAX } from "./planIngress";
import {
  allowedBy,
  type Check,
  checkAwsRegion,
  checkClusterId,
  checkPort,
  checkSourceCidr,
  checkVpcCidr,
} from "../core/checks";
import { checkAzId } from "../core/checks";
import {
  checkEndpointServiceName,
  checkSecurityGroupId,
  checkSubnetId,
  checkTagKey,
  checkTagValue,
  checkVpcId,
  TAGS_MAX,
} from "./validate";

/** The port of the target, CockroachDB's SQL port. */
export const DEFAULT_PORT = cockroachTarget.port;

/** Arguments after validation and the defaults that need no lookup. */
export interface CheckedArgs {
  /** Lower-cased; "" when `clusterIdUnknown`. */
  clusterId: string;
  /** The cluster's ID is an output not known yet (a preview of a deployment that creates the cluster). */
  clusterIdUnknown?: boolean;
  /** The endpoint service given instead of looked up, and its AZ IDs if given. */
  serviceName?: string;
  serviceAzIds?: string[];
  region?: string;
  /** Set when the component creates the VPC. */
  vpcCidrBlock?: string;
  /** Set (with `subnetIds`) when the component uses an existing VPC. */
  vpcId?: string;
  subnetIds?: string[];
  /** Undefined means the default: the VPC's CIDR block, known once the VPC is. */
  allowedCidrs?: string[];
  allowedSecurityGroupIds: string[];
  port: number;
  privateDns: boolean;
  tags: Record<string, string>;
}

/**
 * Validates every argument and throws `AwsPrivateLinkArgumentError` listing all problems found. `clusterId` must be
 * a plain string here (`AwsPrivateLink.prepare` resolves an output first), unless `options.clusterIdUnknown` says
 * it is an output with no value yet: it is then left unchecked.
 */
export function checkAwsPrivateLinkArgs(
  name: string,
  args: AwsPrivateLinkArgs,
  options: { clusterIdUnknown?: boolean } = {},
): CheckedArgs {
  const problems = new ProblemList();
  // Callers in JavaScript (or with config cast to the type) can pass anything: check types too.
  const raw = (args ?? {}) as unknown as Record<string, unknown>;

  // CockroachDB's cluster IDs are lower-case; the same cluster written in capitals must name the same resources.
  const clusterId = options.clusterIdUnknown
    ? ""
    : checkString(problems, "clusterId", lowerCased(raw.clusterId), checkClusterId);
  const service = checkGivenService(problems, raw);
  const network = checkInterfaceEndpointArgs(problems, raw, DEFAULT_PORT);

  problems.throwIfAny(name);
  return {
    clusterId: clusterId as string,
    ...(options.clusterIdUnknown ? { clusterIdUnknown: true } : {}),
    ...service,
    ...network,
  };
}

/** The checked arguments every target's interface endpoint takes: {@link CheckedArgs} less CockroachDB's own. */
export type CheckedEndpointArgs = Omit<CheckedArgs, "clusterId" | "clusterIdUnknown" | "serviceName" | "serviceAzIds">;

/**
 * Checks the vendor-neutral arguments of an interface endpoint component (region, vpc, allowedCidrs,
 * allowedSecurityGroupIds, port, privateDns, tags), adding every problem to `problems`. `defaultPort` is the target's.
 */
export function checkInterfaceEndpointArgs(
  problems: ProblemList,
  raw: Record<string, unknown>,
  defaultPort: number,
): CheckedEndpointArgs {
  const region = raw.region === undefined ? undefined : checkString(problems, "region", raw.region, checkAwsRegion);
  const vpc = checkVpc(problems, raw.vpc);
  const allowedCidrs =
    raw.allowedCidrs === undefined ? undefined : checkList(problems, "allowedCidrs", raw.allowedCidrs, checkSourceCidr);
  const allowedSecurityGroupIds =
    raw.allowedSecurityGroupIds === undefined
      ? []
      : checkList(problems, "allowedSecurityGroupIds", raw.allowedSecurityGroupIds, checkSecurityGroupId);
  if (allowedCidrs?.length === 0 && allowedSecurityGroupIds.length === 0) {
    problems.add(
      "allowedCidrs",
      [],
      "no source could connect (allowedSecurityGroupIds is empty too)",
      "at least one CIDR block or security group; leave allowedCidrs unset for the VPC's CIDR block",
    );
  }
  checkSourceCount(problems, allowedCidrs, allowedSecurityGroupIds);

  let port: number = defaultPort;
  if (raw.port !== undefined) {
    const invalid = checkPort(typeof raw.port === "number" ? raw.port : NaN);
    if (invalid) problems.add("port", raw.port, invalid.reason, invalid.allowed);
    else port = raw.port as number;
  }

  let privateDns = true;
  if (raw.privateDns !== undefined) {
    if (typeof raw.privateDns === "boolean") privateDns = raw.privateDns;
    else problems.add("privateDns", raw.privateDns, "not a boolean", "true or false");
  }

  const tags = checkTags(problems, raw.tags);
  return { region, ...vpc, allowedCidrs, allowedSecurityGroupIds, port, privateDns, tags };
}

/** One ingress rule per source, all in one security group: no more sources than AWS's default rule quota. */
function checkSourceCount(problems: ProblemList, allowedCidrs: string[] | undefined, allowedSecurityGroupIds: string[]): void {
  // Unset allowedCidrs means one source, the VPC's CIDR block.
  const cidrs = allowedCidrs?.length ?? 1;
  const groups = allowedSecurityGroupIds.length;
  if (cidrs + groups <= INGRESS_RULES_MAX) return;
  problems.add(
    allowedCidrs === undefined ? "allowedSecurityGroupIds" : "allowedCidrs",
    `${cidrs} CIDR block${cidrs === 1 ? "" : "s"} + ${groups} security group${groups === 1 ? "" : "s"}`,
    `allowedCidrs and allowedSecurityGroupIds give ${cidrs + groups} sources, one inbound rule each in one ` +
      `security group, more than the ${INGRESS_RULES_MAX} inbound rules AWS allows per security group by default`,
    `at most ${INGRESS_RULES_MAX} sources in all: remove some, or aggregate CIDR blocks into fewer, larger ones ` +
      `(the quota is adjustable in AWS Service Quotas, but this component keeps every rule in one security group ` +
      `and holds to the default)`,
  );
}

/** `serviceName`, and `serviceAzIds` with it: the endpoint service given instead of looked up. */
function checkGivenService(problems: ProblemList, raw: Record<string, unknown>): Pick<CheckedArgs, "serviceName" | "serviceAzIds"> {
  const serviceName =
    raw.serviceName === undefined ? undefined : checkString(problems, "serviceName", raw.serviceName, checkEndpointServiceName);
  if (raw.serviceAzIds === undefined) return serviceName === undefined ? {} : { serviceName };
  if (raw.serviceName === undefined) {
    problems.add("serviceAzIds", raw.serviceAzIds, "is only for a given serviceName", "serviceAzIds together with serviceName, or neither");
  }
  const serviceAzIds = checkList(problems, "serviceAzIds", raw.serviceAzIds, checkAzId);
  if (Array.isArray(raw.serviceAzIds) && raw.serviceAzIds.length === 0) {
    problems.add("serviceAzIds", [], "is empty", "the AZ IDs of the service in the region; leave it unset to read them at deploy time");
  }
  return serviceName === undefined ? {} : { serviceName, serviceAzIds };
}

function checkVpc(problems: ProblemList, value: unknown): Pick<CheckedArgs, "vpcCidrBlock" | "vpcId" | "subnetIds"> {
  const choice = "either cidrBlock (create a VPC) or vpcId with subnetIds (use an existing VPC)";
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.add("vpc", value, value === undefined ? "is required" : "not a map", choice);
    return {};
  }
  const vpc = value as Record<string, unknown>;
  for (const key of Object.keys(vpc)) {
    if (!["cidrBlock", "vpcId", "subnetIds"].includes(key)) {
      problems.add(`vpc.${key}`, vpc[key], "unknown field", "cidrBlock, vpcId, subnetIds");
    }
  }
  if (vpc.cidrBlock !== undefined && vpc.vpcId !== undefined) {
    problems.add("vpc", vpc, "sets both cidrBlock and vpcId", choice);
    return {};
  }
  if (vpc.cidrBlock !== undefined) {
    if (vpc.subnetIds !== undefined) {
      problems.add("vpc.subnetIds", vpc.subnetIds, "is only for an existing VPC (vpcId)", "no subnetIds with cidrBlock");
    }
    return { vpcCidrBlock: checkString(problems, "vpc.cidrBlock", vpc.cidrBlock, checkVpcCidr) };
  }
  if (vpc.vpcId !== undefined) {
    const vpcId = checkString(problems, "vpc.vpcId", vpc.vpcId, checkVpcId);
    if (vpc.subnetIds === undefined) {
      problems.add("vpc.subnetIds", undefined, "is required with vpcId", "subnets of the VPC, at most one per AZ");
      return { vpcId };
    }
    const subnetIds = checkList(problems, "vpc.subnetIds", vpc.subnetIds, checkSubnetId);
    if (Array.isArray(vpc.subnetIds) && vpc.subnetIds.length === 0) {
      problems.add("vpc.subnetIds", [], "is empty", "at least one subnet of the VPC");
    }
    return { vpcId, subnetIds };
  }
  problems.add("vpc", vpc, "sets neither cidrBlock nor vpcId", choice);
  return {};
}

function lowerCased(value: unknown): unknown {
  return typeof value === "string" ? value.toLowerCase() : value;
}

export function checkString(problems: ProblemList, argument: string, value: unknown, check: Check<string>): string | undefined {
  const allowed = allowedBy(check);
  if (value === undefined) {
    problems.add(argument, value, "is required", allowed);
    return undefined;
  }
  if (typeof value !== "string") {
    problems.add(argument, value, "not a string", allowed);
    return undefined;
  }
  const invalid = check(value);
  if (invalid) {
    problems.add(argument, value, invalid.reason, invalid.allowed);
    return undefined;
  }
  return value;
}

/** A list of distinct strings, each passing `check`. */
function checkList(problems: ProblemList, argument: string, value: unknown, check: Check<string>): string[] {
  if (!Array.isArray(value)) {
    problems.add(argument, value, "not a list", `a list, each ${allowedBy(check)}`);
    return [];
  }
  const seen = new Set<string>();
  const good: string[] = [];
  value.forEach((item, i) => {
    const ok = checkString(problems, `${argument}[${i}]`, item, check);
    if (ok === undefined) return;
    if (seen.has(ok)) {
      problems.add(`${argument}[${i}]`, ok, "is listed twice", "each value once");
      return;
    }
    seen.add(ok);
    good.push(ok);
  });
  return good;
}

function checkTags(problems: ProblemList, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.add("tags", value, "not a map", "a map of tag keys to string values");
    return {};
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > TAGS_MAX) {
    problems.add("tags", `${entries.length} tags`, "too many", `at most ${TAGS_MAX} tags (AWS allows 50 with Name)`);
  }
  const tags: Record<string, string> = {};
  for (const [key, tagValue] of entries) {
    const badKey = checkTagKey(key);
    if (badKey) problems.add("tags", key, badKey.reason, badKey.allowed);
    const badValue = checkTagValue(tagValue);
    if (badValue) problems.add(`tags.${key}`, tagValue, badValue.reason, badValue.allowed);
    if (!badKey && !badValue) tags[key] = tagValue as string;
  }
  return tags;
}
