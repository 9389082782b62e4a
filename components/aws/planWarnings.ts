// Settings that work but are rarely meant: each rule once, as a pure function returning the warning lines. The plan
// collects them and AwsPrivateLink logs them (`pulumi.log.warn`), so `pulumi preview`, `pulumi up` and `npm run plan`
// all show them. None of them stops a deployment.
import { Address4 } from "ip-address";
import { DEFAULT_PORT } from "./planArgs";

/** RFC 1918 private ranges and RFC 6598 shared address space, the ranges a VPC is expected to use. */
export const PRIVATE_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

/** A port other than CockroachDB Cloud's SQL port: the security group would not admit SQL clients. */
export function portWarnings(port: number): string[] {
  if (port === DEFAULT_PORT) return [];
  return [
    `port is ${port}, not ${DEFAULT_PORT}: CockroachDB Cloud serves SQL on ${DEFAULT_PORT}, and the security group ` +
      `opens TCP ${port} only, so SQL clients connecting over the endpoint will be refused. Leave port unset unless ` +
      `the cluster really serves SQL on ${port}.`,
  ];
}

/**
 * An existing VPC whose usable subnets put the endpoint in one availability zone: it works, and stops working
 * while that zone is down. (A created VPC gets a subnet in every AZ the service and the account share.)
 */
export function singleAzWarnings(
  vpcId: string | undefined,
  usableSubnets: readonly { azId: string; subnetId?: string }[],
  serviceAzIds: readonly string[] | undefined,
): string[] {
  const [only, ...others] = usableSubnets;
  if (vpcId === undefined || only === undefined || others.length > 0) return [];
  const elsewhere = serviceAzIds?.filter((azId) => azId !== only.azId) ?? [];
  const where = elsewhere.length > 0 ? `: ${elsewhere.join(", ")}` : "";
  return [
    `The endpoint gets one availability zone only: ${only.subnetId ?? "one subnet"} (${only.azId}) is the only usable ` +
      `subnet of ${vpcId}, so connections over the endpoint fail while ${only.azId} is down. Add a subnet of ` +
      `${vpcId} in another AZ the cluster's endpoint service supports${where}.`,
  ];
}

/** A `Name` tag: it replaces the per-resource `<name>-<role>` Name on every resource the component creates. */
export function nameTagWarnings(tags: Readonly<Record<string, string>>): string[] {
  if (!Object.hasOwn(tags, "Name")) return [];
  return [
    `tags sets Name = ${JSON.stringify(tags.Name)}: it replaces the Name (<name>-<role>) of every AWS resource the ` +
      `component creates, so the VPC, subnets, security group, rules and endpoint all show as ` +
      `${JSON.stringify(tags.Name)} in the AWS console. Leave Name out of tags to tell them apart.`,
  ];
}

/**
 * Allowed CIDR blocks inside another allowed block: the wider block already admits them, so their rules add nothing
 * (and removing the wider one later opens less than it seems to). One line per contained block, naming the first
 * block given that contains it. The blocks must be valid, canonical and distinct (as checked arguments are).
 */
export function containedSourceWarnings(allowedCidrs: readonly string[]): string[] {
  const blocks = allowedCidrs.map((cidr) => ({ cidr, address: new Address4(cidr) }));
  return blocks.flatMap(({ cidr, address }) => {
    const container = blocks.find(
      (other) => other.cidr !== cidr && other.address.subnetMask < address.subnetMask && address.isInSubnet(other.address),
    );
    if (!container) return [];
    return [
      `allowedCidrs lists ${cidr}, which is inside ${container.cidr}, also listed: its ingress rule adds nothing ` +
        `while ${container.cidr} is allowed. Remove ${cidr}, or ${container.cidr} if only ${cidr} should connect.`,
    ];
  });
}

/**
 * A VPC CIDR block outside the private ranges: AWS accepts it, but those addresses belong to someone on the
 * internet, and hosts in the VPC can no longer reach the real owners.
 * @param which how to name the block: `vpc.cidrBlock` for a VPC to create, the VPC ID for an existing one
 */
export function publicVpcCidrWarnings(which: string, vpcCidr: string | undefined): string[] {
  if (vpcCidr === undefined || !Address4.isValid(vpcCidr)) return [];
  const vpc = new Address4(vpcCidr);
  if (PRIVATE_RANGES.some((range) => vpc.isInSubnet(new Address4(range)))) return [];
  return [
    `${which} ${vpcCidr} is outside the private ranges (${PRIVATE_RANGES.join(", ")}): AWS accepts it, but those ` +
      `addresses are routable on the internet, and hosts in the VPC cannot reach whoever owns them there. Prefer a ` +
      `block in a private range.`,
  ];
}
