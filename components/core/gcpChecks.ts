// The GCP rules for plain values, each defined once: the stack config schema (zod) and the GCP components' argument
// checks both call these, so they accept the same values and say the same words.
//
// Dependency-free like checks.ts: no package import at module level (`ip-address` is required inside the functions
// that need it), so serialized provider code could carry this module too.
import { type Check, checkIpv4Cidr, type Invalid, UNUSABLE_IPV4_RANGES } from "./checks";

// A direction word (or two) glued to a number, after a continent: us-central1, europe-west4, northamerica-northeast2,
// asia-southeast1, me-central2, africa-south1. AWS codes (us-east-1) have a dash before the number and do not match.
const GCP_REGION = /^[a-z]+-[a-z]+[1-9][0-9]?$/;

export const checkGcpRegion: Check<string> = (value) =>
  GCP_REGION.test(value)
    ? undefined
    : {
        reason: /-\d+$/.test(value) ? "not a GCP region (this looks like an AWS region code)" : "not a GCP region",
        allowed: "a GCP region such as us-central1 or europe-west1",
      };

// Google's rule for project IDs: 6 to 30 characters, lower-case letters, digits and hyphens, starting with a letter
// and not ending with a hyphen.
const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export const checkGcpProjectId: Check<string> = (value) =>
  GCP_PROJECT_ID.test(value)
    ? undefined
    : {
        reason: /^\d+$/.test(value) ? "is a project number, not a project ID" : "not a GCP project ID",
        allowed: "a project ID: 6 to 30 lower-case letters, digits or hyphens, starting with a letter, e.g. my-app-prod",
      };

// RFC 1035 labels, the rule for Compute Engine resource names (networks, subnetworks, forwarding rules, addresses)
// and Service Directory namespace IDs.
const GCP_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const GCP_NAME_ALLOWED = "1 to 63 lower-case letters, digits or hyphens, starting with a letter, not ending with a hyphen";

/** The name of a Compute Engine resource (network, subnetwork, forwarding rule). */
export const checkGcpResourceName: Check<string> = (value) =>
  GCP_NAME.test(value)
    ? undefined
    : { reason: value.length > 63 ? `is ${value.length} characters long` : "not a GCP resource name", allowed: `a name of ${GCP_NAME_ALLOWED}` };

/**
 * The PSC endpoint's name (the forwarding rule's). With GCP's automatic DNS it becomes the first label of the client
 * host (`<name>.<domain>`), so it follows the resource-name rule, which is also a DNS label's.
 */
export const checkPscEndpointName: Check<string> = (value) => {
  const invalid = checkGcpResourceName(value);
  return invalid && { reason: invalid.reason, allowed: `an endpoint name (it becomes part of the host name) of ${GCP_NAME_ALLOWED}` };
};

/**
 * A Service Directory namespace for automatic PSC DNS. GCP names the DNS zone it creates `NAMESPACE--REGION`, which
 * must fit in 63 characters: the namespace's limit depends on the region.
 */
export function checkServiceDirectoryNamespace(value: string, region: string): Invalid | undefined {
  const max = Math.min(63, 63 - 2 - region.length);
  const allowed = `a namespace ID of ${GCP_NAME_ALLOWED}, at most ${max} characters in ${region} (GCP names the zone NAMESPACE--REGION, at most 63)`;
  if (!GCP_NAME.test(value)) return { reason: "not a Service Directory namespace ID", allowed };
  if (value.length > max) return { reason: `is ${value.length} characters long`, allowed };
  return undefined;
}

/** Subnetwork ranges GCP allows: IPv4 from /8 to /29, outside the ranges GCP refuses for a subnet. */
export const GCP_SUBNET_PREFIX_MIN = 8;
export const GCP_SUBNET_PREFIX_MAX = 29;

/** The primary range of a subnetwork a GCP component creates. */
export const checkGcpSubnetCidr: Check<string> = (value) => {
  const allowed = `an IPv4 CIDR block from /${GCP_SUBNET_PREFIX_MIN} to /${GCP_SUBNET_PREFIX_MAX}, such as 10.60.0.0/24`;
  const invalid = checkIpv4Cidr(value, GCP_SUBNET_PREFIX_MIN, GCP_SUBNET_PREFIX_MAX, allowed);
  if (invalid) return invalid;
  const forbidden = UNUSABLE_IPV4_RANGES.find(([range]) => cidrsOverlap(value, range));
  if (!forbidden) return undefined;
  return {
    reason: `overlaps ${forbidden[0]} (${forbidden[1]}), which GCP does not allow for a subnet`,
    allowed: `${allowed}, in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)`,
  };
};

/** True when two IPv4 CIDR blocks share an address (one contains the other: CIDR blocks never partly overlap). */
export function cidrsOverlap(a: string, b: string): boolean {
  const { Address4 } = require("ip-address") as typeof import("ip-address");
  const first = new Address4(a);
  const second = new Address4(b);
  return first.isInSubnet(second) || second.isInSubnet(first);
}

// `projects/P/regions/R/serviceAttachments/N`, optionally as a Compute API URL (a selfLink).
const SERVICE_ATTACHMENT =
  /^(https:\/\/(www|compute)\.googleapis\.com\/compute\/(v1|beta)\/)?projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/regions\/[a-z]+-[a-z]+[1-9][0-9]?\/serviceAttachments\/[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function isServiceAttachmentUri(value: unknown): value is string {
  return typeof value === "string" && SERVICE_ATTACHMENT.test(value);
}

export const checkServiceAttachmentUri: Check<string> = (value) =>
  isServiceAttachmentUri(value)
    ? undefined
    : {
        reason: "not a service attachment URI",
        allowed: "projects/<project>/regions/<region>/serviceAttachments/<name> (or its https://www.googleapis.com/compute/v1/ URL)",
      };

/** The region inside a service attachment URI. The value must pass {@link checkServiceAttachmentUri}. */
export function serviceAttachmentRegion(uri: string): string {
  return /\/regions\/([^/]+)\//.exec(uri)?.[1] ?? "";
}

/** How the PSC endpoint's private DNS is made. */
export const PSC_DNS_MODES = ["automatic", "zone", "none"] as const;
export type PscDnsMode = (typeof PSC_DNS_MODES)[number];

export const checkPscDnsMode: Check<string> = (value) =>
  (PSC_DNS_MODES as readonly string[]).includes(value)
    ? undefined
    : {
        reason: "not a DNS mode",
        allowed:
          '"automatic" (GCP\'s PSC DNS through Service Directory), "zone" (a private zone for exactly the cluster\'s host) or "none"',
      };

/** GCP label keys: 1-63 lower-case letters, digits, `_` or `-`, starting with a letter. Values: 0-63 of the same. */
export const checkGcpLabelKey: Check<string> = (value) =>
  /^[a-z][a-z0-9_-]{0,62}$/.test(value)
    ? undefined
    : { reason: "not a GCP label key", allowed: "1 to 63 lower-case letters, digits, _ or -, starting with a letter" };

export const checkGcpLabelValue: Check<string> = (value) =>
  /^[a-z0-9_-]{0,63}$/.test(value)
    ? undefined
    : { reason: "not a GCP label value", allowed: "0 to 63 lower-case letters, digits, _ or -" };
