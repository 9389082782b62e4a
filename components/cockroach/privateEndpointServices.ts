// PrivateEndpointServices: the cluster's private endpoint services, one per region (mirrors @pulumiverse/cockroach).
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointServicesProvider } from "./providers/privateEndpointServicesProvider";
import type { PrivateEndpointServiceInfo } from "./shapes";

export interface PrivateEndpointServicesArgs {
  /**
   * ID (UUID) of the CockroachDB Cloud cluster. On Advanced clusters the services are created (that can take a
   * while); Basic and Standard clusters have them built in. Changing it replaces the resource.
   */
  clusterId: pulumi.Input<string>;
}

const defaultProvider = new PrivateEndpointServicesProvider();

/**
 * The private endpoint services of a cluster, waited for until every cluster region has one that is AVAILABLE
 * (up to 60 minutes). Deleting the resource only removes it from the state: the Cloud API cannot delete services.
 * Import ID: `<clusterId>`.
 */
export class PrivateEndpointServices extends pulumi.dynamic.Resource {
  declare readonly clusterId: pulumi.Output<string>;
  /** The services, one per cluster region. */
  declare readonly services: pulumi.Output<PrivateEndpointServiceInfo[]>;
  /** The services keyed by region name, e.g. `servicesMap["us-east-1"].name` is the AWS service name. */
  declare readonly servicesMap: pulumi.Output<Record<string, PrivateEndpointServiceInfo>>;
  /** The cluster's cloud: "AWS" | "GCP" | "AZURE". */
  declare readonly cloudProvider: pulumi.Output<string>;
  /** The cluster's plan: "BASIC" | "STANDARD" | "ADVANCED". */
  declare readonly plan: pulumi.Output<string>;
  /** GCP clusters only: each region's host over Private Service Connect (`private_endpoint_dns`), once set. */
  declare readonly privateEndpointDns: pulumi.Output<Record<string, string> | undefined>;

  constructor(name: string, args: PrivateEndpointServicesArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      defaultProvider,
      name,
      { ...args, services: undefined, servicesMap: undefined, cloudProvider: undefined, plan: undefined, privateEndpointDns: undefined },
      opts,
      "cockroach",
      "PrivateEndpointServices",
    );
  }
}
