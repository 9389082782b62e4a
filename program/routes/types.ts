// The contract between the program and a route: one (target, path) combination it can build in a region, e.g.
// CockroachDB over an AWS interface endpoint. The program prepares every region's route first (so every problem of
// every region is reported before any resource registers), then builds each from what its prepare returned.
import type * as pulumi from "@pulumi/pulumi";
import type { AwsPrivateLinkLookups } from "../../components/aws";
import type { GcpLookups } from "../../components/gcp";
import type { TidbPrivateLinkLookups } from "../../components/tidb";
import type { ConfigIssue } from "../config/errors";
import type { ProgramConfig } from "../config/read";
import type { StackConfig } from "../config/schema";
import type { RegionSpec } from "../regions";

/**
 * How the network gets to the target in a region. Every path a config may name, built or not: a target without a
 * route for one says so with the key, instead of the schema calling a documented value unknown.
 */
export const PATH_KINDS = ["aws", "gcp-psc", "gcp-peering"] as const;
export type PathKind = (typeof PATH_KINDS)[number];

/**
 * Where facts come from: one flat set of lookups, each route using the ones it needs. Tests and `npm run plan`
 * replace any of them through `runProgram({ lookups })`; regions of one cluster share each cluster lookup.
 */
export type ProgramLookups = AwsPrivateLinkLookups & GcpLookups & TidbPrivateLinkLookups;

export interface PrepareContext {
  readonly lookups: ProgramLookups;
  /** The whole stack's config: settings (cluster-level ones included) and the providers' regions. */
  readonly config: ProgramConfig;
}

/** What a route's build gets besides its prepared value: the stack's settings and what the target shares across regions. */
export interface BuildContext<Shared> {
  readonly settings: StackConfig;
  /** Built once per stack by the target before any region (e.g. one endpoint services resource per cluster). */
  readonly shared: Shared;
}

export interface BuiltRegion {
  /** The region's stack outputs: `pulumi stack output regions` keyed by region. */
  outputs: Record<string, unknown>;
  /** Done when the region's private path is usable; cluster-level steps that close the public door wait for them. */
  ready: pulumi.Resource[];
}

/** Why a route cannot be prepared: bad or missing settings (as config keys), or a cloud API that cannot be used at all. */
export class RouteProblems extends Error {
  constructor(
    readonly issues: ConfigIssue[],
    /** Problems with an API as a whole (unreachable, credentials refused), not with a setting. */
    readonly access: string[] = [],
  ) {
    super([...access, ...issues.map((i) => `${i.key}: ${i.reason}`)].join("; "));
    this.name = "RouteProblems";
  }
}

/** What a route's check found: the settings as the route uses them, or every problem with them. */
export type RouteCheck<Checked> = { checked: Checked } | { issues: ConfigIssue[] };

/**
 * One (target, path) combination: check (the settings alone), prepare (look up + plan, every problem at once), build
 * (register from the prepared value alone). Each step runs once per region.
 */
export interface RegionRoute<Checked, Prepared, Shared> {
  /** The region settings (config keys) this route reads, besides `region`, `path`, `clusterId` and `tags`. */
  readonly settingKeys: readonly string[];
  /** The region's settings on their own, before any lookup: every problem, keys made with `spec.keyOf`. */
  check(spec: RegionSpec, context: PrepareContext): RouteCheck<Checked>;
  /**
   * Looks up what the checked settings depend on and plans.
   * @throws RouteProblems naming every problem of the region, keys made with `spec.keyOf`
   */
  prepare(spec: RegionSpec, checked: Checked, context: PrepareContext): Promise<Prepared>;
  /** Registers the region's resources from `prepared` alone: no check, no lookup. */
  build(spec: RegionSpec, prepared: Prepared, context: BuildContext<Shared>): BuiltRegion;
}
