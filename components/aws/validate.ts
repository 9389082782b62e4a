// Checks of single plain values, shared by the component (argument validation) and the program (stack config
// schema), so both reject the same values with the same words. Each check returns undefined when the value is
// fine, or what is wrong with it and what would be accepted.
import { Address4, Address6 } from "ip-address";

export interface Invalid {
  /** What is wrong, e.g. "host bits are set". */
  reason: string;
  /** What would be accepted, e.g. "an IPv4 CIDR block such as 10.40.0.0/16". */
  allowed: string;
}

export type Check<T = unknown> = (value: T) => Invalid | undefined;

/** What a string check accepts. Every one of them rejects "", which makes it say. */
export function allowedBy(check: Check<string>): string {
  return check("")?.allowed ?? "a string";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Partition prefixes (us, eu, ap, ...; us-gov, cn, us-iso...) then a direction and a number: us-east-1, ap-southeast-2.
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const AWS_ID = (prefix: string) => new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);
const SECURITY_GROUP_ID = AWS_ID("sg");
const SUBNET_ID = AWS_ID("subnet");
const VPC_ID = AWS_ID("vpc");

/** Prefix lengths a created VPC may have: the subnet rule cuts it into 16 blocks, each at least a /28 (AWS's minimum). */
export const VPC_PREFIX_MIN = 16;
export const VPC_PREFIX_MAX = 24;

export const checkClusterId: Check<string> = (value) =>
  UUID.test(value)
    ? undefined
    : { reason: "not a cluster ID", allowed: "the cluster's UUID, e.g. 1f69fdd2-600a-4cfc-a9ba-16995df0d77d" };

export const checkAwsRegion: Check<string> = (value) =>
  AWS_REGION.test(value) ? undefined : { reason: "not an AWS region code", allowed: "an AWS region code such as us-east-1" };

export const checkSecurityGroupId: Check<string> = (value) =>
  SECURITY_GROUP_ID.test(value)
    ? undefined
    : { reason: "not a security group ID", allowed: "a security group ID such as sg-0123456789abcdef0" };

export const checkSubnetId: Check<string> = (value) =>
  SUBNET_ID.test(value) ? undefined : { reason: "not a subnet ID", allowed: "a subnet ID such as subnet-0123456789abcdef0" };

export const checkVpcId: Check<string> = (value) =>
  VPC_ID.test(value) ? undefined : { reason: "not a VPC ID", allowed: "a VPC ID such as vpc-0123456789abcdef0" };

export const checkPort: Check<number> = (value) =>
  Number.isInteger(value) && value >= 1 && value <= 65535
    ? undefined
    : { reason: "not a TCP port", allowed: "an integer from 1 to 65535 (CockroachDB SQL listens on 26257)" };

/** Any IPv4 CIDR block in canonical form (network address, no host bits): a source allowed to connect. */
export const checkSourceCidr: Check<string> = (value) => checkIpv4Cidr(value, 0, 32, "an IPv4 CIDR block such as 10.0.0.0/8");

/**
 * Ranges AWS refuses for a VPC's CIDR block, and what they are. Each is /16 or wider and a VPC here is /16 to /24,
 * so a VPC is either inside one of them or clear of all.
 */
const VPC_FORBIDDEN_RANGES: readonly (readonly [range: string, what: string])[] = [
  ["0.0.0.0/8", '"this network"'],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
];

/** The CIDR of a VPC this component creates: canonical IPv4, prefix /16 to /24, in a range AWS allows for a VPC. */
export const checkVpcCidr: Check<string> = (value) => {
  const invalid = checkIpv4Cidr(
    value,
    VPC_PREFIX_MIN,
    VPC_PREFIX_MAX,
    `an IPv4 CIDR block from /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX}, such as 10.40.0.0/16`,
  );
  if (invalid) return invalid;
  const vpc = new Address4(value);
  const forbidden = VPC_FORBIDDEN_RANGES.find(([range]) => vpc.isInSubnet(new Address4(range)));
  if (!forbidden) return undefined;
  return {
    reason: `is in ${forbidden[0]} (${forbidden[1]}), which AWS does not allow for a VPC`,
    allowed: `a private range from /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX}, such as 10.0.0.0/16, 172.16.0.0/16 or 192.168.0.0/16`,
  };
};

function checkIpv4Cidr(value: string, minPrefix: number, maxPrefix: number, allowed: string): Invalid | undefined {
  if (!value.includes("/")) return { reason: "has no prefix length", allowed };
  if (Address6.isValid(value)) return { reason: "is IPv6; the endpoint is reached over IPv4 only", allowed };
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value) || !Address4.isValid(value)) {
    return { reason: "not an IPv4 CIDR block", allowed };
  }
  const address = new Address4(value);
  if (address.subnetMask < minPrefix || address.subnetMask > maxPrefix) {
    return { reason: `prefix /${address.subnetMask} is out of range`, allowed };
  }
  const network = canonicalCidr(value);
  if (network !== value) return { reason: `host bits are set (the network is ${network})`, allowed };
  return undefined;
}

/** "10.40.1.5/16" -> "10.40.0.0/16". The value must be a valid IPv4 CIDR block. */
export function canonicalCidr(value: string): string {
  const address = new Address4(value);
  return `${address.startAddress().correctForm()}/${address.subnetMask}`;
}

// AWS tag rules: https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;
/** AWS allows 50 tags per resource; the component adds `Name`. */
export const TAGS_MAX = 49;

export const checkTagKey: Check<string> = (key) => {
  const allowed = `a tag key of 1 to ${TAG_KEY_MAX} characters not starting with "aws:"`;
  if (key.length === 0 || key.length > TAG_KEY_MAX) return { reason: `the key is empty or longer than ${TAG_KEY_MAX}`, allowed };
  if (key.toLowerCase().startsWith("aws:")) return { reason: 'the key starts with "aws:", which AWS reserves', allowed };
  return undefined;
};

export const checkTagValue: Check<unknown> = (value) =>
  typeof value === "string" && value.length <= TAG_VALUE_MAX
    ? undefined
    : { reason: "not a tag value", allowed: `a string of at most ${TAG_VALUE_MAX} characters` };
