// Waiting for a cluster to be CREATED: a cluster being created, or LOCKED by an exclusive operation (upgrade,
// scaling, ...), refuses changes until then. The Cloud API notes (reference §6.7) say to wait for CREATED before
// mutating rather than to keep retrying the mutation.
import type { CockroachCloudClient } from "../api/client";
import type { Cluster } from "../api/types";
import type { ProviderTuning } from "./tuning";
import { waitFor } from "./wait";

/** States that turn into CREATED by themselves; any other state but CREATED never will. */
const ON_THE_WAY = ["CREATING", "LOCKED"];

export interface ClusterWait {
  /** What is awaited, for progress lines and the timeout error, e.g. "cluster <id> to be unlocked". */
  description: string;
  timeoutMs: number;
  /** The operation's deadline (epoch ms) this wait is part of. */
  deadline?: number;
  /** Why a CREATED cluster is needed, for the error when it will never be, e.g. "private endpoint services need a CREATED cluster". */
  requirement: string;
  /** Told each observed state, e.g. to learn whether the cluster was locked at all. */
  onState?: (state: string) => void;
}

export function waitForCreatedCluster(
  tuning: ProviderTuning,
  client: CockroachCloudClient,
  clusterId: string,
  wait: ClusterWait,
): Promise<Cluster> {
  return waitFor(
    { ...tuning, waitTimeoutMs: Math.max(0, wait.timeoutMs) },
    {
      description: wait.description,
      defaultTimeoutMs: wait.timeoutMs,
      deadline: wait.deadline,
      observe: () => client.getCluster(clusterId),
      check: (cluster) => {
        wait.onState?.(cluster.state);
        if (cluster.state === "CREATED") return { done: true, value: cluster };
        if (ON_THE_WAY.includes(cluster.state)) return { done: false, status: cluster.state };
        throw new Error(`Cluster ${clusterId} is ${cluster.state}; ${wait.requirement}.`);
      },
    },
  );
}
