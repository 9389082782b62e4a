// Deterministic answers to the AWS invokes the program makes, so the plan needs no AWS account. The account has
// AZs az1 to az4 in every region; the fake cluster's endpoint service leaves az3 out, so the plan shows the AZ
// intersection at work. Existing VPCs (from the stack config) have DNS support and hostnames on; their subnets sit
// in az1, az2, ... in the order the stack lists them.
import { awsAzIdPrefix as zoneIdPrefix } from "../../components/core/checks";
import type { ExistingVpcEndpoint } from "../../components/aws/vpcEndpointsToService";
import { NAMESPACE } from "../../program/config/schema";

const ACCOUNT_AZ_NUMBERS = [1, 2, 3, 4];
const SERVICE_AZ_NUMBERS = [1, 2, 4];

export function accountAzIds(region: string): string[] {
  return ACCOUNT_AZ_NUMBERS.map((n) => `${zoneIdPrefix(region)}-az${n}`);
}

/** The AZ IDs to seed the fake endpoint service with. */
export function serviceAzIds(region: string): string[] {
  return SERVICE_AZ_NUMBERS.map((n) => `${zoneIdPrefix(region)}-az${n}`);
}

/** Existing VPCs the stack config names, with their subnets in the order listed. */
export type ExistingVpcs = Map<string, string[]>;

export interface MockCall {
  token: string;
  inputs: Record<string, unknown>;
}

/** Answers an AWS invoke, or undefined for a token this mock does not know. */
export function answerAwsInvoke(call: MockCall, defaultRegion: string, vpcs: ExistingVpcs): Record<string, unknown> | undefined {
  const region = typeof call.inputs.region === "string" ? call.inputs.region : defaultRegion;
  switch (call.token) {
    case "aws:index/getRegion:getRegion":
      return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
    case "aws:index/getAvailabilityZones:getAvailabilityZones": {
      const zoneIds = accountAzIds(region);
      return { id: region, region, zoneIds, names: zoneIds.map((_, i) => `${region}${"abcdef"[i]}`), groupNames: [] };
    }
    case "aws:ec2/getVpc:getVpc": {
      const id = String(call.inputs.id);
      const index = [...vpcs.keys()].indexOf(id);
      return {
        id,
        region,
        cidrBlock: `10.${100 + Math.max(index, 0)}.0.0/16`,
        enableDnsSupport: true,
        enableDnsHostnames: true,
      };
    }
    case "aws:ec2/getSubnet:getSubnet": {
      const id = String(call.inputs.id);
      for (const [vpcId, subnetIds] of vpcs) {
        const index = subnetIds.indexOf(id);
        if (index >= 0) {
          return { id, region, vpcId, availabilityZoneId: `${zoneIdPrefix(region)}-az${index + 1}` };
        }
      }
      return { id, region, vpcId: "vpc-unknown", availabilityZoneId: `${zoneIdPrefix(region)}-az1` };
    }
    default:
      return undefined;
  }
}

/** The existing VPCs a stack config names (top level and regions entries), with their subnets. */
export function existingVpcsOf(config: Record<string, string>): ExistingVpcs {
  const vpcs: ExistingVpcs = new Map();
  const add = (vpc: unknown) => {
    const { vpcId, subnetIds } = (vpc ?? {}) as { vpcId?: unknown; subnetIds?: unknown };
    if (typeof vpcId === "string") vpcs.set(vpcId, Array.isArray(subnetIds) ? subnetIds.map(String) : []);
  };
  add(parseJson(config[`${NAMESPACE}:vpc`]));
  const entries = parseJson(config[`${NAMESPACE}:regions`]);
  if (Array.isArray(entries)) for (const entry of entries) add((entry as { vpc?: unknown })?.vpc);
  return vpcs;
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The interface endpoints an existing VPC has to an endpoint service (the TiDB target's check for a second
 * endpoint): none in the mock account, so a plan shows the endpoint it would create.
 */
export function existingVpcEndpointsToService(_vpcId: string, _serviceName: string): ExistingVpcEndpoint[] {
  return [];
}
