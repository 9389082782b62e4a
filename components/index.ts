// The library's public surface: what another Pulumi program imports.
export * from "./cockroach";
export * from "./aws";
