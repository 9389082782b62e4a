// Subnet CIDR blocks of a VPC the component creates.
//
// The rule: the VPC CIDR (/16 to /24) is cut into 16 equal blocks (prefix + 4: a /16 gives /20s, a /24 gives /28s,
// AWS's smallest subnet). The AZ whose ID ends in "-azN" gets block N (use1-az1 the first, use1-az4 the fourth).
// A subnet's CIDR therefore depends only on the VPC CIDR and its own AZ ID: adding or dropping an AZ never moves
// another subnet (which would replace it and the endpoint with it). Regions have at most six AZs today, so the
// upper blocks stay free for anything else the VPC may need.
import { Address4 } from "ip-address";
import { azNumber } from "../core/checks";

export const SUBNET_BLOCKS = 16;
const BLOCK_BITS = Math.log2(SUBNET_BLOCKS);

/** The subnet CIDR block of `azId` in `vpcCidr`, e.g. ("10.40.0.0/16", "use1-az4") -> "10.40.48.0/20". */
export function subnetCidrForAz(vpcCidr: string, azId: string): string {
  const n = azNumber(azId);
  if (n === undefined || n < 1 || n > SUBNET_BLOCKS) {
    throw new RangeError(`AZ ID ${JSON.stringify(azId)} has no block: the rule covers -az1 to -az${SUBNET_BLOCKS}`);
  }
  const vpc = new Address4(vpcCidr);
  const prefix = vpc.subnetMask + BLOCK_BITS;
  const blockSize = 1n << BigInt(32 - prefix);
  const start = vpc.startAddress().bigInt() + BigInt(n - 1) * blockSize;
  return `${Address4.fromBigInt(start).correctForm()}/${prefix}`;
}

/** Whether `azId` has a block under the rule (its number is 1 to 16). */
export function hasSubnetBlock(azId: string): boolean {
  const n = azNumber(azId);
  return n !== undefined && n >= 1 && n <= SUBNET_BLOCKS;
}
