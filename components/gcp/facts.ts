// The facts GCP components plan from, looked up before anything registers: the cluster (cloud, plan, regions, its
// CIDR range and project), its endpoint services, the GCP provider's project, and existing networks and subnetworks.
import { GcpLookupError } from "./errors";

export interface GcpClusterFacts {
  id: string;
  name: string;
  /** "AWS" | "GCP" | "AZURE" */
  cloudProvider: string;
  /** "BASIC" | "STANDARD" | "ADVANCED" */
  plan: string;
  state: string;
  /**
   * Per region: `privateEndpointDns` is the host over PSC, `internalDns` the host over VPC peering.
   * `privateEndpointDns` is "" until the endpoint services exist: "not ready", not a value.
   */
  regions: { name: string; internalDns: string; privateEndpointDns: string }[];
  /** Advanced on GCP: the cluster network's range; "" when the API reports none (then 172.28.0.0/14). */
  cidrRange: string;
  /** On GCP, a project name of the cluster's; probably the peering's peer project, which nothing documents. */
  accountId: string;
}

/** An endpoint service as the Cloud API lists it; which field holds the service attachment is not documented. */
export interface GcpEndpointServiceFacts {
  regionName: string;
  status: string;
  name: string;
  endpointServiceId: string;
}

export interface GcpNetworkFacts {
  name: string;
  selfLink: string;
  /** Self links of the network's subnetworks (every region). */
  subnetworks: string[];
}

export interface GcpSubnetworkFacts {
  name: string;
  selfLink: string;
  /** The network's self link. */
  network: string;
  region: string;
  ipCidrRange: string;
  /** Secondary ranges (GKE pods and services). */
  secondaryRanges: string[];
}

/** Where the facts come from. The defaults (`gcpLookups`) ask the Cloud API and GCP invokes; tests inject. */
export interface GcpLookups {
  gcpCluster(clusterId: string): Promise<GcpClusterFacts>;
  gcpEndpointServices(clusterId: string): Promise<GcpEndpointServiceFacts[]>;
  /** The GCP provider's project, used when no `project` is given. */
  gcpProviderProject(): Promise<string>;
  gcpNetwork(name: string, project: string): Promise<GcpNetworkFacts>;
  gcpSubnetwork(ref: { name?: string; selfLink?: string; region?: string; project: string }): Promise<GcpSubnetworkFacts>;
}

/** Runs a lookup; a failure becomes a `GcpLookupError` naming the argument it was for. */
export async function lookUp<T>(argument: string, value: unknown, lookup: () => Promise<T>): Promise<T> {
  try {
    return await lookup();
  } catch (err) {
    throw new GcpLookupError(argument, value, err);
  }
}
