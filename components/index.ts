// The library's public surface: what another Pulumi program imports.
// Each folder's index names its exports one by one; this file only joins them.
export * from "./core";
export * from "./cockroach";
export * from "./aws";
export * from "./gcp";
export * from "./tidb";
