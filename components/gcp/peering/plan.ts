// Looks up and plans the customer half of a VPC peering: the cluster must be Advanced on GCP, and no subnet range of
// the network (primary or secondary) may overlap the cluster's CIDR range, which peering would make unroutable.
import { cockroachTarget } from "../../cockroach/target";
import { cidrsOverlap } from "../../core/gcpChecks";
import { checkGcpCluster } from "../clusterRules";
import { GcpProblems } from "../errors";
import { type GcpClusterFacts, type GcpLookups, type GcpNetworkFacts, type GcpSubnetworkFacts, lookUp } from "../facts";
import { type CheckedPeeringArgs, PEERING_COMPONENT } from "./checkArgs";
import type { NetworkPeeringPlan } from "./networkPeering";

export interface GcpVpcPeeringFacts {
  project: string;
  cluster: GcpClusterFacts;
  network: GcpNetworkFacts;
  /** Every subnetwork of the network, every region. */
  subnetworks: GcpSubnetworkFacts[];
}

export interface GcpVpcPeeringPlan extends NetworkPeeringPlan {
  clusterId: string;
  /** The cluster network's range the overlap check used. */
  clusterCidrRange: string;
  /** Hosts over peering, by cluster region: the regions' internal DNS names. */
  privateSqlHosts: Record<string, string>;
  warnings: string[];
}

export async function lookupPeeringFacts(args: CheckedPeeringArgs, lookups: GcpLookups): Promise<GcpVpcPeeringFacts> {
  const project = args.project ?? (await lookUp("project", "(the GCP provider's)", () => lookups.gcpProviderProject()));
  const [cluster, network] = await Promise.all([
    lookUp("clusterId", args.clusterId, () => lookups.gcpCluster(args.clusterId)),
    lookUp("network", args.network, () => lookups.gcpNetwork(args.network, project)),
  ]);
  const subnetworks = await lookUp("network", args.network, () =>
    Promise.all(network.subnetworks.map((selfLink) => lookups.gcpSubnetwork({ selfLink, project }))),
  );
  return { project, cluster, network, subnetworks };
}

export function planGcpVpcPeering(name: string, args: CheckedPeeringArgs, facts: GcpVpcPeeringFacts): GcpVpcPeeringPlan {
  const problems = new GcpProblems(PEERING_COMPONENT);
  const warnings: string[] = [];
  const { cluster } = facts;
  checkGcpCluster(problems, args.clusterId, cluster, "VPC peering", cockroachTarget.peeringPlans);
  const clusterCidrRange = cluster.cidrRange || cockroachTarget.gcpDefaultCidrRange;
  for (const subnetwork of facts.subnetworks) {
    const ranges = [subnetwork.ipCidrRange, ...subnetwork.secondaryRanges];
    for (const range of ranges.filter((r) => cidrsOverlap(r, clusterCidrRange))) {
      problems.add(
        "network",
        args.network,
        `its subnetwork ${subnetwork.name} (${subnetwork.region}) has range ${range}, which overlaps the cluster's range ${clusterCidrRange}`,
        "a network whose subnet ranges (primary and secondary) are all outside the cluster's CIDR range",
      );
    }
  }
  problems.throwIfAny(name);

  if (cluster.accountId !== "" && cluster.accountId !== args.peerProject) {
    warnings.push(
      `peerProject ${args.peerProject} differs from the cluster's account_id ${cluster.accountId}: use the project the ` +
        `Console's accept-peering command names (the account_id is probably, not certainly, the cluster's project).`,
    );
  }
  warnings.push(
    `The peering ${args.peeringName} stays INACTIVE until its CockroachDB half exists: request VPC peering in the ` +
      `CockroachDB Cloud Console (project ${facts.project}, network ${args.network}) first.`,
  );
  return {
    clusterId: args.clusterId,
    project: facts.project,
    networkSelfLink: facts.network.selfLink,
    peerNetwork: `projects/${args.peerProject}/global/networks/${args.peerNetwork}`,
    peeringName: args.peeringName,
    exportCustomRoutes: args.exportCustomRoutes,
    importCustomRoutes: args.importCustomRoutes,
    clusterCidrRange,
    privateSqlHosts: Object.fromEntries(cluster.regions.map((r) => [r.name, cockroachTarget.privateHost(r)])),
    warnings,
  };
}
