// One stack config -> one spec per region, each built by its path's route. Without `regions`, the single region is
// `aws:region` (else `gcp:region`) with the top-level settings. With `regions`, each entry's settings override the top-level ones: values and lists replace,
// `tags` merge (an entry's tag wins over a top-level tag of the same key).
import { checkAwsRegion } from "../components/core/checks";
import { checkRegionCode, regionCloud } from "./config/regionCode";
import { type ConfigIssue, configKey } from "./config/errors";
import type { ProgramConfig } from "./config/read";
import { NAMESPACE, REGION_SETTING_KEYS, type RegionSettings, type StackConfig } from "./config/schema";

export interface RegionSpec {
  region: string;
  /** Resource name of the region's component, stable for the region: `crdb-us-east-1`. */
  name: string;
  /** The path the config names for the region (the entry's, else the top level's); else the target's default. */
  path?: string;
  /** The region's settings: the entry's over the top level's. */
  settings: RegionSettings;
  /** The config key a component argument came from, e.g. `vpc.cidrBlock` -> `crdb-private-endpoints:regions[1].vpc.cidrBlock`. */
  keyOf(argument: string): string;
}

/** Names a region's component: stable for the region, e.g. `crdb-us-east-1`. */
export type ComponentNamer = (region: string) => string;

/** The regions of a stack and the problems found in working them out (none means every spec is complete). */
export function expandRegions(config: ProgramConfig, componentName: ComponentNamer): { specs: RegionSpec[]; issues: ConfigIssue[] } {
  const { regions, ...defaults } = regionSettingsOf(config.settings);
  const issues: ConfigIssue[] = [];
  if (regions?.some((entry) => entry !== null && usesAwsPath(entry.region, entry.path ?? defaults.path))) {
    checkProviderRegion(config, issues);
  }
  const specs =
    regions === undefined
      ? singleRegion(config, defaults, issues, componentName)
      : regions.flatMap((entry, i) => {
          // An entry the schema refused is left out here (its problems are reported), keeping the others' indices.
          if (entry === null) return [];
          const { region, ...overrides } = entry;
          return spec(region, merge(defaults, overrides), componentName, (argument) => {
            const root = rootOf(argument);
            if (root === "region") return configKey(NAMESPACE, ["regions", i, "region"]);
            const fromEntry = root in overrides || !(root in defaults);
            return `${NAMESPACE}:${fromEntry ? `regions[${i}].` : ""}${argument}`;
          });
        });

  if (regions !== undefined && defaults.vpc?.vpcId !== undefined) {
    const inheriting = regions.filter((entry) => entry !== null && entry.vpc === undefined).map((entry) => entry?.region);
    if (inheriting.length > 1) {
      issues.push({
        key: `${NAMESPACE}:vpc.vpcId`,
        value: defaults.vpc.vpcId,
        reason: `an existing VPC is in one region, but ${inheriting.join(", ")} would all use it`,
        allowed: "vpc set in each regions entry",
      });
    }
  }
  if (regions !== undefined) issues.push(...sharedNetworks(regions));
  return { specs, issues };
}

/** The per-region settings and `regions`; cluster-level keys are not region defaults. */
function regionSettingsOf(settings: StackConfig): RegionSettings & Pick<StackConfig, "regions"> {
  const picked: Record<string, unknown> = {};
  for (const key of [...REGION_SETTING_KEYS, "regions"]) {
    if ((settings as Record<string, unknown>)[key] !== undefined) picked[key] = (settings as Record<string, unknown>)[key];
  }
  return picked as RegionSettings & Pick<StackConfig, "regions">;
}

/** An existing VPC (and its subnets) is in one region: two entries naming the same one cannot both be right. */
function sharedNetworks(regions: NonNullable<StackConfig["regions"]>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const firstUse = new Map<string, number>();
  const claim = (id: string, i: number, path: string) => {
    const first = firstUse.get(id);
    if (first === undefined) {
      firstUse.set(id, i);
      return;
    }
    issues.push({
      key: `${NAMESPACE}:regions[${i}].${path}`,
      value: id,
      reason: `is also in regions[${first}] (${regions[first]?.region}); a VPC and its subnets belong to one region`,
      allowed: `a VPC of ${regions[i]?.region} (and its subnets) that no other entry uses`,
    });
  };
  regions.forEach((entry, i) => {
    if (entry === null) return;
    if (entry.vpc?.vpcId !== undefined) claim(entry.vpc.vpcId, i, "vpc.vpcId");
    entry.vpc?.subnetIds?.forEach((id, j) => claim(id, i, `vpc.subnetIds[${j}]`));
  });
  return issues;
}

function singleRegion(
  config: ProgramConfig,
  settings: RegionSettings,
  issues: ConfigIssue[],
  componentName: ComponentNamer,
): RegionSpec[] {
  // The provider's region key of the path the config names; without a path, aws:region, else gcp:region.
  const gcp = settings.path?.startsWith("gcp") ?? (config.awsRegion === undefined && config.gcpRegion !== undefined);
  const [key, region] = gcp ? ["gcp:region", config.gcpRegion] : ["aws:region", config.awsRegion];
  const invalid = region === undefined ? undefined : gcp ? checkRegionCode(region) : checkAwsRegion(region);
  if (region === undefined || invalid) {
    issues.push({
      key,
      value: region,
      reason: invalid?.reason ?? `is required without ${NAMESPACE}:regions`,
      allowed: gcp
        ? "a GCP region code such as us-central1 (`pulumi config set gcp:region us-central1`)"
        : "an AWS region code such as us-east-1 (`pulumi config set aws:region us-east-1`)",
    });
    return [];
  }
  return [spec(region, settings, componentName, (argument) => (rootOf(argument) === "region" ? key : `${NAMESPACE}:${argument}`))];
}

/** Whether a region builds on AWS: its path says so, or names none and its code is an AWS one. */
function usesAwsPath(region: string, path: string | undefined): boolean {
  return path === undefined ? regionCloud(region) === "aws" : path === "aws";
}

/**
 * With `regions`, every resource and lookup names its region, but the default AWS provider still needs one of its own
 * to start: `aws:region`, or the environment variables it falls back to. Without either, `pulumi up` would fail in
 * the provider, after the plan.
 */
function checkProviderRegion(config: ProgramConfig, issues: ConfigIssue[]): void {
  const invalid = config.awsRegion === undefined ? undefined : checkAwsRegion(config.awsRegion);
  if (invalid) {
    issues.push({ key: "aws:region", value: config.awsRegion, reason: invalid.reason, allowed: invalid.allowed });
  } else if (config.awsRegion === undefined && config.environmentRegion === undefined) {
    issues.push({
      key: "aws:region",
      value: undefined,
      reason:
        `is required with ${NAMESPACE}:regions too: each region's resources name their own region, but the default ` +
        `AWS provider needs one to start, and AWS_REGION and AWS_DEFAULT_REGION are not set either`,
      allowed:
        "an AWS region code such as us-east-1 (`pulumi config set aws:region us-east-1`; it need not be one of the " +
        "regions), or AWS_REGION set in the environment of `pulumi up`",
    });
  }
}

function spec(region: string, settings: RegionSettings, componentName: ComponentNamer, keyOf: (argument: string) => string): RegionSpec {
  return { region, name: componentName(region), ...(settings.path === undefined ? {} : { path: settings.path }), settings, keyOf };
}

function merge(defaults: RegionSettings, overrides: RegionSettings): RegionSettings {
  const merged: RegionSettings = { ...defaults, ...overrides };
  if (defaults.tags !== undefined || overrides.tags !== undefined) merged.tags = { ...defaults.tags, ...overrides.tags };
  return merged;
}

/** `vpc.cidrBlock` -> `vpc`, `allowedCidrs[2]` -> `allowedCidrs`. */
function rootOf(argument: string): string {
  return argument.split(/[.[]/)[0] as string;
}
