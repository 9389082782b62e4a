// Cluster-level settings: the IP allowlist and the trusted owners of the stack's one cluster. Checked with the rest
// of the config (before anything registers), built as top-level resources named after their config keys, so adding
// or removing one entry never touches another.
import * as pulumi from "@pulumi/pulumi";
import type { ClusterFacts } from "../components/aws";
import { AllowList, AllowListEntryRemoval, PrivateEndpointTrustedOwner } from "../components/cockroach";
import type { ConfigIssue } from "./config/errors";
import {
  ANYWHERE,
  CLUSTER_LEVEL_KEYS,
  OPEN_TO_INTERNET_KEY,
  REMOVE_DEFAULT_KEY,
  type AllowlistEntryConfig,
  allowlistLimit,
} from "./config/clusterSchema";
import { NAMESPACE, type StackConfig } from "./config/schema";
import type { RegionSpec } from "./regions";

export const DEFAULT_SQL = true;
export const DEFAULT_UI = false;

/** Problems of the cluster-level keys that need no lookup, and the warnings they earn. */
export function clusterLevelIssues(settings: StackConfig, specs: readonly RegionSpec[]): { issues: ConfigIssue[]; warnings: string[] } {
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const set = CLUSTER_LEVEL_KEYS.filter((key) => (settings as Record<string, unknown>)[key] !== undefined);
  const clusters = [...new Set(specs.map((s) => s.settings.clusterId).filter((id) => id !== undefined))];
  if (clusters.length > 1) {
    for (const key of set) {
      issues.push({
        key: `${NAMESPACE}:${key}`,
        value: (settings as Record<string, unknown>)[key],
        reason: `is cluster-level, but the regions name ${clusters.length} clusters (${clusters.join(", ")})`,
        allowed: "one cluster per stack (one clusterId at the top level); use a stack per cluster",
      });
    }
  }
  for (const [name, entry] of Object.entries(settings.allowlist ?? {})) {
    if (entry.cidr !== ANYWHERE) continue;
    if (settings[REMOVE_DEFAULT_KEY] === true) {
      issues.push({
        key: `${NAMESPACE}:allowlist.${name}.cidr`,
        value: entry.cidr,
        reason: `is the entry ${NAMESPACE}:${REMOVE_DEFAULT_KEY} removes`,
        allowed: `one of the two: keep ${ANYWHERE} in the allowlist, or remove it with ${REMOVE_DEFAULT_KEY}: true`,
      });
    } else if (settings[OPEN_TO_INTERNET_KEY] !== true) {
      issues.push({
        key: `${NAMESPACE}:allowlist.${name}.cidr`,
        value: entry.cidr,
        reason: "opens the cluster to every address on the internet",
        allowed:
          `a narrower IPv4 CIDR block (private networks reached over the endpoint need no entry); or, if that is ` +
          `really meant, ${NAMESPACE}:${OPEN_TO_INTERNET_KEY}: true beside the allowlist`,
      });
    } else {
      warnings.push(
        `!!! ${NAMESPACE}:allowlist.${name} is ${ANYWHERE}: ANY address on the internet may try to connect to the ` +
          `cluster (${describeAccess(entry)}), acknowledged by ${NAMESPACE}:${OPEN_TO_INTERNET_KEY}. Only SQL ` +
          `passwords and certificates stand between the internet and your data; remove the entry once private ` +
          `connectivity is in use.`,
      );
    }
  }
  return { issues, warnings };
}

/** The documented allowlist limit of the cluster's plan and cloud, checked once the cluster is known. */
export function clusterFactIssues(settings: StackConfig, cluster: ClusterFacts | undefined): ConfigIssue[] {
  const count = Object.keys(settings.allowlist ?? {}).length;
  if (cluster === undefined || count === 0) return [];
  const limit = allowlistLimit(cluster.plan, cluster.cloudProvider);
  if (count <= limit) return [];
  return [
    {
      key: `${NAMESPACE}:allowlist`,
      value: `${count} entries`,
      reason: `has ${count} entries, more than the ${limit} a ${cluster.plan} cluster on ${cluster.cloudProvider} allows`,
      allowed: `at most ${limit} entries (Advanced on AWS 20, on GCP or Azure 200; Basic and Standard 50): merge CIDR blocks`,
    },
  ];
}

function describeAccess(entry: AllowlistEntryConfig): string {
  const sql = entry.sql ?? DEFAULT_SQL;
  const ui = entry.ui ?? DEFAULT_UI;
  return [sql ? "SQL" : undefined, ui ? "DB Console" : undefined].filter(Boolean).join(" and ");
}

export interface ClusterResources {
  allowlist: Record<string, AllowList>;
  trustedOwners: Record<string, PrivateEndpointTrustedOwner>;
  defaultEntryRemoval?: AllowListEntryRemoval;
}

/** Whether the stack has cluster-level resources to build. */
export function hasClusterResources(settings: StackConfig): boolean {
  return settings.allowlist !== undefined || settings.trustedOwners !== undefined || settings[REMOVE_DEFAULT_KEY] === true;
}

/**
 * One `AllowList` per entry and one `PrivateEndpointTrustedOwner` per account, exactly as configured; and, when
 * asked, the removal of the default `0.0.0.0/0` entry, which waits for `privatePathReady` (every region's endpoint
 * available) and for the configured entries: the public door closes only once the private one is open.
 */
export function buildClusterResources(
  clusterId: string,
  settings: StackConfig,
  privatePathReady: pulumi.Resource[],
): ClusterResources {
  const allowlist: Record<string, AllowList> = {};
  for (const [name, entry] of Object.entries(settings.allowlist ?? {})) {
    const [cidrIp, mask] = entry.cidr.split("/") as [string, string];
    allowlist[name] = new AllowList(`crdb-allowlist-${name}`, {
      clusterId,
      cidrIp,
      cidrMask: Number(mask),
      sql: entry.sql ?? DEFAULT_SQL,
      ui: entry.ui ?? DEFAULT_UI,
      name,
    });
  }
  const trustedOwners: Record<string, PrivateEndpointTrustedOwner> = {};
  for (const accountId of settings.trustedOwners ?? []) {
    trustedOwners[accountId] = new PrivateEndpointTrustedOwner(`crdb-trusted-owner-${accountId}`, {
      clusterId,
      type: "AWS_ACCOUNT_ID",
      externalOwnerId: accountId,
    });
  }
  const resources: ClusterResources = { allowlist, trustedOwners };
  if (settings[REMOVE_DEFAULT_KEY] === true) {
    resources.defaultEntryRemoval = new AllowListEntryRemoval(
      "crdb-allowlist-remove-default",
      { clusterId, cidrIp: "0.0.0.0", cidrMask: 0 },
      { dependsOn: [...privatePathReady, ...Object.values(allowlist)] },
    );
  }
  return resources;
}

/** Stack output: what the cluster-level resources are, keyed like the config. */
export function clusterOutputs(resources: ClusterResources): Record<string, unknown> {
  return {
    allowlist: Object.fromEntries(
      Object.entries(resources.allowlist).map(([name, entry]) => [
        name,
        pulumi.all([entry.cidrIp, entry.cidrMask, entry.sql, entry.ui]).apply(([ip, mask, sql, ui]) => ({ cidr: `${ip}/${mask}`, sql, ui })),
      ]),
    ),
    trustedOwners: Object.keys(resources.trustedOwners),
    ...(resources.defaultEntryRemoval === undefined ? {} : { defaultEntryRemoved: resources.defaultEntryRemoval.removed }),
  };
}
