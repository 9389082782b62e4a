// PrivateEndpointTrustedOwner: an AWS account allowed to connect privately (mirrors @pulumiverse/cockroach).
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointTrustedOwnerProvider } from "./providers/privateEndpointTrustedOwnerProvider";

export interface PrivateEndpointTrustedOwnerArgs {
  /** UUID of the cluster the trusted owner entry belongs to. Changing it replaces the resource. */
  clusterId: pulumi.Input<string>;
  /** What `externalOwnerId` is. The only allowed value is "AWS_ACCOUNT_ID". Changing it replaces the resource. */
  type: pulumi.Input<string>;
  /** 12-digit AWS account ID that may own endpoints, or "*" for all. Changing it replaces the resource. */
  externalOwnerId: pulumi.Input<string>;
  /**
   * Whether delete removes the entry even when this resource adopted it (found it already there rather than creating
   * it, e.g. another stack's). Adopted entries are otherwise left in place on delete, with a warning. @default false
   */
  deleteAdopted?: pulumi.Input<boolean>;
}

const defaultProvider = new PrivateEndpointTrustedOwnerProvider();

/**
 * A trusted owner entry (Limited Access feature; adding and removing need the CLUSTER_ADMIN role). An identical
 * existing entry is adopted rather than duplicated. Import ID: `<clusterId>:<ownerId>`.
 */
export class PrivateEndpointTrustedOwner extends pulumi.dynamic.Resource {
  declare readonly clusterId: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  declare readonly externalOwnerId: pulumi.Output<string>;
  /** UUID of the trusted owner entry. */
  declare readonly ownerId: pulumi.Output<string>;
  /** True when the entry existed before this resource and was adopted; delete then leaves it unless deleteAdopted. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: PrivateEndpointTrustedOwnerArgs, opts?: pulumi.CustomResourceOptions) {
    super(defaultProvider, name, { ...args, ownerId: undefined, adopted: undefined }, opts, "cockroach", "PrivateEndpointTrustedOwner");
  }
}
