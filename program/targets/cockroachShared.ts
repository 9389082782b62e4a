// What every CockroachDB route's prepared value carries, and what the CockroachDB target shares across its regions.
import type { ClusterFacts } from "../../components/aws";
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
}
