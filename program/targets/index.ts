// The targets the program can connect a stack to, by the value of `crdb-private-endpoints:target`. Adding a target
// is one line here (and its module); adding a path to a target is one line in that target's `routes`.
import { cockroachTarget } from "./cockroach";
import { tidbTarget } from "./tidb";
import type { ProgramTarget } from "./types";

// Each target's prepared and shared values are its own business; the program only hands them back to it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTarget = ProgramTarget<any, any>;

export const TARGETS: Readonly<Record<string, AnyTarget>> = {
  cockroach: cockroachTarget,
  tidb: tidbTarget,
};

export const DEFAULT_TARGET = "cockroach";

export { endpointServicesName } from "./cockroach";
export type { PreparedRegion, ProgramTarget, SettingsCheck } from "./types";
