// The plain (resolved) inputs and outputs of VpcEndpointReady, and their validation. Shared by the provider's `check`
// (which also runs from the serialized closure) and the resource constructor (which fails fast on plain values).
import { checkAwsRegion, isAwsVpcEndpointId } from "../../core/checks";
import { isUnknown } from "../../core/unknown";
import type { DnsEntry } from "./ec2EndpointState";

/** Matches the AWS provider's default create/update timeouts for VPC endpoints. */
export const DEFAULT_TIMEOUT_MINUTES = 10;
export const MAX_TIMEOUT_MINUTES = 120;

export interface VpcEndpointReadyInputs {
  vpcEndpointId: string;
  region?: string;
  timeoutMinutes?: number;
  /** When set, `available` counts only once the endpoint also reports private DNS in this state. */
  privateDnsEnabled?: boolean;
}

export interface VpcEndpointReadyOutputs {
  vpcEndpointId: string;
  /** The region the wait looked in (given, or resolved from config/env/profile). */
  region: string;
  timeoutMinutes?: number;
  state: string;
  dnsEntries: DnsEntry[];
  privateDnsEnabled: boolean;
}

export interface InputFailure {
  property: string;
  reason: string;
}


function show(value: unknown): string {
  const quoted = typeof value === "string" || (typeof value === "object" && value !== null);
  return quoted ? JSON.stringify(value) : String(value);
}

/** Problems with the inputs, each naming the property, the value and what is allowed. Unknown values pass. */
export function vpcEndpointReadyFailures(inputs: Record<string, unknown>): InputFailure[] {
  const failures: InputFailure[] = [];
  const { vpcEndpointId, region, timeoutMinutes, privateDnsEnabled } = inputs;

  if (!isUnknown(vpcEndpointId) && !isAwsVpcEndpointId(vpcEndpointId)) {
    failures.push({
      property: "vpcEndpointId",
      reason:
        `vpcEndpointId ${show(vpcEndpointId)} is not a VPC endpoint ID: expected "vpce-" followed by ` +
        `8 to 17 lowercase hex digits, e.g. vpce-0123456789abcdef0`,
    });
  }
  if (region !== undefined && !isUnknown(region) && !(typeof region === "string" && checkAwsRegion(region) === undefined)) {
    failures.push({
      property: "region",
      reason:
        `region ${show(region)} is not an AWS region name: ` +
        `expected e.g. us-east-1 or us-gov-west-1, or leave it unset`,
    });
  }
  if (
    timeoutMinutes !== undefined &&
    !isUnknown(timeoutMinutes) &&
    !(typeof timeoutMinutes === "number" && timeoutMinutes > 0 && timeoutMinutes <= MAX_TIMEOUT_MINUTES)
  ) {
    failures.push({
      property: "timeoutMinutes",
      reason:
        `timeoutMinutes ${show(timeoutMinutes)} is not allowed: expected a number of minutes greater than 0 ` +
        `and at most ${MAX_TIMEOUT_MINUTES} (default ${DEFAULT_TIMEOUT_MINUTES})`,
    });
  }
  if (privateDnsEnabled !== undefined && !isUnknown(privateDnsEnabled) && typeof privateDnsEnabled !== "boolean") {
    failures.push({
      property: "privateDnsEnabled",
      reason: `privateDnsEnabled ${show(privateDnsEnabled)} is not allowed: expected true, false, or unset`,
    });
  }
  return failures;
}
