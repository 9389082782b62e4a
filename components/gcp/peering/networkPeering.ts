// The GCP VPC peering path, vendor-neutral: one `compute.NetworkPeering` from the application network to a peer
// network. A function registering under the caller's component. GCP runs one peering operation at a time per
// network, so peerings of one network are chained with `after`.
import type { NetworkPeering } from "@pulumi/gcp/compute/networkPeering";
import type * as pulumi from "@pulumi/pulumi";

export interface NetworkPeeringPlan {
  project: string;
  /** The application network's self link. */
  networkSelfLink: string;
  /** `projects/<peer project>/global/networks/<peer network>`. */
  peerNetwork: string;
  peeringName: string;
  exportCustomRoutes: boolean;
  importCustomRoutes: boolean;
}

/** Registers the peering under `parent` as `${name}-peering`, after `after` (other peerings of the same network). */
export function buildNetworkPeering(
  parent: pulumi.ComponentResource,
  name: string,
  plan: NetworkPeeringPlan,
  after: pulumi.Resource[] = [],
): NetworkPeering {
  const { NetworkPeering } = require("@pulumi/gcp/compute/networkPeering") as typeof import("@pulumi/gcp/compute/networkPeering");
  return new NetworkPeering(
    `${name}-peering`,
    {
      name: plan.peeringName,
      network: plan.networkSelfLink,
      peerNetwork: plan.peerNetwork,
      exportCustomRoutes: plan.exportCustomRoutes,
      importCustomRoutes: plan.importCustomRoutes,
    },
    { parent, dependsOn: after },
  );
}
