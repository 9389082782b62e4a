import type { AwsPrivateLinkVpcArgs } from "../aws/args";

/**
 * Arguments of {@link TidbPrivateLink}: TiDB Cloud Serverless over an AWS interface endpoint in one region.
 *
 * Plain values, as for `AwsPrivateLink`: they decide the shape of the graph, fixed before anything registers.
 */
export interface TidbPrivateLinkArgs {
  /**
   * ID of the TiDB Cloud Serverless cluster (its numeric ID). Its private endpoint service (name, AZs, host, port)
   * is looked up with the TiDB Cloud Serverless API (`TIDBCLOUD_PUBLIC_KEY` / `TIDBCLOUD_PRIVATE_KEY`). One endpoint
   * serves every TiDB Serverless cluster of the organization in the region, so any of them will do.
   * @default none: set this or `service`
   */
  readonly clusterId?: string;

  /**
   * The endpoint service, given instead of looked up (no API key needed): from the TiDB Cloud console, cluster >
   * Networking > Private Endpoint. Wins over `clusterId`.
   * @default looked up from `clusterId`
   */
  readonly service?: TidbServiceArgs;

  /** The VPC the endpoint goes in, as for `AwsPrivateLink`: `cidrBlock` (create one) or `vpcId` with `subnetIds`. */
  readonly vpc: AwsPrivateLinkVpcArgs;

  /**
   * IPv4 CIDR blocks allowed to connect on `port`, one ingress rule each (at most 60 sources with
   * `allowedSecurityGroupIds`).
   * @default the VPC's CIDR block
   */
  readonly allowedCidrs?: readonly string[];

  /** Security groups whose members may connect on `port`. @default none */
  readonly allowedSecurityGroupIds?: readonly string[];

  /**
   * TCP port the security group opens; another port than the service's is accepted with a warning.
   * @default the service's port (4000 unless the cluster reports another)
   */
  readonly port?: number;

  /**
   * Turn on the endpoint's private DNS when it is created, so the service's host resolves to the endpoint inside
   * the VPC (TLS then verifies that host). Needs `enableDnsSupport` and `enableDnsHostnames` on the VPC.
   * @default true
   */
  readonly privateDns?: boolean;

  /** Tags for every AWS resource created, after `Name` (`<name>-<role>`). @default {} */
  readonly tags?: Readonly<Record<string, string>>;

  /** AWS region of every resource. @default the AWS provider's region */
  readonly region?: string;

  /**
   * What to do when the existing VPC already has an endpoint to the service that this component did not create
   * (TiDB allows one per VPC: a second one's private DNS conflicts). `refuse` stops at preview, naming it; `reuse`
   * creates no endpoint and waits for that one to be available instead.
   * @default "refuse"
   */
  readonly existingEndpoint?: "refuse" | "reuse";
}

/** TiDB's endpoint service in the region, as the TiDB Cloud console shows it. */
export interface TidbServiceArgs {
  /** e.g. `com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0` @default none: required */
  readonly serviceName: string;
  /** AZ IDs (`use1-az1`) or names (`us-east-1a`, mapped to IDs with this account's zones). @default none: required */
  readonly availabilityZones: readonly string[];
  /** The private host, e.g. `gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com`. @default none: required */
  readonly host: string;
  /** @default 4000 */
  readonly port?: number;
}
