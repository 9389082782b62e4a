// The contract between the program and a target (what a stack connects to: a CockroachDB Cloud cluster, ...). A
// target owns its stack-level settings, checks and resources, and names a route per path; the program owns the order
// (check everything, look everything up, build) and the reporting.
import type { ConfigIssue } from "../config/errors";
import type { ProgramDependencies } from "../program";
import type { ProgramConfig } from "../config/read";
import type { StackConfig } from "../config/schema";
import type { RegionSpec } from "../regions";
import type { BuiltRegion, PathKind, RegionRoute } from "../routes/types";

/** A region whose route has prepared: what its build receives. */
export interface PreparedRegion<Prepared = unknown, Shared = unknown> {
  spec: RegionSpec;
  path: PathKind;
  // What a route checked is its own business: it is handed back to the same route only.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  route: RegionRoute<any, Prepared, Shared>;
  prepared: Prepared;
}

/** Stack-level checks that need no lookup, and the warnings they earn. */
export interface SettingsCheck {
  issues: ConfigIssue[];
  warnings: string[];
}

export interface ProgramTarget<Prepared, Shared> {
  /** Stable per region: the name of the region's component, e.g. `crdb-us-east-1`. */
  componentName(region: string): string;
  /** How each path reaches this target. Adding a path to a target is one line here. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly routes: Partial<Record<PathKind, RegionRoute<any, Prepared, Shared>>>;
  /** The path of a region whose config names none, from its region code (undefined: none fits). */
  defaultPath(region: string): PathKind | undefined;
  /** Stack-level settings (and across regions) before any lookup. */
  checkSettings(config: ProgramConfig, specs: readonly RegionSpec[]): SettingsCheck;
  /** Stack-level settings that need the regions' facts (e.g. a limit of the cluster's plan). */
  checkPrepared(settings: StackConfig, regions: readonly PreparedRegion<Prepared, Shared>[]): ConfigIssue[];
  /** What regions share, built once before them (e.g. one endpoint services resource per cluster). */
  buildShared(regions: readonly PreparedRegion<Prepared, Shared>[], dependencies: ProgramDependencies): Shared;
  /** Stack-level resources, after the regions; their outputs (`cluster`), or undefined when there are none. */
  buildStackLevel(
    settings: StackConfig,
    regions: readonly PreparedRegion<Prepared, Shared>[],
    built: readonly BuiltRegion[],
  ): Record<string, unknown> | undefined;
}
