// Answers to the AWS data-source invokes the program makes (`aws:index/getRegion`, `getAvailabilityZones`,
// `ec2/getVpc`, `ec2/getSubnet`), from the fake account: AZ IDs az1 to az4 in every region, and the existing VPCs
// and subnets the caller declares (DNS support and hostnames on unless declared otherwise).
import { awsAzIdPrefix as zoneIdPrefix } from "../../components/core/checks";
import type { PropertyMap } from "./protocol";

export function azIds(region: string, numbers: readonly number[]): string[] {
  return numbers.map((n) => `${zoneIdPrefix(region)}-az${n}`);
}

export const ACCOUNT_AZ_NUMBERS = [1, 2, 3, 4] as const;

/** A VPC that exists in the fake account before the program runs. */
export interface ExistingVpc {
  vpcId: string;
  region: string;
  cidrBlock: string;
  /** Subnet ID -> AZ number (1 -> use1-az1). */
  subnets: Record<string, number>;
  enableDnsSupport?: boolean;
  enableDnsHostnames?: boolean;
}

export class UnknownInvokeError extends Error {}

export function answerAwsInvoke(token: string, args: PropertyMap, defaultRegion: string, vpcs: readonly ExistingVpc[]): PropertyMap {
  const region = typeof args.region === "string" ? args.region : defaultRegion;
  switch (token) {
    case "aws:index/getRegion:getRegion":
      return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
    case "aws:index/getAvailabilityZones:getAvailabilityZones": {
      const zoneIds = azIds(region, ACCOUNT_AZ_NUMBERS);
      return { id: region, region, zoneIds, names: zoneIds.map((_, i) => `${region}${"abcdef"[i]}`), groupNames: [] };
    }
    case "aws:ec2/getVpc:getVpc": {
      const vpc = vpcs.find((v) => v.vpcId === args.id);
      if (!vpc) throw new Error(`no matching EC2 VPC found (id ${String(args.id)})`);
      return {
        id: vpc.vpcId,
        region,
        cidrBlock: vpc.cidrBlock,
        enableDnsSupport: vpc.enableDnsSupport ?? true,
        enableDnsHostnames: vpc.enableDnsHostnames ?? true,
      };
    }
    case "aws:ec2/getSubnet:getSubnet": {
      for (const vpc of vpcs) {
        const az = vpc.subnets[String(args.id)];
        if (az !== undefined) return { id: args.id, region, vpcId: vpc.vpcId, availabilityZoneId: `${zoneIdPrefix(region)}-az${az}` };
      }
      throw new Error(`no matching EC2 Subnet found (id ${String(args.id)})`);
    }
    default:
      throw new UnknownInvokeError(`the fake AWS account does not answer the invoke ${token}`);
  }
}
