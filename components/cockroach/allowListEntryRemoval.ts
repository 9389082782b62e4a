// AllowListEntryRemoval: removes one allowlist entry the cluster already has, typically the 0.0.0.0/0 a new cluster
// is created with, once the private path is in place (give it `dependsOn` on what must exist first).
import * as pulumi from "@pulumi/pulumi";
import { AllowListEntryRemovalProvider } from "./providers/allowListEntryRemovalProvider";

export interface AllowListEntryRemovalArgs {
  /** ID (UUID) of the CockroachDB Cloud cluster. */
  clusterId: pulumi.Input<string>;
  /** IPv4 address part of the entry to remove. @default "0.0.0.0" */
  cidrIp?: pulumi.Input<string>;
  /** Prefix length of the entry to remove. @default 0 */
  cidrMask?: pulumi.Input<number>;
}

const defaultProvider = new AllowListEntryRemovalProvider();

/**
 * Deletes the entry on create (nothing to do when it is absent: `removed` says which). `pulumi refresh` notices the
 * entry added back and the next `up` removes it again. Destroying this resource does not restore the entry.
 */
export class AllowListEntryRemoval extends pulumi.dynamic.Resource {
  declare readonly clusterId: pulumi.Output<string>;
  declare readonly cidrIp: pulumi.Output<string>;
  declare readonly cidrMask: pulumi.Output<number>;
  /** Whether there was an entry to remove. */
  declare readonly removed: pulumi.Output<boolean>;

  constructor(name: string, args: AllowListEntryRemovalArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      defaultProvider,
      name,
      {
        clusterId: args.clusterId,
        cidrIp: args.cidrIp ?? "0.0.0.0",
        cidrMask: args.cidrMask ?? 0,
        removed: undefined,
        removedEntry: undefined,
      },
      opts,
      "cockroach",
      "AllowListEntryRemoval",
    );
  }
}
