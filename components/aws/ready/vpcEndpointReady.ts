import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN_SENTINEL } from "../../core/unknown";
import type { DnsEntry } from "./ec2EndpointState";
import { VpcEndpointReadyProvider } from "./vpcEndpointReadyProvider";
import { vpcEndpointReadyFailures } from "./vpcEndpointReadyInputs";

export { VpcEndpointReadyProvider, type VpcEndpointReadyProviderOptions } from "./vpcEndpointReadyProvider";
export type { VpcEndpointReadyInputs, VpcEndpointReadyOutputs } from "./vpcEndpointReadyInputs";
export type { DnsEntry } from "./ec2EndpointState";

export interface VpcEndpointReadyArgs {
  /** The Interface VPC endpoint to wait for, e.g. `vpce-0123456789abcdef0`. */
  readonly vpcEndpointId: pulumi.Input<string>;
  /**
   * The endpoint's region.
   * @default stack config `aws:region`, then AWS_REGION / AWS_DEFAULT_REGION, then the AWS profile's region
   */
  readonly region?: pulumi.Input<string>;
  /**
   * How long to wait for `available` before failing; the next `pulumi up` waits again. At most 120. The limit holds
   * whatever EC2 does: each DescribeVpcEndpoints is cut after 15 s, or when this much time has passed.
   * @default 10, matching the AWS provider's VPC endpoint timeouts
   */
  readonly timeoutMinutes?: pulumi.Input<number>;
  /**
   * Also wait until the endpoint reports private DNS in this state. Set it to `true` after
   * `aws.vpc.EndpointPrivateDns`: EC2 may describe the endpoint as `available` with private DNS still off for a
   * moment before it starts applying the change.
   * @default unset: only the endpoint state is awaited
   */
  readonly privateDnsEnabled?: pulumi.Input<boolean>;
}

let sharedProvider: VpcEndpointReadyProvider | undefined;

/**
 * Waits until a VPC endpoint is `available`, so that a finished `pulumi up` means the endpoint is ready to connect.
 * `aws.vpc.EndpointPrivateDns` returns as soon as it has asked AWS for private DNS; AWS then takes up to about
 * five minutes moving the endpoint from `pending` back to `available`. Depend on this resource (not on the endpoint)
 * for anything that must connect.
 *
 * Fails at once, naming the endpoint, its state and the likely cause, when the endpoint is `rejected`, `failed`,
 * `expired`, `deleting` or `deleted`, or does not exist. Deleting this resource touches nothing in AWS.
 *
 * Limits: the wait makes its own read-only AWS call (`ec2:DescribeVpcEndpoints`) with the AWS SDK's default
 * credentials plus stack config `aws:region` / `aws:profile`. Credentials or roles configured only on the Pulumi AWS
 * provider (`aws:assumeRoles`, an explicit `aws.Provider`) are not seen: export the role to the pipeline's
 * environment (e.g. AWS_PROFILE) and pass `region` when using a non-default provider. `customTimeouts` have no
 * effect on dynamic resources; use `timeoutMinutes`.
 */
export class VpcEndpointReady extends pulumi.dynamic.Resource {
  declare readonly vpcEndpointId: pulumi.Output<string>;
  /** The region the wait looked in. */
  declare readonly region: pulumi.Output<string>;
  /** The endpoint's state when the wait ended: `available`. */
  declare readonly state: pulumi.Output<string>;
  /** The endpoint's DNS names; with private DNS on, the service's private name resolves to the endpoint too. */
  declare readonly dnsEntries: pulumi.Output<DnsEntry[]>;
  declare readonly privateDnsEnabled: pulumi.Output<boolean>;

  constructor(name: string, args: VpcEndpointReadyArgs, opts?: pulumi.CustomResourceOptions) {
    // Fail in the constructor for plain values: a failure inside the engine's check arrives later and less clearly.
    const failures = vpcEndpointReadyFailures({
      vpcEndpointId: plainOrUnknown(args.vpcEndpointId),
      region: plainOrUnknown(args.region),
      timeoutMinutes: plainOrUnknown(args.timeoutMinutes),
      privateDnsEnabled: plainOrUnknown(args.privateDnsEnabled),
    });
    if (failures.length > 0) {
      throw new Error(`VpcEndpointReady ${name}: ${failures.map((f) => f.reason).join("; ")}`);
    }
    sharedProvider ??= new VpcEndpointReadyProvider();
    super(
      sharedProvider,
      name,
      {
        vpcEndpointId: args.vpcEndpointId,
        region: args.region,
        timeoutMinutes: args.timeoutMinutes,
        privateDnsEnabled: args.privateDnsEnabled,
        state: undefined,
        dnsEntries: undefined,
      },
      opts,
      "aws",
      "VpcEndpointReady",
    );
  }
}

/** Outputs and promises are validated by the provider's check once they resolve. */
function plainOrUnknown(value: unknown): unknown {
  return typeof value === "object" && value !== null ? UNKNOWN_SENTINEL : value;
}
