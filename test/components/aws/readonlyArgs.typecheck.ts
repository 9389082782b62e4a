// Type-level test, compiled by `npm run typecheck` (tsc --noEmit) and never run: the library's arguments accept
// readonly arrays and maps (`as const`, or lists shared between stacks), and so do the functions they feed. Before
// the arguments were readonly, each assignment below failed with "The type 'readonly [...]' is 'readonly' and cannot
// be assigned to the mutable type 'string[]'".
import { AwsPrivateLink, type AwsPrivateLinkArgs } from "../../../components/aws";
import { checkAwsPrivateLinkArgs } from "../../../components/aws/planArgs";
import { broadSourceWarnings, planIngressRules } from "../../../components/aws/planIngress";
import { containedSourceWarnings, nameTagWarnings } from "../../../components/aws/planWarnings";

const clusterId = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d";
const allowedCidrs = ["10.40.0.0/16", "10.41.0.0/16"] as const;
const allowedSecurityGroupIds = ["sg-0123456789abcdef0"] as const;
const subnetIds = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"] as const;
const tags = { team: "platform", environment: "prod" } as const;

export const createdVpc: AwsPrivateLinkArgs = {
  clusterId,
  vpc: { cidrBlock: "10.40.0.0/16" },
  allowedCidrs,
  allowedSecurityGroupIds,
  tags,
};

export const existingVpc: AwsPrivateLinkArgs = {
  clusterId,
  region: "us-west-2",
  vpc: { vpcId: "vpc-0123456789abcdef0", subnetIds },
  allowedCidrs: [] as const,
  allowedSecurityGroupIds,
};

/** A whole argument object declared `as const`. */
export const wholeAsConst = {
  clusterId,
  region: "us-east-1",
  vpc: { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] },
  allowedCidrs: ["10.40.0.0/16"],
  port: 26257,
  privateDns: true,
  tags: { team: "platform" },
} as const satisfies AwsPrivateLinkArgs;

export function fedOnward(): unknown[] {
  return [
    AwsPrivateLink.create("typed", wholeAsConst),
    checkAwsPrivateLinkArgs("typed", wholeAsConst),
    planIngressRules(allowedCidrs, allowedSecurityGroupIds, 26257),
    broadSourceWarnings(allowedCidrs, 26257),
    containedSourceWarnings(allowedCidrs),
    nameTagWarnings(tags),
  ];
}

export const wrongPort: AwsPrivateLinkArgs = {
  clusterId,
  vpc: { cidrBlock: "10.40.0.0/16" },
  // @ts-expect-error the port is a number: this file checks types, a mistake still fails
  port: "26257",
};
