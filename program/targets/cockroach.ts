// The CockroachDB Cloud target of the program: a stack is one cluster (or, without cluster-level settings, regions
// of several), reached in each region over the route of the region's path. Cluster-level settings (allowlist,
// trusted owners, connection) are checked and built here, once for the stack.
import { PrivateEndpointServices } from "../../components/cockroach";
import { buildClusterResources, clusterFactIssues, clusterLevelIssues, clusterOutputs, hasClusterResources } from "../cluster";
import { NAMESPACE } from "../config/schema";
import { regionCloud } from "../config/regionCode";
import { caFetcherOncePerCluster, fetchClusterCaFromApi } from "../connection";
import { cockroachAws } from "../routes/cockroachAws";
import type { CockroachPrepared, CockroachShared } from "./cockroachShared";
import type { ProgramTarget } from "./types";

export const cockroachTarget: ProgramTarget<CockroachPrepared, CockroachShared> = {
  componentName: (region) => `crdb-${region}`,

  // One line per path: the route that reaches a CockroachDB cluster that way.
  routes: {
    aws: cockroachAws,
  },

  // The region code names the cloud; each route then checks that the cluster (looked up) runs there.
  defaultPath: (region) => {
    const cloud = regionCloud(region);
    if (cloud === "aws") return "aws";
    if (cloud === "gcp") return "gcp-psc";
    return undefined;
  },

  checkSettings(config, specs) {
    const issues = [];
    if (specs.some((s) => s.settings.clusterId === undefined)) {
      issues.push({
        key: `${NAMESPACE}:clusterId`,
        value: undefined,
        reason: "is required",
        allowed: "the cluster's UUID, at the top level or in every regions entry",
      });
    }
    const cluster = clusterLevelIssues(config.settings, specs);
    return { issues: [...issues, ...cluster.issues], warnings: cluster.warnings };
  },

  checkPrepared: (settings, regions) => clusterFactIssues(settings, regions[0]?.prepared.cluster),

  // One endpoint services resource per cluster, shared by its regions, registered before any region: it depends on
  // no network, so the cluster side (which can take many minutes on ADVANCED) runs while the networks are built.
  buildShared(regions, dependencies) {
    const services = new Map<string, PrivateEndpointServices>();
    for (const { prepared } of regions) {
      if (!services.has(prepared.clusterId)) {
        services.set(prepared.clusterId, new PrivateEndpointServices(endpointServicesName(prepared.clusterId), { clusterId: prepared.clusterId }));
      }
    }
    return {
      endpointServices: (clusterId) => services.get(clusterId) as PrivateEndpointServices,
      fetchCa: caFetcherOncePerCluster(dependencies.clusterCa ?? fetchClusterCaFromApi),
    };
  },

  buildStackLevel(settings, regions, built) {
    const clusterId = regions[0]?.prepared.clusterId;
    if (clusterId === undefined || !hasClusterResources(settings)) return undefined;
    return clusterOutputs(buildClusterResources(clusterId, settings, built.flatMap((region) => region.ready)));
  },
};

/** Stable for the cluster, whichever regions the stack has. */
export function endpointServicesName(clusterId: string): string {
  return `crdb-services-${clusterId}`;
}
