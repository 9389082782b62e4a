// What every CockroachDB route's prepared value carries, and what the CockroachDB target shares across its regions.
import type { ClusterFacts } from "../../components/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { PrivateEndpointServices } from "../../components/cockroach";

export interface CockroachPrepared {
  /** Lower-case, as the config reading left it. */
  clusterId: string;
  /** The cluster as looked up: plan, cloud, regions. */
  cluster: ClusterFacts;
}

export interface CockroachShared {
  /** The one endpoint services resource of the cluster, shared by its regions. */
  endpointServices(clusterId: string): PrivateEndpointServices;
  /** The cluster's CA certificate, fetched (and checked) once per cluster after deploy. */
  fetchCa(clusterId: string): Promise<string>;
  /**
   * The VPC peerings built so far, in order. They all touch the cluster's network, where GCP runs one peering
   * operation at a time: each new one waits for those before it.
   */
  readonly peerings: pulumi.Resource[];
}
