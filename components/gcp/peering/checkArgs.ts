// Checks the peering arguments on their own, before any lookup.
import { checkClusterId } from "../../core/checks";
import { checkGcpProjectId, checkGcpResourceName } from "../../core/gcpChecks";
import { GcpProblems } from "../errors";
import { defaultPscName } from "../psc/checkArgs";
import type { GcpVpcPeeringArgs } from "./args";

export const PEERING_COMPONENT = "GcpVpcPeering";

export interface CheckedPeeringArgs {
  clusterId: string;
  project?: string;
  network: string;
  peerProject: string;
  peerNetwork: string;
  peeringName: string;
  exportCustomRoutes: boolean;
  importCustomRoutes: boolean;
}

const KNOWN = ["clusterId", "project", "network", "peerProject", "peerNetwork", "peeringName", "exportCustomRoutes", "importCustomRoutes"] as const;

export function checkPeeringArgs(name: string, args: GcpVpcPeeringArgs): CheckedPeeringArgs {
  const problems = new GcpProblems(PEERING_COMPONENT);
  const raw = (args ?? {}) as unknown as Record<string, unknown>;
  problems.unknownKeys("", raw, KNOWN);
  const clusterId = problems.string("clusterId", typeof raw.clusterId === "string" ? raw.clusterId.toLowerCase() : raw.clusterId, checkClusterId, true);
  const project = problems.string("project", raw.project, checkGcpProjectId);
  const network = problems.string("network", raw.network, checkGcpResourceName, true);
  const peerProject = problems.string("peerProject", raw.peerProject, checkGcpProjectId, true);
  const peerNetwork = problems.string("peerNetwork", raw.peerNetwork, checkGcpResourceName, true);
  const peeringName = problems.string("peeringName", raw.peeringName, checkGcpResourceName) ?? defaultPscName(clusterId ?? "crdb");
  const exportCustomRoutes = problems.boolean("exportCustomRoutes", raw.exportCustomRoutes, false);
  const importCustomRoutes = problems.boolean("importCustomRoutes", raw.importCustomRoutes, false);
  if (project !== undefined && project === peerProject && network === peerNetwork && network !== undefined) {
    problems.add("peerNetwork", peerNetwork, "is the network itself", "the cluster's network, from the Console's accept-peering command");
  }
  problems.throwIfAny(name);
  return {
    clusterId: clusterId as string,
    project,
    network: network as string,
    peerProject: peerProject as string,
    peerNetwork: peerNetwork as string,
    peeringName,
    exportCustomRoutes,
    importCustomRoutes,
  };
}
