// Each rule for a single plain value, defined once: the stack config schema (zod), the library's argument checks and
// the dynamic providers' `check` all call these, so they accept the same values and say the same words.
//
// Dependency-free on purpose: the providers run from their serialized text, which copies this module by value. So
// no imports at module level (a package is `require`d inside the function that needs it; a type import is erased),
// only literals and functions.

import type { Problem } from "./problem";

/** What a check says of a bad value: the `reason` and `allowed` of a {@link Problem}, whose caller knows the rest. */
export type Invalid = Pick<Problem, "reason" | "allowed">;

export type Check<T = unknown> = (value: T) => Invalid | undefined;

/** What a string check accepts. Every one of them rejects "", which makes it say. */
export function allowedBy(check: Check<string>): string {
  return check("")?.allowed ?? "a string";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An example the messages show, so every "not a cluster ID" reads the same. */
export const CLUSTER_ID_EXAMPLE = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d";

/** A CockroachDB Cloud cluster ID is a UUID (the API writes it in lower case; any case is accepted here). */
export function isClusterId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export const checkClusterId: Check<string> = (value) =>
  isClusterId(value) ? undefined : { reason: "not a cluster ID", allowed: `the cluster's UUID, e.g. ${CLUSTER_ID_EXAMPLE}` };

// Partition prefixes (us, eu, ap, ...; us-gov, cn, us-iso...) then a direction and a number: us-east-1, ap-southeast-2.
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export const checkAwsRegion: Check<string> = (value) =>
  AWS_REGION.test(value) ? undefined : { reason: "not an AWS region code", allowed: "an AWS region code such as us-east-1" };

// A regional AZ ID: region prefix, "-az", number. Local Zone and Wavelength IDs (use1-bos1-az1) do not match:
// endpoint services are not offered there, and their "-az1" would collide with the regional use1-az1.
const REGIONAL_AZ_ID = /^[a-z]+\d+-az(\d+)$/;

/** The number N of a regional AZ ID `xxxN-azN`, or undefined for any other string. */
export function azNumber(azId: string): number | undefined {
  const match = REGIONAL_AZ_ID.exec(azId);
  return match ? Number(match[1]) : undefined;
}

export const checkAzId: Check<string> = (value) =>
  azNumber(value) === undefined
    ? { reason: "not a regional AZ ID", allowed: "a regional AZ ID such as use1-az1 (not an AZ name such as us-east-1a)" }
    : undefined;

/**
 * The AZ ID prefix AWS uses for a region: us-east-1 -> use1, ap-southeast-2 -> apse2, us-gov-west-1 -> usgw1.
 * Compass points of two words keep two letters; every other word keeps its first letter.
 */
export function awsAzIdPrefix(region: string): string {
  const twoLetters: Record<string, string> = { northeast: "ne", northwest: "nw", southeast: "se", southwest: "sw" };
  const parts = region.split("-");
  const middle = parts.slice(1, -1).map((part) => twoLetters[part] ?? part.charAt(0));
  return `${parts[0] ?? ""}${middle.join("")}${parts.at(-1) ?? ""}`;
}

// "vpce-" and 8 or 17 hex digits in practice; anything from 8 to 17 is accepted, as EC2 has changed lengths before.
const AWS_VPC_ENDPOINT_ID = /^vpce-[0-9a-f]{8,17}$/;

export function isAwsVpcEndpointId(value: unknown): value is string {
  return typeof value === "string" && AWS_VPC_ENDPOINT_ID.test(value);
}

const AWS_ACCOUNT_ID = /^[0-9]{12}$/;

export function isAwsAccountId(value: unknown): value is string {
  return typeof value === "string" && AWS_ACCOUNT_ID.test(value);
}

export const checkAwsAccountId: Check<string> = (value) =>
  isAwsAccountId(value)
    ? undefined
    : { reason: "is not a 12-digit AWS account ID", allowed: 'a 12-digit AWS account ID in quotes, such as "012345678901"' };

function isPort(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 65535;
}

export const checkPort: Check<number> = (value) =>
  isPort(value) ? undefined : { reason: "not a TCP port", allowed: "an integer from 1 to 65535" };

/** Any IPv4 CIDR block in canonical form (network address, no host bits): a source allowed to connect. */
export const checkSourceCidr: Check<string> = (value) => checkIpv4Cidr(value, 0, 32, "an IPv4 CIDR block such as 10.0.0.0/8");

/** Prefix lengths a created VPC may have: the subnet rule cuts it into 16 blocks, each at least a /28 (AWS's minimum). */
const VPC_PREFIX_MIN = 16;
const VPC_PREFIX_MAX = 24;

/** IPv4 ranges no cloud network may use (AWS refuses them for a VPC, GCP for a subnet), with what each is. */
export const UNUSABLE_IPV4_RANGES: readonly (readonly [range: string, what: string])[] = [
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
  // Each unusable range is /16 or wider and a VPC here is /16 to /24, so a VPC is either inside one or clear of all.
  const { Address4 } = require("ip-address") as typeof import("ip-address");
  const vpc = new Address4(value);
  const forbidden = UNUSABLE_IPV4_RANGES.find(([range]) => vpc.isInSubnet(new Address4(range)));
  if (!forbidden) return undefined;
  return {
    reason: `is in ${forbidden[0]} (${forbidden[1]}), which AWS does not allow for a VPC`,
    allowed: `a private range from /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX}, such as 10.0.0.0/16, 172.16.0.0/16 or 192.168.0.0/16`,
  };
};

/** A canonical IPv4 CIDR block whose prefix length is from `minPrefix` to `maxPrefix`. */
export function checkIpv4Cidr(value: string, minPrefix: number, maxPrefix: number, allowed: string): Invalid | undefined {
  const { Address4, Address6 } = require("ip-address") as typeof import("ip-address");
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
  const { Address4 } = require("ip-address") as typeof import("ip-address");
  const address = new Address4(value);
  return `${address.startAddress().correctForm()}/${address.subnetMask}`;
}
