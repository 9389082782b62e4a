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

/** `10.40.0.0/16` -> `10-40-0-0-16`; a security group ID is already name-safe. */
export function ingressRuleKey(source: string): string {
  return source.replace(/[./]/g, "-");
}

/** Rules for validated, distinct sources: CIDR blocks first, then security groups, each in the order given. */
export function planIngressRules(
  allowedCidrs: readonly string[],
  allowedSecurityGroupIds: readonly string[],
  port: number,
): PlannedIngressRule[] {
  return [
    ...allowedCidrs.map((cidr) => ({
      key: ingressRuleKey(cidr),
      cidrIpv4: cidr,
      description: `CockroachDB SQL (TCP ${port}) from ${cidr}`,
    })),
    ...allowedSecurityGroupIds.map((sg) => ({
      key: ingressRuleKey(sg),
      referencedSecurityGroupId: sg,
      description: `CockroachDB SQL (TCP ${port}) from members of ${sg}`,
    })),
  ];
}
