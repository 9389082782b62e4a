// Stack configs the bench deploys: the example dev stack (one region), the same stack moved to another region, and
// one stack holding N regions (each with its own /16 VPC, default allowed source = its VPC CIDR).
import { readStackFile } from "../../tools/plan/stackFile";
import { PROJECT_DIR } from "../../tools/plan/cli";

const NS = "crdb-private-endpoints";

/** Twenty commercial AWS regions, for the multi-region figures. */
export const BENCH_REGIONS = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
  "eu-central-1", "eu-north-1", "eu-south-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1",
  "ap-northeast-2", "ap-northeast-3", "sa-east-1", "me-south-1", "af-south-1",
] as const;

/** The committed dev stack's config (one region, us-east-1). */
export function devStackConfig(): Record<string, string> {
  return readStackFile(PROJECT_DIR, "dev").config;
}

/** The dev stack in `region`, with a VPC of its own: what one stack per region looks like. */
export function singleRegionConfig(region: string, index: number): Record<string, string> {
  const cidr = `10.${40 + index}.0.0/16`;
  return {
    ...devStackConfig(),
    "aws:region": region,
    [`${NS}:vpc`]: JSON.stringify({ cidrBlock: cidr }),
    [`${NS}:allowedCidrs`]: JSON.stringify([cidr]),
  };
}

/** One stack with the first `count` bench regions, the dev stack's settings as defaults. */
export function multiRegionConfig(count: number): Record<string, string> {
  if (count < 1 || count > BENCH_REGIONS.length) throw new Error(`1 to ${BENCH_REGIONS.length} regions, got ${count}`);
  const config = { ...devStackConfig() };
  delete config[`${NS}:vpc`];
  delete config[`${NS}:allowedCidrs`];
  config[`${NS}:regions`] = JSON.stringify(
    BENCH_REGIONS.slice(0, count).map((region, i) => ({ region, vpc: { cidrBlock: `10.${40 + i}.0.0/16` } })),
  );
  return config;
}
