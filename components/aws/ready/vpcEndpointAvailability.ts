// What each VPC endpoint state means for "wait until the endpoint is available".
// Runs inside the VpcEndpointReady dynamic provider from its serialized closure. Vendor-neutral: the wait serves any
// endpoint service, so its texts speak of "the endpoint service owner", never of one vendor's resources.
import type { PollVerdict } from "../../core/poll";
import type { ObservedVpcEndpoint } from "./ec2EndpointState";

/** Why an endpoint ends up in a state it will not leave by itself, for the failure message. */
const finalStateCauses: Record<string, string> = {
  rejected:
    "the endpoint service owner rejected the connection. This usually means the service owner did not accept the " +
    "endpoint's registration, or does not allow connections from this AWS account. Fix the registration or the " +
    "allowed accounts on the service owner's side, then replace the VPC endpoint",
  expired:
    "the connection request was not accepted in time: the endpoint service owner did not accept the endpoint. " +
    "Check the endpoint's registration with the service owner, then replace the VPC endpoint",
  failed:
    "AWS could not set the endpoint up, often because a subnet is in an Availability Zone the endpoint service does " +
    "not support, or private DNS collides with an existing private hosted zone for the same name",
  deleting: "the endpoint is being deleted, outside this wait. Run `pulumi refresh`, then `pulumi up` to recreate it",
  deleted: "the endpoint was deleted, outside this wait. Run `pulumi refresh`, then `pulumi up` to recreate it",
};

/** States AWS moves out of by itself. Anything unknown (a new state, `partial`) also waits, until the deadline. */
const whileWaiting: Record<string, string> = {
  pendingacceptance: "pendingAcceptance (the endpoint service owner has not accepted the connection yet)",
  pending: "pending (AWS is applying a change, e.g. enabling private DNS)",
};

export function availabilityVerdict(
  vpcEndpointId: string,
  region: string,
  observed: ObservedVpcEndpoint | undefined,
  expectedPrivateDns?: boolean,
): PollVerdict<ObservedVpcEndpoint> {
  if (!observed) {
    throw new Error(
      `VPC endpoint ${vpcEndpointId} was not found in region ${region} (InvalidVpcEndpointId.NotFound). ` +
        `Check that the ID is right and that this wait looks in the endpoint's region and account: ` +
        `set the region argument, or the credentials the wait uses.`,
    );
  }
  const state = observed.state.toLowerCase();
  if (state === "available") {
    // Right after EndpointPrivateDns, EC2 may still describe the endpoint as it was (available, private DNS off)
    // before it moves to pending: that is not yet "ready to connect".
    if (expectedPrivateDns === undefined || observed.privateDnsEnabled === expectedPrivateDns) {
      return { done: true, value: observed };
    }
    return { done: false, status: `available, but private DNS is not ${expectedPrivateDns ? "on" : "off"} yet` };
  }
  const cause = finalStateCauses[state];
  if (cause !== undefined) {
    const lastError = observed.lastError ? ` AWS says: ${observed.lastError}.` : "";
    throw new Error(
      `VPC endpoint ${vpcEndpointId} in ${region} is ${observed.state}, so it will not become available: ` +
        `${cause}.${lastError}`,
    );
  }
  return { done: false, status: whileWaiting[state] ?? observed.state };
}

/** A hint appended to the timeout error, from the last status seen. */
export function timeoutHint(lastStatus: string): string {
  if (lastStatus.startsWith("pendingAcceptance")) {
    return "The endpoint service owner has not accepted the connection: check that the endpoint is registered with " +
      "the service owner and that the registration has been accepted.";
  }
  if (lastStatus.startsWith("pending")) {
    return "AWS usually finishes within 5 minutes; raise timeoutMinutes if your endpoints take longer.";
  }
  if (lastStatus.startsWith("transient error")) {
    return "AWS kept failing or throttling DescribeVpcEndpoints; try again later.";
  }
  return "";
}
