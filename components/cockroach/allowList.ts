// AllowList: one IPv4 CIDR entry of the cluster's IP allowlist (mirrors @pulumiverse/cockroach).
import * as pulumi from "@pulumi/pulumi";
import { AllowListProvider } from "./providers/allowListProvider";

export interface AllowListArgs {
  /** ID (UUID) of the CockroachDB Cloud cluster. Changing it replaces the entry. */
  clusterId: pulumi.Input<string>;
  /** IPv4 address part of the CIDR range, e.g. "203.0.113.0" (IPv6 is not supported). Changing it replaces the entry. */
  cidrIp: pulumi.Input<string>;
  /** Prefix length, 0 to 32; 32 allows a single address. Changing it replaces the entry. */
  cidrMask: pulumi.Input<number>;
  /** Allow SQL connections from this range. Updated in place. */
  sql: pulumi.Input<boolean>;
  /** Allow access to the DB Console from this range. Updated in place. */
  ui: pulumi.Input<boolean>;
  /** Name of the entry. @default a server-side default, reported in the `name` output */
  name?: pulumi.Input<string>;
  /**
   * Whether delete removes the entry even when this resource adopted it (found it already there rather than creating
   * it, e.g. another stack's). Adopted entries are otherwise left in place on delete, with a warning. @default false
   */
  deleteAdopted?: pulumi.Input<boolean>;
}

const defaultProvider = new AllowListProvider();

/**
 * An IP allowlist entry. An existing entry for the same CIDR is adopted (recorded in `adopted`, left in place on
 * delete unless `deleteAdopted`) and given the wanted flags, with a warning naming what changes. Private
 * networks connected through private endpoints do not need allowlist entries. Import ID: `<clusterId>:<ip>/<mask>`.
 */
export class AllowList extends pulumi.dynamic.Resource {
  declare readonly clusterId: pulumi.Output<string>;
  declare readonly cidrIp: pulumi.Output<string>;
  declare readonly cidrMask: pulumi.Output<number>;
  declare readonly sql: pulumi.Output<boolean>;
  declare readonly ui: pulumi.Output<boolean>;
  /** The entry's name: the one given, or the server's default. */
  declare readonly name: pulumi.Output<string>;
  /** True when the entry existed before this resource and was adopted; delete then leaves it unless deleteAdopted. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: AllowListArgs, opts?: pulumi.CustomResourceOptions) {
    super(defaultProvider, name, { name: undefined, ...args, adopted: undefined }, opts, "cockroach", "AllowList");
  }
}
