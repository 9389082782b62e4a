// Input validation for the providers' `check`. Values still unknown at preview (the engine's sentinel) pass: they are
// checked again on `up`, once known. Each failure names the property, the value, and what is allowed.
import { CLUSTER_ID_EXAMPLE, canonicalCidr, isAwsAccountId, isAwsVpcEndpointId, isClusterId } from "../../core/checks";
import { isUnknown } from "../../core/unknown";

export interface CheckFailure {
  property: string;
  reason: string;
}

type Check = CheckFailure | undefined;

const GCP_PSC_CONNECTION_ID = /^[0-9]{1,20}$/;
/**
 * Azure's own naming rules for each segment: the subscription is a GUID; a resource group has 1-90 letters, digits,
 * `_`, `-`, `.`, `(`, `)` and does not end in `.`; a private endpoint name has 2-80 letters, digits, `_`, `-`, `.`,
 * starts with a letter or digit and ends with a letter, digit or `_`. (ASCII only: anything else is refused here.)
 */
const AZURE_PRIVATE_ENDPOINT_ID =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourceGroups\/[A-Za-z0-9_().-]{0,89}[A-Za-z0-9_()-]\/providers\/Microsoft\.Network\/privateEndpoints\/[A-Za-z0-9][A-Za-z0-9_.-]{0,78}[A-Za-z0-9_]$/i;
/** Longest allowlist entry name we send. The API states no limit; a name is a label, and 1 MB once reached the server. */
export const MAX_ALLOWLIST_NAME_LENGTH = 255;

export function failures(...checks: Check[]): CheckFailure[] {
  return checks.filter((c): c is CheckFailure => c !== undefined);
}

export function checkClusterId(value: unknown, property = "clusterId"): Check {
  if (isUnknown(value)) return undefined;
  if (!isClusterId(value)) {
    return { property, reason: `${property} ${show(value)} is not a cluster ID: expected a UUID such as ${CLUSTER_ID_EXAMPLE} (CockroachDB Cloud Console > cluster > Settings, or the URL).` };
  }
  return undefined;
}

/** The endpoint ID each cloud registers (the cluster's `cloud_provider`), and how to say it. */
const ENDPOINT_ID_SHAPES: Record<string, { pattern: { test(value: string): boolean }; expected: string }> = {
  AWS: { pattern: { test: isAwsVpcEndpointId }, expected: "an AWS VPC endpoint ID (vpce- followed by 8 to 17 hex digits)" },
  GCP: {
    pattern: GCP_PSC_CONNECTION_ID,
    expected: "a GCP Private Service Connect connection ID (digits, the forwarding rule's pscConnectionId)",
  },
  AZURE: {
    pattern: AZURE_PRIVATE_ENDPOINT_ID,
    expected:
      "an Azure private endpoint resource ID (/subscriptions/<subscription GUID>/resourceGroups/<rg>/providers/Microsoft.Network/privateEndpoints/<name>, with Azure's naming rules for <rg> and <name>)",
  },
};

/** The cloud is not knowable from this input alone, so any cloud's endpoint ID form is accepted. */
export function checkEndpointId(value: unknown, property = "endpointId"): Check {
  if (isUnknown(value)) return undefined;
  const shapes = Object.values(ENDPOINT_ID_SHAPES);
  if (typeof value === "string" && !value.includes("..") && shapes.some((shape) => shape.pattern.test(value))) return undefined;
  const expected = shapes.map((shape) => shape.expected);
  return {
    property,
    reason: `${property} ${show(value)} is not a private endpoint ID. Allowed: ${expected.slice(0, -1).join(", ")}, or ${expected.at(-1)}.`,
  };
}

/**
 * Once the cluster is known (create, update): why the endpoint ID cannot be one of the cluster's cloud, or undefined
 * when it fits (or the cloud is one we have no shape for, which the API then judges).
 */
export function endpointIdMismatch(endpointId: string, clusterId: string, cloud: string): string | undefined {
  const shape = ENDPOINT_ID_SHAPES[cloud];
  if (shape === undefined || shape.pattern.test(endpointId)) return undefined;
  return (
    `Endpoint ID ${JSON.stringify(endpointId)} does not fit cluster ${clusterId}, which is on ${cloud}: expected ` +
    `${shape.expected}. Use an endpoint of the cluster's cloud, created for its endpoint service.`
  );
}

export function checkCidrIp(value: unknown, property = "cidrIp"): Check {
  if (isUnknown(value)) return undefined;
  const { Address4, Address6 } = require("ip-address") as typeof import("ip-address");
  if (typeof value !== "string") return { property, reason: `${property} ${show(value)} must be a dotted IPv4 address such as 203.0.113.7.` };
  if (Address6.isValid(value)) {
    return { property, reason: `${property} ${show(value)} is IPv6; the CockroachDB Cloud allowlist takes IPv4 addresses only (e.g. 203.0.113.0 with cidrMask 24).` };
  }
  if (value.includes("/")) {
    return { property, reason: `${property} ${show(value)} includes a prefix length; give only the address (e.g. 203.0.113.0) and the prefix length in cidrMask.` };
  }
  if (!Address4.isValid(value)) return { property, reason: `${property} ${show(value)} is not a dotted IPv4 address such as 203.0.113.7.` };
  return undefined;
}

export function checkCidrMask(value: unknown, property = "cidrMask"): Check {
  if (isUnknown(value)) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 32) {
    return { property, reason: `${property} ${show(value)} must be an integer from 0 to 32 (32 allows a single address).` };
  }
  return undefined;
}

/**
 * The address must be the first of its range: `10.0.0.1` with mask 8 has host bits set, and the API would either
 * refuse it or widen it silently; the failure names the network address meant.
 */
export function checkHostBits(cidrIp: unknown, cidrMask: unknown, property = "cidrIp"): Check {
  if (typeof cidrIp !== "string" || typeof cidrMask !== "number" || !Number.isInteger(cidrMask) || cidrMask < 0 || cidrMask > 32) {
    return undefined;
  }
  const { Address4 } = require("ip-address") as typeof import("ip-address");
  // An address that is not dotted IPv4 is checkCidrIp's to report.
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(cidrIp) || !Address4.isValid(cidrIp)) return undefined;
  const dotted = canonicalCidr(`${cidrIp}/${cidrMask}`).split("/")[0] as string;
  if (dotted === cidrIp) return undefined;
  return {
    property,
    reason: `${property} ${show(cidrIp)} with cidrMask ${cidrMask} has host bits set: the range ${cidrIp}/${cidrMask} starts at ${dotted}. Use cidrIp ${JSON.stringify(dotted)} (or cidrMask 32 for the single address).`,
  };
}

/** An allowlist entry name: at most MAX_ALLOWLIST_NAME_LENGTH characters, no control characters or escapes. */
export function checkAllowlistName(value: unknown, property = "name"): Check {
  if (value === undefined || value === null || isUnknown(value)) return undefined;
  if (typeof value !== "string") return { property, reason: `${property} ${show(value)} must be a string.` };
  if (value.length > MAX_ALLOWLIST_NAME_LENGTH) {
    return { property, reason: `${property} is ${value.length} characters long; at most ${MAX_ALLOWLIST_NAME_LENGTH} are allowed.` };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) {
    return { property, reason: `${property} ${show(value)} contains control characters (newlines, tabs or terminal escapes); use printable text only.` };
  }
  return undefined;
}

export function checkBoolean(value: unknown, property: string): Check {
  if (isUnknown(value) || typeof value === "boolean") return undefined;
  return { property, reason: `${property} ${show(value)} must be true or false.` };
}

export function checkOptionalString(value: unknown, property: string): Check {
  if (value === undefined || value === null || isUnknown(value) || typeof value === "string") return undefined;
  return { property, reason: `${property} ${show(value)} must be a string.` };
}

export function checkTrustedOwnerType(value: unknown, property = "type"): Check {
  if (isUnknown(value) || value === "AWS_ACCOUNT_ID") return undefined;
  return { property, reason: `${property} ${show(value)} is not supported: the only allowed value is AWS_ACCOUNT_ID.` };
}

export function checkExternalOwnerId(value: unknown, property = "externalOwnerId"): Check {
  if (isUnknown(value)) return undefined;
  if (typeof value === "string" && (value === "*" || isAwsAccountId(value))) return undefined;
  return { property, reason: `${property} ${show(value)} must be a 12-digit AWS account ID (e.g. "012345678901") or "*" for all accounts.` };
}

/** Accepts a mask given as a digit string (e.g. from config) by turning it into a number. */
export function normalizeMask(value: unknown): unknown {
  return typeof value === "string" && /^\d{1,2}$/.test(value) ? Number(value) : value;
}

/** The value as it goes into a message: quoted, and cut to 100 characters so a huge input cannot flood the output. */
function show(value: unknown): string {
  if (value === undefined) return "(missing)";
  if (typeof value === "string") return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
