// The TiDB Cloud Serverless target of the program (`crdb-private-endpoints:target: tidb`): each region reaches TiDB's
// endpoint service over its path's route. No cluster-level resources: TiDB's private endpoint authorization is
// Console-only, and one endpoint per region serves every cluster of the organization. CockroachDB's cluster-level
// keys (and its clusterId) are refused with the TiDB key to use instead.
import { NAMESPACE } from "../config/schema";
import { regionCloud } from "../config/regionCode";
import type { ConfigIssue } from "../config/errors";
import { type TidbAwsPrepared, tidbAws } from "../routes/tidbAws";
import type { ProgramTarget } from "./types";

/** CockroachDB-only stack keys and what to say about them. */
const COCKROACH_ONLY: Record<string, string> = {
  allowlist: "TiDB Serverless's public-endpoint allowlist is not managed here (TiDB Cloud console, Networking)",
  allowlistOpenToInternet: "it belongs to the CockroachDB allowlist",
  removeDefaultAllowlistEntry: "it belongs to the CockroachDB allowlist",
  trustedOwners: "TiDB's private endpoint authorization is Console-only; with no rule, every private endpoint may connect",
};

export const tidbTarget: ProgramTarget<TidbAwsPrepared, undefined> = {
  componentName: (region) => `tidb-${region}`,

  routes: {
    aws: tidbAws,
  },

  defaultPath: (region) => (regionCloud(region) === "aws" ? "aws" : undefined),

  checkSettings(config, specs) {
    const issues: ConfigIssue[] = [];
    const settings = config.settings as Record<string, unknown>;
    for (const [key, why] of Object.entries(COCKROACH_ONLY)) {
      if (settings[key] !== undefined) {
        issues.push({ key: `${NAMESPACE}:${key}`, value: settings[key], reason: `is a CockroachDB setting, and the stack's target is tidb: ${why}`, allowed: "no such key with target: tidb" });
      }
    }
    // clusterId is read by every route as CockroachDB's UUID; TiDB's cluster sits in the tidb map.
    for (const spec of specs) {
      if (spec.settings.clusterId !== undefined) {
        issues.push({
          key: spec.keyOf("clusterId"),
          value: spec.settings.clusterId,
          reason: "is a CockroachDB cluster's ID, and the stack's target is tidb",
          allowed: `tidb.clusterId (the TiDB cluster's numeric ID, quoted), or tidb.service`,
        });
      }
    }
    return { issues: distinctByKey(issues), warnings: [] };
  },

  checkPrepared: () => [],
  buildShared: () => undefined,
  buildStackLevel: () => undefined,
};

function distinctByKey(issues: ConfigIssue[]): ConfigIssue[] {
  return issues.filter((issue, i) => issues.findIndex((other) => other.key === issue.key) === i);
}
