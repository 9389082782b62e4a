// What a GCP path needs of the cluster, checked against the looked-up facts before anything registers.
import type { GcpProblems } from "./errors";
import type { GcpClusterFacts } from "./facts";

const UNUSABLE_CLUSTER_STATES = ["DELETED", "CREATION_FAILED"];

/** The cluster runs on GCP, exists, and its plan offers the path (`plans`). */
export function checkGcpCluster(problems: GcpProblems, clusterId: string, cluster: GcpClusterFacts, path: string, plans: readonly string[]): void {
  if (cluster.cloudProvider !== "GCP") {
    problems.add("clusterId", clusterId, `is a ${cluster.cloudProvider} cluster`, `a GCP cluster (${path} reaches clusters on GCP only)`);
  }
  if (!plans.includes(cluster.plan)) {
    problems.add("clusterId", clusterId, `is a ${cluster.plan} cluster, which has no ${path}`, `a cluster on ${plans.join(" or ")}`);
  }
  if (UNUSABLE_CLUSTER_STATES.includes(cluster.state)) {
    problems.add("clusterId", clusterId, `the cluster is ${cluster.state}`, "a cluster that exists (CREATED)");
  }
}

/** The region is one of the cluster's. */
export function checkClusterRegion(problems: GcpProblems, region: string, cluster: GcpClusterFacts): void {
  const regions = cluster.regions.map((r) => r.name);
  if (!regions.includes(region)) {
    problems.add("region", region, `is not a region of cluster ${cluster.id}`, `one of the cluster's regions: ${regions.join(", ") || "(none)"}`);
  }
}
