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

  constructor(name: string, args: PrivateEndpointTrustedOwnerArgs, opts?: pulumi.CustomResourceOptions) {
    super(defaultProvider, name, { ...args, ownerId: undefined }, opts, "cockroach", "PrivateEndpointTrustedOwner");
  }
}
