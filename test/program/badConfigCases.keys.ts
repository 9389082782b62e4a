// Bad stack configs about keys as a whole: wording of wrong types, typos across namespaces, secrets, cluster IDs and
// networks shared between region entries.
import { CLUSTER_ID, EXISTING_SUBNETS, EXISTING_VPC } from "../components/aws/support/fixtures";
import type { BadConfig } from "./badConfigCases";
import { NS, stackConfig } from "./support";

const API_KEY_VALUE = "crdb-test-apikey-0123456789abcdef";

export const KEY_CASES: BadConfig[] = [
  {
    name: "our key in a mistyped namespace",
    config: stackConfig({ clusterId: undefined, "crdb-private-endpoint:clusterId": CLUSTER_ID }),
    key: "crdb-private-endpoint:clusterId",
    value: `"${CLUSTER_ID}"`,
    reason: /is not a key this program reads \(did you mean "crdb-private-endpoints:clusterId"\?\)/,
    allowed: /crdb-private-endpoints:clusterId/,
  },
  {
    name: "aws:region mistyped",
    config: stackConfig({ "aws:regoin": "us-east-1" }),
    key: "aws:regoin",
    value: '"us-east-1"',
    reason: /did you mean "aws:region"\?/,
    allowed: /aws:region/,
  },
  {
    name: "cockroach:apikey mistyped (its value is never printed)",
    config: stackConfig({ "cockroach:apiKey": API_KEY_VALUE }),
    key: "cockroach:apiKey",
    value: "[hidden]",
    reason: /did you mean "cockroach:apikey"\?/,
    allowed: /cockroach:apikey/,
    secret: API_KEY_VALUE,
  },
  {
    name: "cockroach:apikey in plain text",
    config: stackConfig({ "cockroach:apikey": API_KEY_VALUE }),
    key: "cockroach:apikey",
    value: "[hidden]",
    reason: /is in plain text in the stack file/,
    allowed: /`pulumi config set --secret cockroach:apikey <key>`.*rotate it/,
    secret: API_KEY_VALUE,
  },
  {
    name: "an API key under our namespace (issue 8 case 14)",
    config: stackConfig({ apikey: API_KEY_VALUE }),
    key: `${NS}:apikey`,
    value: "[hidden]",
    reason: /unknown key \(the Cloud API key goes in cockroach:apikey, as a secret\)/,
    allowed: /clusterId, vpc/,
    secret: API_KEY_VALUE,
  },
  {
    name: "cluster ID encrypted (secure:) where plain text is expected",
    config: stackConfig({ clusterId: undefined }),
    secretKeys: [`${NS}:clusterId`],
    key: `${NS}:clusterId`,
    value: "[hidden]",
    reason: /is encrypted \(secure:\), which it need not be: it is not a secret/,
    allowed: /plain text: `pulumi config rm crdb-private-endpoints:clusterId`/,
  },
  {
    name: "tags given as an empty list",
    config: stackConfig({ tags: [] }),
    key: `${NS}:tags`,
    value: "[]",
    reason: /^is an empty list$/,
    allowed: /a map of up to 49 tag keys/,
  },
  {
    name: "vpc given as a string",
    config: stackConfig({ vpc: "10.40.0.0/16" }),
    key: `${NS}:vpc`,
    value: '"10.40.0.0/16"',
    reason: /^is a string$/,
    allowed: /a map with cidrBlock/,
  },
  {
    name: "regions given as a map",
    config: stackConfig({ regions: { "us-east-1": {} } }),
    key: `${NS}:regions`,
    value: '{"us-east-1":{}}',
    reason: /^is a map$/,
    allowed: /a list of maps/,
  },
  {
    name: "port with no value after the colon",
    config: stackConfig({ port: null }),
    key: `${NS}:port`,
    value: "null",
    reason: /^is empty/,
    allowed: /integer from 1 to 65535/,
  },
  {
    name: "one existing VPC in two regions entries",
    config: stackConfig({
      vpc: undefined,
      regions: [
        { region: "us-east-1", vpc: { vpcId: EXISTING_VPC.id, subnetIds: [EXISTING_SUBNETS[0]!.id] } },
        { region: "us-west-2", vpc: { vpcId: EXISTING_VPC.id, subnetIds: [EXISTING_SUBNETS[1]!.id] } },
      ],
    }),
    key: `${NS}:regions[1].vpc.vpcId`,
    value: `"${EXISTING_VPC.id}"`,
    reason: /is also in regions\[0\] \(us-east-1\); a VPC and its subnets belong to one region/,
    allowed: /a VPC of us-west-2/,
  },
  {
    name: "one existing subnet in two regions entries",
    config: stackConfig({
      vpc: undefined,
      regions: [
        { region: "us-east-1", vpc: { vpcId: EXISTING_VPC.id, subnetIds: [EXISTING_SUBNETS[0]!.id] } },
        { region: "us-west-2", vpc: { vpcId: "vpc-0fedcba9876543210", subnetIds: [EXISTING_SUBNETS[0]!.id] } },
      ],
    }),
    key: `${NS}:regions[1].vpc.subnetIds[0]`,
    value: `"${EXISTING_SUBNETS[0]!.id}"`,
    reason: /is also in regions\[0\] \(us-east-1\)/,
    allowed: /that no other entry uses/,
  },
];
