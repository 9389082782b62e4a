// PrivateEndpointConnection: a cloud private endpoint registered with the cluster (mirrors @pulumiverse/cockroach).
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointConnectionProvider } from "./providers/privateEndpointConnectionProvider";

export interface PrivateEndpointConnectionArgs {
  /** ID (UUID) of the CockroachDB Cloud cluster. Changing it replaces the resource. */
  clusterId: pulumi.Input<string>;
  /**
   * Client side ID of the private endpoint: AWS the VPC endpoint ID (`vpce-...`), GCP the Private Service Connect
   * connection ID (the forwarding rule's `pscConnectionId`), Azure the private endpoint's resource ID. Changing it
   * replaces the resource.
   */
  endpointId: pulumi.Input<string>;
  /**
   * Whether delete removes the registration even when this resource adopted it (found it already there rather than creating
   * it, e.g. another stack's). Adopted entries are otherwise left in place on delete, with a warning. @default false
   */
  deleteAdopted?: pulumi.Input<boolean>;
}

const defaultProvider = new PrivateEndpointConnectionProvider();

/**
 * Registers a private endpoint with the cluster (exactly once, even when requests fail midway) and waits up to
 * 10 minutes for STATUS_AVAILABLE. A refresh reports drift in `status` (e.g. STATUS_STALE, STATUS_REJECTED); an
 * update re-attaches a rejected entry. Deleting it rejects the entry. Import ID: `<clusterId>:<endpointId>`.
 */
export class PrivateEndpointConnection extends pulumi.dynamic.Resource {
  declare readonly clusterId: pulumi.Output<string>;
  declare readonly endpointId: pulumi.Output<string>;
  /** Cloud provider associated with this connection. */
  declare readonly cloudProvider: pulumi.Output<string>;
  /** Cloud provider region code associated with this connection. */
  declare readonly regionName: pulumi.Output<string>;
  /** Server side ID of the connection: the endpoint service ID. */
  declare readonly serviceId: pulumi.Output<string>;
  /** STATUS_AVAILABLE after create; after a refresh, the status the API reports. */
  declare readonly status: pulumi.Output<string>;
  /** True when the entry existed before this resource and was adopted; delete then leaves it unless deleteAdopted. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: PrivateEndpointConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      defaultProvider,
      name,
      { ...args, cloudProvider: undefined, regionName: undefined, serviceId: undefined, status: undefined, adopted: undefined },
      opts,
      "cockroach",
      "PrivateEndpointConnection",
    );
  }
}
