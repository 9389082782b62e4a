// The pack's rules as pure functions of resource inputs: no Pulumi engine, no I/O. `policies.ts` wraps them in
// `@pulumi/policy` policies; the root project's tests and the offline plan call them through those policies.
// Inputs may be wrapped in `unknownCheckingProxy`: reading a value unknown at preview throws, as in the analyzer,
// so these functions read only what they need, and never an ID they can get from dependencies instead.

/** CockroachDB's SQL port. */
export const DEFAULT_DATABASE_PORT = 26257;

/** One inline `ingress` block of `aws.ec2.SecurityGroup`, or the props of a rule resource, reduced to what matters. */
export interface IngressPermission {
  protocol?: string;
  fromPort?: number;
  toPort?: number;
  /** IPv4 and IPv6 sources. */
  cidrs: readonly string[];
}

/** A CIDR block whose prefix length is 0: every address of its family (`0.0.0.0/0`, `::/0`). */
export function isWholeInternet(cidr: string): boolean {
  const match = /^\s*([0-9a-fA-F:.]+)\s*\/\s*0+\s*$/.exec(cidr);
  return match !== null;
}

/** Whether traffic to `port` over TCP passes a rule with this protocol and port range. */
export function reachesPort(permission: Pick<IngressPermission, "protocol" | "fromPort" | "toPort">, port: number): boolean {
  const protocol = String(permission.protocol ?? "").toLowerCase();
  // -1 / all: every protocol and every port, whatever fromPort/toPort say.
  if (protocol === "-1" || protocol === "all") return true;
  if (protocol !== "tcp" && protocol !== "6") return false;
  const from = Number(permission.fromPort ?? 0);
  const to = Number(permission.toPort ?? 65535);
  return from <= port && port <= to;
}

/** The sources of a permission that open `port` to the whole internet. */
export function openSourcesTo(permission: IngressPermission, port: number): string[] {
  return reachesPort(permission, port) ? permission.cidrs.filter(isWholeInternet) : [];
}

/** `aws.ec2.SecurityGroup` inline `ingress` blocks as permissions. */
export function inlineIngressPermissions(ingress: readonly Record<string, unknown>[] | undefined): IngressPermission[] {
  return (ingress ?? []).map((block) => ({
    protocol: block.protocol as string | undefined,
    fromPort: block.fromPort as number | undefined,
    toPort: block.toPort as number | undefined,
    cidrs: [...listOf(block.cidrBlocks), ...listOf(block.ipv6CidrBlocks)],
  }));
}

/** `aws.vpc.SecurityGroupIngressRule` as a permission (one source each). */
export function vpcIngressRulePermission(props: Record<string, unknown>): IngressPermission {
  return {
    protocol: props.ipProtocol as string | undefined,
    fromPort: props.fromPort as number | undefined,
    toPort: props.toPort as number | undefined,
    cidrs: [props.cidrIpv4, props.cidrIpv6].filter((c): c is string => typeof c === "string"),
  };
}

/** `aws.ec2.SecurityGroupRule` as a permission, or undefined for an egress rule. */
export function securityGroupRulePermission(props: Record<string, unknown>): IngressPermission | undefined {
  if (props.type !== "ingress") return undefined;
  return {
    protocol: props.protocol as string | undefined,
    fromPort: props.fromPort as number | undefined,
    toPort: props.toPort as number | undefined,
    cidrs: [...listOf(props.cidrBlocks), ...listOf(props.ipv6CidrBlocks)],
  };
}

/** A CockroachDB allowlist entry open to every IPv4 address. */
export function isOpenAllowListEntry(props: Record<string, unknown>): boolean {
  return Number(props.cidrMask) === 0;
}

/** Tags `required` asks for that `tags` lacks or has with another value (a required value of "" only needs the key). */
export function missingTags(tags: Record<string, unknown> | undefined, required: Readonly<Record<string, string>>): string[] {
  return Object.entries(required)
    .filter(([key, value]) => {
      const actual = tags?.[key];
      return actual === undefined || (value !== "" && String(actual) !== value);
    })
    .map(([key, value]) => (value === "" ? key : `${key}=${value}`));
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
