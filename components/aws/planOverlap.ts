// The failure when the cluster's endpoint service and the endpoint's subnets share no availability zone. It is found
// at plan time when the service's AZs are known then, and at deploy time (inside an apply) when they are not: both
// report it with these words.
import type { ArgumentProblem } from "./errors";

/** A VPC the component creates: none of the account's AZs (where its subnets go) is one of the service's. */
export function noSharedAzProblem(
  region: string,
  serviceAzIds: readonly string[] | undefined,
  accountAzIds: readonly string[],
): ArgumentProblem {
  return {
    argument: "region",
    value: region,
    reason:
      `no availability zone is both supported by the cluster's endpoint service ` +
      `(${serviceAzIds?.join(", ") ?? "unknown"}) and available to this AWS account (${accountAzIds.join(", ") || "none"})`,
    allowed: "a region where the two share at least one AZ ID",
  };
}

/** An existing VPC: none of the given subnets is in one of the service's AZs. */
export function noSupportedSubnetProblem(
  subnetIds: readonly string[] | undefined,
  subnets: readonly { azId: string; subnetId: string }[],
  serviceAzIds: readonly string[],
): ArgumentProblem {
  return {
    argument: "vpc.subnetIds",
    value: subnetIds,
    reason:
      `no subnet is in an AZ the cluster's endpoint service supports; the subnets are in ` +
      subnets.map((s) => `${s.azId} (${s.subnetId})`).join(", "),
    allowed: `subnets in at least one of the service's AZs: ${serviceAzIds.join(", ") || "none"}`,
  };
}
