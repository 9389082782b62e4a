// Default AZ IDs of an AWS endpoint service. AZ IDs (use1-az1) are stable across accounts, unlike AZ names
// (us-east-1a), which is why the API reports IDs. The defaults copy real regions where the supported set is not
// simply az1..az3 (us-east-1's service commonly lives in az1, az2 and az4).

import { awsAzIdPrefix } from "../../components/core/checks";

const KNOWN_AWS_ZONE_IDS: Record<string, string[]> = {
  "us-east-1": ["use1-az1", "use1-az2", "use1-az4"],
  "us-west-2": ["usw2-az1", "usw2-az2", "usw2-az3"],
  "eu-west-1": ["euw1-az1", "euw1-az2", "euw1-az3"],
};

/** The AZ ID prefix AWS uses for a region: us-east-1 -> use1, ap-southeast-2 -> apse2, us-gov-west-1 -> usgw1. */
export { awsAzIdPrefix as awsZoneIdPrefix };

export function defaultAwsZoneIds(region: string): string[] {
  const known = KNOWN_AWS_ZONE_IDS[region];
  if (known) return [...known];
  const prefix = awsAzIdPrefix(region);
  return [1, 2, 3].map((n) => `${prefix}-az${n}`);
}
