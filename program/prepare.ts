// Everything that can reject a stack, for every region, before the first resource is registered: argument checks,
// fact lookups (in parallel across regions), plans. Problems come back as config keys, all regions at once.
import {
  AwsPrivateLinkArgumentError,
  type AwsPrivateLinkFacts,
  AwsPrivateLinkLookupError,
  type AwsPrivateLinkLookups,
  type AwsPrivateLinkPlan,
  type CheckedArgs,
  checkAwsPrivateLinkArgs,
  lookupAwsPrivateLinkFacts,
  planAwsPrivateLink,
} from "../components/aws";
import { CloudApiAccessError, apiAccessProblem } from "./apiAccess";
import { type ConfigIssue, StackConfigError, distinctIssues, newIssues } from "./config/errors";
import type { RegionSpec } from "./regions";

/** A region ready to build: its plan, computed once here, is what its `AwsPrivateLink` is constructed from. */
export interface PreparedRegion {
  spec: RegionSpec;
  facts: AwsPrivateLinkFacts;
  plan: AwsPrivateLinkPlan;
}

/** What a failed lookup asks of the setting it was for. */
const LOOKUP_HINTS: Record<string, string> = {
  clusterId: "the ID of an existing cluster that the API key's service account can read",
  region: "a region enabled for the AWS account",
  "vpc.vpcId": "a VPC that exists in the region, readable with the AWS credentials in use",
  "vpc.subnetIds": "subnets that exist in the region, readable with the AWS credentials in use",
};

/**
 * @param earlier problems already found in the config; reported together with those of the argument checks
 * @param afterLookup checks that need the regions' facts (cluster-level settings), run with the lookups' problems
 * @throws StackConfigError naming every bad setting of every region
 * @throws CloudApiAccessError when the Cloud API cannot be used at all (unreachable, key refused)
 */
export async function prepareRegions(
  specs: RegionSpec[],
  lookups: AwsPrivateLinkLookups,
  earlier: readonly ConfigIssue[] = [],
  afterLookup: (prepared: PreparedRegion[]) => ConfigIssue[] = () => [],
): Promise<PreparedRegion[]> {
  const argumentIssues: ConfigIssue[] = [];
  const checked = specs.map((spec) => {
    try {
      return checkAwsPrivateLinkArgs(spec.name, spec.args);
    } catch (err) {
      argumentIssues.push(...issuesOf(err, spec));
      return undefined;
    }
  });
  const issues: ConfigIssue[] = [...earlier, ...newIssues(earlier, argumentIssues)];
  throwIfAny(issues);
  const access = new Set<string>();
  const attempt = <T>(spec: RegionSpec, step: () => T): T | undefined => {
    try {
      return step();
    } catch (err) {
      issues.push(...issuesOf(err, spec, access));
      return undefined;
    }
  };

  const onePerCluster = sharedClusterLookups(lookups);
  const looked = await Promise.allSettled(
    specs.map((_, i) => lookupAwsPrivateLinkFacts(checked[i] as CheckedArgs, onePerCluster)),
  );
  const prepared: PreparedRegion[] = [];
  looked.forEach((result, i) => {
    const spec = specs[i] as RegionSpec;
    if (result.status === "rejected") {
      issues.push(...issuesOf(result.reason, spec, access));
      return;
    }
    const plan = attempt(spec, () => planAwsPrivateLink(spec.name, checked[i] as CheckedArgs, result.value));
    if (plan) prepared.push({ spec, facts: result.value, plan });
  });
  if (access.size > 0) throw new CloudApiAccessError([...access], distinctIssues(issues));
  issues.push(...afterLookup(prepared));
  throwIfAny(issues);
  return prepared;
}

/**
 * Regions of one cluster share its facts: look the cluster and its endpoint services up once per cluster, not once
 * per region (each is a Cloud API request under a 10 requests/s limit).
 */
function sharedClusterLookups(lookups: AwsPrivateLinkLookups): AwsPrivateLinkLookups {
  const clusters = new Map<string, ReturnType<AwsPrivateLinkLookups["cluster"]>>();
  const services = new Map<string, ReturnType<AwsPrivateLinkLookups["endpointServices"]>>();
  const once = <T>(cache: Map<string, Promise<T>>, key: string, lookup: () => Promise<T>): Promise<T> => {
    let pending = cache.get(key);
    if (pending === undefined) cache.set(key, (pending = lookup()));
    return pending;
  };
  return {
    ...lookups,
    cluster: (clusterId) => once(clusters, clusterId, () => lookups.cluster(clusterId)),
    endpointServices: (clusterId) => once(services, clusterId, () => lookups.endpointServices(clusterId)),
  };
}

function throwIfAny(issues: ConfigIssue[]): void {
  if (issues.length > 0) throw new StackConfigError(distinctIssues(issues));
}

function issuesOf(err: unknown, spec: RegionSpec, access?: Set<string>): ConfigIssue[] {
  if (err instanceof AwsPrivateLinkArgumentError) {
    return err.problems.map((p) => ({ key: spec.keyOf(p.argument), value: p.value, reason: p.reason, allowed: p.allowed }));
  }
  if (err instanceof AwsPrivateLinkLookupError) {
    const unusable = apiAccessProblem(err.cause);
    if (unusable !== undefined && access !== undefined) {
      access.add(unusable);
      return [];
    }
    const cause = (err.cause as Error | undefined)?.message ?? String(err.cause);
    return [
      {
        key: spec.keyOf(err.argument),
        value: err.value,
        reason: `could not be looked up (${cause})`,
        allowed: LOOKUP_HINTS[err.argument] ?? "a value that exists",
      },
    ];
  }
  throw err;
}
