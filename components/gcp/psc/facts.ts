// The facts a PSC endpoint is planned from, looked up once and in parallel.
import { type GcpClusterFacts, type GcpEndpointServiceFacts, type GcpLookups, type GcpSubnetworkFacts, type GcpNetworkFacts, lookUp } from "../facts";
import type { CheckedPscArgs } from "./checkArgs";

export interface GcpPscFacts {
  /** The project everything goes in: the `project` argument, else the GCP provider's. */
  project: string;
  cluster: GcpClusterFacts;
  /** The cluster's endpoint service in the region; absent until an Advanced cluster's services are created. */
  service?: GcpEndpointServiceFacts;
  /** The existing network and subnetwork, when used. */
  network?: GcpNetworkFacts;
  subnetwork?: GcpSubnetworkFacts;
}

export async function lookupPscFacts(args: CheckedPscArgs, lookups: GcpLookups): Promise<GcpPscFacts> {
  const project = args.project ?? (await lookUp("project", "(the GCP provider's)", () => lookups.gcpProviderProject()));
  const [cluster, services, network, subnetwork] = await Promise.all([
    lookUp("clusterId", args.clusterId, () => lookups.gcpCluster(args.clusterId)),
    lookUp("clusterId", args.clusterId, () => lookups.gcpEndpointServices(args.clusterId)),
    args.network === undefined ? undefined : lookUp("network.network", args.network, () => lookups.gcpNetwork(args.network as string, project)),
    args.subnetwork === undefined
      ? undefined
      : lookUp("network.subnetwork", args.subnetwork, () =>
          lookups.gcpSubnetwork({ name: args.subnetwork, region: args.region, project }),
        ),
  ]);
  return { project, cluster, service: services.find((s) => s.regionName === args.region), network, subnetwork };
}
