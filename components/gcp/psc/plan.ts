// Turns checked arguments and looked-up facts into a plain plan of one region's PSC endpoint. Pure and synchronous:
// every check that needs facts happens here, before the component registers anything.
import { cockroachTarget } from "../../cockroach/target";
import { serviceAttachmentRegion } from "../../core/gcpChecks";
import { checkClusterRegion, checkGcpCluster } from "../clusterRules";
import { GcpProblems } from "../errors";
import type { CheckedPscArgs } from "./checkArgs";
import { PSC_COMPONENT } from "./checkArgs";
import type { GcpPscFacts } from "./facts";
import { SERVICE_ATTACHMENT_OVERRIDE, serviceAttachmentOf } from "./serviceAttachment";
import type { PscEndpointPlan } from "./pscEndpoint";

/** The plan of one region: the PSC path's part (vendor-neutral) and the CockroachDB target's. Plain data. */
export interface GcpPrivateServiceConnectPlan extends PscEndpointPlan {
  clusterId: string;
  /**
   * The cluster's service attachment when known at plan time (override, or an AVAILABLE service); undefined: read
   * from the endpoint services once they exist (an Advanced cluster's are created by this stack).
   */
  serviceAttachment?: string;
  /** The region's `private_endpoint_dns` when already set; undefined: read once the services are AVAILABLE. */
  privateSqlHost?: string;
  warnings: string[];
}

export function planGcpPrivateServiceConnect(name: string, args: CheckedPscArgs, facts: GcpPscFacts): GcpPrivateServiceConnectPlan {
  const problems = new GcpProblems(PSC_COMPONENT);
  const warnings: string[] = [];
  const { cluster, region } = { cluster: facts.cluster, region: args.region };
  checkGcpCluster(problems, args.clusterId, cluster, "Private Service Connect", cockroachTarget.pscPlans);
  checkClusterRegion(problems, region, cluster);

  let serviceAttachment = args.serviceAttachment;
  if (serviceAttachment !== undefined && serviceAttachmentRegion(serviceAttachment) !== region) {
    problems.add("serviceAttachment", serviceAttachment, `is in region ${serviceAttachmentRegion(serviceAttachment)}`, `a service attachment in ${region}`);
  }
  if (serviceAttachment === undefined && facts.service?.status === "AVAILABLE") {
    const choice = serviceAttachmentOf(facts.service);
    if (choice.uri === undefined) problems.add("serviceAttachment", undefined, `is needed: ${choice.reason}`, SERVICE_ATTACHMENT_OVERRIDE);
    serviceAttachment = choice.uri;
  }
  if (serviceAttachment === undefined && args.serviceAttachment === undefined) {
    warnings.push(
      `The cluster's endpoint service in ${region} is not AVAILABLE yet (${facts.service?.status ?? "not created"}): ` +
        `the service attachment is read from it once it is, at deploy time.`,
    );
  }

  const network = facts.network;
  const subnetwork = facts.subnetwork;
  if (subnetwork !== undefined) {
    if (subnetwork.region !== region) {
      problems.add("network.subnetwork", args.subnetwork, `is in region ${subnetwork.region}`, `a subnetwork in ${region}, where the endpoint goes`);
    }
    if (network !== undefined && subnetwork.network !== network.selfLink) {
      problems.add("network.subnetwork", args.subnetwork, `belongs to network ${lastSegment(subnetwork.network)}`, `a subnetwork of ${args.network}`);
    }
  }
  problems.throwIfAny(name);

  const host = cockroachTarget.pscPrivateHost(cluster.regions.find((r) => r.name === region));
  if (host === "") {
    warnings.push(`The cluster reports no private endpoint host in ${region} yet: it is read once the endpoint services are AVAILABLE.`);
  }
  return {
    clusterId: args.clusterId,
    region,
    project: facts.project,
    subnetCidr: args.subnetCidr,
    networkSelfLink: network?.selfLink,
    subnetworkSelfLink: subnetwork?.selfLink,
    endpointName: args.endpointName,
    allowPscGlobalAccess: args.allowPscGlobalAccess,
    dns: args.dns,
    serviceDirectoryNamespace: args.dns === "automatic" ? args.serviceDirectoryNamespace : undefined,
    enableApis: args.enableApis,
    labels: args.labels,
    serviceAttachment,
    privateSqlHost: host === "" ? undefined : host,
    warnings,
  };
}

function lastSegment(selfLink: string): string {
  return selfLink.split("/").at(-1) ?? selfLink;
}
