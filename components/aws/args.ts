import type * as pulumi from "@pulumi/pulumi";
import type { PrivateEndpointServices } from "../cockroach";

/**
 * Arguments of {@link AwsPrivateLink}.
 *
 * Values are plain, not `Input`s, except `clusterId`: they decide the shape of the graph (which subnets, which
 * rules), and the graph is fixed before any resource is registered so that `pulumi preview` shows all of it.
 *
 * Lists and maps are `readonly`: pass arrays declared `as const`, or shared ones, without copying.
 *
 * No union types (multi-language packages forbid them): alternatives such as "create a VPC" or "use an existing
 * one" are optional fields of one object, checked when the component is created.
 */
export interface AwsPrivateLinkArgs {
  /**
   * ID (a UUID) of the CockroachDB Cloud cluster to connect to. It must run on AWS and have a region equal to
   * `region`. May be an output, e.g. of a cluster this program creates: a known value plans as a plain string (the
   * resources that take it then also depend on what produced it). Unknown during a preview (the cluster is still to
   * be created or replaced), the plan is conservative and says so in a warning: a subnet in each of the account's
   * AZs in the region, as for a new Advanced cluster, and the cluster's checks and lookups wait for `pulumi up`,
   * which plans again with the real ID before registering anything.
   * @default none: required
   */
  readonly clusterId: pulumi.Input<string>;

  /**
   * The endpoint service to connect to, e.g. `com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0` (the
   * Console's or `getPrivateEndpointServices`' `name` for the region). An escape hatch for when the lookup cannot be
   * used: with it, the cluster's endpoint services are not looked up, and the endpoint is created for this name.
   * @default the name the cluster's endpoint service in `region` reports (looked up, then read from `PrivateEndpointServices`)
   */
  readonly serviceName?: string;

  /**
   * With `serviceName`: the AZ IDs of that service in the region (e.g. `["use1-az1", "use1-az2", "use1-az4"]`), so
   * subnets go only where the service is, decided at plan time. Only with `serviceName`.
   * @default decided at deploy time: a subnet in each of the account's AZs, and the endpoint in those the service
   * reports once it is AVAILABLE
   */
  readonly serviceAzIds?: readonly string[];

  /**
   * The VPC the endpoint goes in. Set `cidrBlock` to create a dedicated VPC, or `vpcId` and `subnetIds` to use an
   * existing one; exactly one of `cidrBlock` and `vpcId`.
   * @default none: required
   */
  readonly vpc: AwsPrivateLinkVpcArgs;

  /**
   * IPv4 CIDR blocks allowed to connect to the endpoint on `port`. One ingress rule each. Set `[]` to allow only
   * `allowedSecurityGroupIds`. With `allowedSecurityGroupIds`, at most 60 sources in all (AWS's default quota of
   * inbound rules per security group). A block wider than a /8 (`0.0.0.0/0`), and a block inside another listed
   * block, are accepted with a warning.
   * @default the VPC's CIDR block
   */
  readonly allowedCidrs?: readonly string[];

  /**
   * Security groups (in the same VPC, or a peered one) whose members may connect on `port`. One ingress rule each.
   * @default none
   */
  readonly allowedSecurityGroupIds?: readonly string[];

  /**
   * TCP port the security group opens. It must be the port the cluster serves SQL on; another port is accepted
   * with a warning (CockroachDB Cloud serves SQL on 26257).
   * @default 26257
   */
  readonly port?: number;

  /**
   * Turn on the endpoint's private DNS once CockroachDB has accepted it, so the cluster's `internalDns` host
   * resolves to the endpoint inside the VPC. Needs `enableDnsSupport` and `enableDnsHostnames` on the VPC.
   * @default true
   */
  readonly privateDns?: boolean;

  /**
   * Tags for every AWS resource created, after `Name` (`<name>-<role>`), so a `Name` here wins: it is accepted with
   * a warning, as every resource would then carry the same name.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;

  /**
   * AWS region of every resource (AWS provider v7's per-resource `region`), so one stack can hold several
   * regions with one provider. Changing it replaces everything.
   * @default the AWS provider's region
   */
  readonly region?: string;

  /**
   * The cluster's endpoint services resource, to share one between several `AwsPrivateLink`s of the same
   * cluster. It must be for `clusterId`.
   * @default a `PrivateEndpointServices` created by this component, named `<name>-services`
   */
  readonly endpointServices?: PrivateEndpointServices;
}

/** Which VPC {@link AwsPrivateLink} uses: one it creates (`cidrBlock`) or an existing one (`vpcId`, `subnetIds`). */
export interface AwsPrivateLinkVpcArgs {
  /**
   * CIDR block of a VPC to create, /16 to /24 (e.g. `10.40.0.0/16`), outside the ranges AWS refuses for a VPC
   * (0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4, 240.0.0.0/4). It is cut into 16 equal blocks; the AZ
   * whose ID ends in `-azN` gets block N (see `subnetCidrForAz`). A block outside the private ranges (10.0.0.0/8,
   * 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10) is accepted with a warning. Conflicts with `vpcId`.
   * @default none: set this or `vpcId`
   */
  readonly cidrBlock?: string;

  /**
   * ID of an existing VPC to put the endpoint in. It must have DNS support and DNS hostnames turned on when
   * `privateDns` is true. Requires `subnetIds`; conflicts with `cidrBlock`.
   * @default none: set this or `cidrBlock`
   */
  readonly vpcId?: string;

  /**
   * Subnets of `vpcId` for the endpoint, at most one per availability zone. Only those in AZs the cluster's
   * endpoint service supports are used; at least one must be. When only one is, the endpoint is in a single AZ,
   * which is accepted with a warning.
   * @default none: required with `vpcId`
   */
  readonly subnetIds?: readonly string[];
}
