// Everything that can reject a stack, for every region, before the first resource is registered: which route builds
// each region, each route's checks, then its lookups (in parallel across regions) and plan. Problems come back as
// config keys, all regions at once.
import { CloudApiAccessError } from "./apiAccess";
import { type ConfigIssue, StackConfigError, distinctIssues, newIssues } from "./config/errors";
import { NAMESPACE } from "./config/schema";
import { suggestion } from "./config/similar";
import type { RegionSpec } from "./regions";
import { type PrepareContext, type ProgramLookups, RouteProblems } from "./routes/types";
import type { AnyTarget, PreparedRegion } from "./targets";

/** Settings every route reads, whatever its path: they are never "for another path". */
const COMMON_KEYS = new Set(["region", "path", "clusterId", "tags"]);

/**
 * @param earlier problems already found in the config; reported together with those of the routes' checks
 * @throws StackConfigError naming every bad setting of every region
 * @throws CloudApiAccessError when a cloud API cannot be used at all (unreachable, credentials refused)
 */
export async function prepareRegions(
  specs: readonly RegionSpec[],
  target: AnyTarget,
  context: PrepareContext,
  earlier: readonly ConfigIssue[] = [],
): Promise<PreparedRegion[]> {
  // Each region: its route, then the route's check of its settings; `checked` is what prepare starts from.
  const checked = specs.map((spec) => {
    const routed = routeOf(spec, target);
    if ("issues" in routed) return routed;
    const check = routed.route.check(spec, context);
    return "issues" in check ? check : { ...routed, checked: check.checked as unknown };
  });
  const issues: ConfigIssue[] = [...earlier, ...newIssues(earlier, checked.flatMap((c) => ("issues" in c ? c.issues : [])))];
  throwIfAny(issues);

  const shared: PrepareContext = { ...context, lookups: sharedClusterLookups(context.lookups) };
  const access = new Set<string>();
  const ready = checked.flatMap((c) => ("route" in c ? [c] : []));
  // A route whose check found no problem and yet checked nothing is a bug in that route, not a bad setting.
  if (ready.length !== specs.length) throw new Error("a route's check returned neither its checked settings nor a problem");
  const settled = await Promise.allSettled(ready.map((r, i) => r.route.prepare(specs[i] as RegionSpec, r.checked, shared)));
  const prepared: PreparedRegion[] = [];
  settled.forEach((result, i) => {
    const r = ready[i] as (typeof ready)[number];
    if (result.status === "fulfilled") {
      prepared.push({ spec: specs[i] as RegionSpec, path: r.path, route: r.route, prepared: result.value });
    } else if (result.reason instanceof RouteProblems) {
      issues.push(...result.reason.issues);
      for (const problem of result.reason.access) access.add(problem);
    } else {
      throw result.reason;
    }
  });
  if (access.size > 0) throw new CloudApiAccessError([...access], distinctIssues(issues));
  issues.push(...target.checkPrepared(context.config.settings, prepared));
  throwIfAny(issues);
  return prepared;
}

type Routed = { path: PreparedRegion["path"]; route: PreparedRegion["route"] } | { issues: ConfigIssue[] };

/** The region's route: its path (the config's, else the target's default), and no setting meant for another path. */
function routeOf(spec: RegionSpec, target: AnyTarget): Routed {
  const paths = Object.keys(target.routes);
  const path = spec.path ?? target.defaultPath(spec.region);
  const route = path === undefined ? undefined : target.routes[path as keyof typeof target.routes];
  if (path === undefined || route === undefined) {
    const named = spec.path !== undefined;
    return {
      issues: [
        {
          key: spec.keyOf(named ? "path" : "region"),
          value: named ? spec.path : spec.region,
          reason: named
            ? `is not a path to this target${suggestion(spec.path as string, paths)}`
            : path === undefined
              ? "names no cloud this target is reached from"
              : `is in a cloud whose path (${path}) this program does not build yet`,
          allowed: `a region reached by one of the paths ${paths.join(", ")} (set ${NAMESPACE}:path to choose one)`,
        },
      ],
    };
  }
  const known = new Set([...COMMON_KEYS, ...route.settingKeys]);
  const foreign = Object.keys(spec.settings).filter((key) => !known.has(key) && (spec.settings as Record<string, unknown>)[key] !== undefined);
  if (foreign.length > 0) {
    return {
      issues: foreign.map((key) => ({
        key: spec.keyOf(key),
        value: (spec.settings as Record<string, unknown>)[key],
        reason: `is not a setting of the ${path} path, which ${spec.region} uses`,
        allowed: `the ${path} path's settings: ${[...known].filter((k) => k !== "region").join(", ")}`,
      })),
    };
  }
  return { path: path as PreparedRegion["path"], route };
}

/**
 * Regions of one cluster share its facts: look the cluster and its endpoint services up once per cluster, not once
 * per region (each is a Cloud API request under a 10 requests/s limit).
 */
function sharedClusterLookups(lookups: ProgramLookups): ProgramLookups {
  const clusters = new Map<string, ReturnType<ProgramLookups["cluster"]>>();
  const services = new Map<string, ReturnType<ProgramLookups["endpointServices"]>>();
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
