// Stack config of the program, namespace `crdb-private-endpoints:`. Top-level keys are the settings of the stack's
// region (`aws:region`); with `regions`, they are defaults that each entry overrides (terraform-aws-modules style).
//
// Every object is strict, so a typo is an error, not a silently ignored key. Cluster-level keys (allowlist, trusted
// owners, connection) sit beside them at the top level only (clusterSchema.ts): a stack is one cluster.
import { z } from "zod";
import { checkSecurityGroupId, checkSubnetId, checkTagKey, checkTagValue, checkVpcId, TAGS_MAX } from "../../components/aws/validate";
import {
  allowedBy,
  type Check,
  checkClusterId,
  checkPort,
  checkSourceCidr,
  checkVpcCidr,
} from "../../components/core/checks";
import { clusterSettings } from "./clusterSchema";
import { gcpRegionSettings } from "./gcpSchema";
import { checkRegionCode } from "./regionCode";
import { tidbSettings } from "./tidbSchema";

export const NAMESPACE = "crdb-private-endpoints";

/** A string that must pass `check`; the issue's message is what is allowed, `params.reason` what is wrong. */
function text(check: Check<string>) {
  return z.string({ error: allowedBy(check) }).superRefine((value, ctx) => {
    const invalid = check(value);
    if (invalid) ctx.addIssue({ code: "custom", message: invalid.allowed, params: { reason: invalid.reason } });
  });
}

/** A list of distinct strings, each passing `check`. */
function list(check: Check<string>) {
  return z.array(text(check), { error: `a list, each ${allowedBy(check)}` }).superRefine((items, ctx) => {
    items.forEach((item, i) => {
      if (items.indexOf(item) !== i) {
        ctx.addIssue({ code: "custom", path: [i], message: "each value once", params: { reason: "is listed twice" } });
      }
    });
  });
}

export const VPC_KEYS = ["cidrBlock", "vpcId", "subnetIds"] as const;

const vpc = z.strictObject(
  {
    cidrBlock: text(checkVpcCidr).optional(),
    vpcId: text(checkVpcId).optional(),
    subnetIds: list(checkSubnetId).optional(),
  },
  { error: "a map with cidrBlock (create a VPC), or vpcId and subnetIds (use an existing VPC)" },
);

/**
 * YAML reads `costCenter: 1234` as a number and `billable: true` as a boolean, where the user meant the text; AWS
 * tag values are strings, so those become their text. Anything else (maps, lists, null) is left to be refused.
 */
function tagText(value: unknown): unknown {
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

const tags = z
  .record(z.string(), z.unknown(), { error: `a map of up to ${TAGS_MAX} tag keys to string values` })
  .superRefine((map, ctx) => {
    const entries = Object.entries(map);
    if (entries.length > TAGS_MAX) {
      ctx.addIssue({ code: "custom", message: `at most ${TAGS_MAX} tags`, params: { reason: "too many tags" } });
    }
    for (const [key, value] of entries) {
      const badKey = checkTagKey(key);
      if (badKey) ctx.addIssue({ code: "custom", path: [key], message: badKey.allowed, params: { reason: badKey.reason } });
      const badValue = checkTagValue(tagText(value));
      if (badValue) {
        ctx.addIssue({ code: "custom", path: [key], message: badValue.allowed, params: { reason: badValue.reason } });
      }
    }
  })
  .transform((map) => Object.fromEntries(Object.entries(map).map(([key, value]) => [key, tagText(value) as string])));

/**
 * CockroachDB cluster IDs are lower-case UUIDs. Any case is accepted and lower-cased here, before anything uses it,
 * so names, inputs and lookups see one form: a case-only edit changes nothing, and mixed cases are one cluster.
 */
const clusterId = text(checkClusterId).transform((value) => value.toLowerCase());

/** The settings of one region; top-level keys are their defaults. */
const regionSettings = {
  clusterId: clusterId.optional(),
  vpc: vpc.optional(),
  allowedCidrs: list(checkSourceCidr).optional(),
  allowedSecurityGroupIds: list(checkSecurityGroupId).optional(),
  port: z.number({ error: "an integer from 1 to 65535" }).superRefine((value, ctx) => {
    const invalid = checkPort(value);
    if (invalid) ctx.addIssue({ code: "custom", message: invalid.allowed, params: { reason: invalid.reason } });
  }).optional(),
  privateDns: z.boolean({ error: "true or false" }).optional(),
  tags: tags.optional(),
  /**
   * How the network gets to the target: a path the target has a route for (checked with the target, which knows
   * them). Default: from the region code's cloud (us-east-1: aws; us-central1: gcp-psc).
   */
  path: z.string({ error: "a path name such as aws" }).optional(),
  // The GCP paths' settings (gcp-psc, gcp-peering); each route refuses the other paths' keys.
  ...gcpRegionSettings,
  /** The TiDB target's settings (target: tidb): its cluster or service, and what to do about an endpoint already there. */
  tidb: tidbSettings.optional(),
};

export const REGION_ENTRY_KEYS = ["region", ...Object.keys(regionSettings)];

const regionEntry = z.strictObject(
  { region: text(checkRegionCode), ...regionSettings },
  { error: `a map with region and optionally ${Object.keys(regionSettings).join(", ")}` },
);

const regions = z
  .array(regionEntry, { error: "a list of maps, each with a region and its overrides" })
  .min(1, { error: "at least one entry; remove the key for the single region of aws:region" })
  .superRefine((entries, ctx) => {
    entries.forEach((entry, i) => {
      const first = entries.findIndex((e) => e.region === entry.region);
      if (first !== i) {
        ctx.addIssue({
          code: "custom",
          path: [i, "region"],
          message: "each region once (one VPC endpoint per region)",
          params: { reason: `is listed twice (also regions[${first}])` },
        });
      }
    });
  });

/** What the stack connects to, a target the program has (checked with the registry). Default: cockroach. */
const target = z.string({ error: "a target name such as cockroach" }).optional();

export const stackConfigSchema = z.strictObject({ target, ...regionSettings, regions: regions.optional(), ...clusterSettings });

export const TOP_LEVEL_KEYS = Object.keys(stackConfigSchema.shape);

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type RegionSettings = Pick<StackConfig, keyof typeof regionSettings>;
export const REGION_SETTING_KEYS = Object.keys(regionSettings);
