// The security group's ingress rules: one per allowed source, TCP on the SQL port only. Each rule is named after
// its source, so adding or removing a source never renames (and so never replaces) the others.

export interface PlannedIngressRule {
  /** Resource-name suffix derived from the source, e.g. `10-40-0-0-16` or `sg-0123456789abcdef0`. */
  key: string;
  /** Exactly one of `cidrIpv4` and `referencedSecurityGroupId` is set. */
  cidrIpv4?: string;
  referencedSecurityGroupId?: string;
  description: string;
}

/**
 * AWS's default quota of inbound rules per security group ("Inbound or outbound rules per security group"). It is
 * adjustable, but every source here is one rule of the one security group, so more sources than this fail at
 * deploy time in an account with the default: they are refused before anything is created.
 */
export const INGRESS_RULES_MAX = 60;

/** Sources wider than a /8 get a warning: they admit far more than the networks that need the cluster. */
const BROAD_PREFIX_BELOW = 8;

/** `10.40.0.0/16` -> `10-40-0-0-16`; a security group ID is already name-safe. */
export function ingressRuleKey(source: string): string {
  return source.replace(/[./]/g, "-");
}

/**
 * Rules for validated, distinct sources: CIDR blocks first, then security groups, each in the order given.
 * @param what what the port carries, for the rules' descriptions
 */
export function planIngressRules(
  allowedCidrs: readonly string[],
  allowedSecurityGroupIds: readonly string[],
  port: number,
  what = "CockroachDB SQL",
): PlannedIngressRule[] {
  return [
    ...allowedCidrs.map((cidr) => ({
      key: ingressRuleKey(cidr),
      cidrIpv4: cidr,
      description: `${what} (TCP ${port}) from ${cidr}`,
    })),
    ...allowedSecurityGroupIds.map((sg) => ({
      key: ingressRuleKey(sg),
      referencedSecurityGroupId: sg,
      description: `${what} (TCP ${port}) from members of ${sg}`,
    })),
  ];
}

/**
 * Warnings for allowed CIDR blocks wider than a /8 (0.0.0.0/0 above all). Allowed, since reachability is also
 * bounded by routing, but rarely meant: the endpoint answers whatever can route to the VPC.
 */
export function broadSourceWarnings(allowedCidrs: readonly string[], port: number, what = "CockroachDB SQL"): string[] {
  return allowedCidrs.flatMap((cidr) => {
    const prefix = Number(cidr.split("/")[1]);
    if (prefix >= BROAD_PREFIX_BELOW) return [];
    const which = prefix === 0 ? "any address" : `any address in ${cidr}`;
    return [
      `allowedCidrs includes ${cidr}${prefix === 0 ? "" : `, wider than a /${BROAD_PREFIX_BELOW}`}: the security group ` +
        `admits ${what} (TCP ${port}) from ${which} that can route to the VPC (peering, transit gateway, ` +
        `VPN, Direct Connect). List only the networks that need the cluster.`,
    ];
  });
}
