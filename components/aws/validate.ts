// Checks of AWS-specific plain values (resource IDs, tags), shared by the component (argument validation) and the
// program (stack config schema), so both reject the same values with the same words. Each check returns undefined
// when the value is fine, or what is wrong with it and what would be accepted.
import type { Check } from "../core/checks";
// The rules shared with the CockroachDB side and the stack config (cluster ID, region, port, CIDR) live in
// components/core/checks.ts.

const AWS_ID = (prefix: string) => new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);
const SECURITY_GROUP_ID = AWS_ID("sg");
const SUBNET_ID = AWS_ID("subnet");
const VPC_ID = AWS_ID("vpc");

export const checkSecurityGroupId: Check<string> = (value) =>
  SECURITY_GROUP_ID.test(value)
    ? undefined
    : { reason: "not a security group ID", allowed: "a security group ID such as sg-0123456789abcdef0" };

export const checkSubnetId: Check<string> = (value) =>
  SUBNET_ID.test(value) ? undefined : { reason: "not a subnet ID", allowed: "a subnet ID such as subnet-0123456789abcdef0" };

export const checkVpcId: Check<string> = (value) =>
  VPC_ID.test(value) ? undefined : { reason: "not a VPC ID", allowed: "a VPC ID such as vpc-0123456789abcdef0" };

// AWS tag rules: https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;
/** AWS allows 50 tags per resource; the component adds `Name`. */
export const TAGS_MAX = 49;

export const checkTagKey: Check<string> = (key) => {
  const allowed = `a tag key of 1 to ${TAG_KEY_MAX} characters not starting with "aws:"`;
  if (key.length === 0 || key.length > TAG_KEY_MAX) return { reason: `the key is empty or longer than ${TAG_KEY_MAX}`, allowed };
  if (key.toLowerCase().startsWith("aws:")) return { reason: 'the key starts with "aws:", which AWS reserves', allowed };
  return undefined;
};

export const checkTagValue: Check<unknown> = (value) =>
  typeof value === "string" && value.length <= TAG_VALUE_MAX
    ? undefined
    : { reason: "not a tag value", allowed: `a string of at most ${TAG_VALUE_MAX} characters` };

// An endpoint service name: dot-separated lower-case labels, e.g. com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0
// (a PrivateLink service) or com.amazonaws.us-east-1.s3 (an AWS service). 255 characters at most, like a DNS name.
const ENDPOINT_SERVICE_NAME = /^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/;

export const checkEndpointServiceName: Check<string> = (value) =>
  ENDPOINT_SERVICE_NAME.test(value) && value.length <= 255
    ? undefined
    : {
        reason: "not an endpoint service name",
        allowed: "an endpoint service name such as com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
      };

/** The region a PrivateLink service name names (`com.amazonaws.vpce.<region>.vpce-svc-…`), if it has that form. */
export function endpointServiceRegion(serviceName: string): string | undefined {
  return /^com\.amazonaws\.vpce\.([a-z0-9-]+)\.vpce-svc-[0-9a-f]+$/.exec(serviceName)?.[1];
}
