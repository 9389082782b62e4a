// Checks the PSC arguments on their own (no lookups yet) and fills in the defaults that need no facts, so a typo
// fails at once, without touching the network. Every rule for a plain value comes from components/core.
import { checkClusterId } from "../../core/checks";
import {
  checkGcpLabelKey,
  checkGcpLabelValue,
  checkGcpProjectId,
  checkGcpRegion,
  checkGcpResourceName,
  checkGcpSubnetCidr,
  checkPscDnsMode,
  checkPscEndpointName,
  checkServiceAttachmentUri,
  checkServiceDirectoryNamespace,
  type PscDnsMode,
} from "../../core/gcpChecks";
import { GcpProblems } from "../errors";
import type { GcpPrivateServiceConnectArgs } from "./args";

export const PSC_COMPONENT = "GcpPrivateServiceConnect";

/** Arguments after validation and the defaults that need no lookup. */
export interface CheckedPscArgs {
  clusterId: string;
  region: string;
  project?: string;
  /** Set when the component creates the network. */
  subnetCidr?: string;
  /** Set (with `subnetwork`) for an existing network. */
  network?: string;
  subnetwork?: string;
  endpointName: string;
  allowPscGlobalAccess: boolean;
  dns: PscDnsMode;
  serviceDirectoryNamespace: string;
  enableApis: boolean;
  serviceAttachment?: string;
  labels: Record<string, string>;
}

const KNOWN = [
  "clusterId",
  "region",
  "project",
  "network",
  "endpointName",
  "allowPscGlobalAccess",
  "dns",
  "serviceDirectoryNamespace",
  "enableApis",
  "serviceAttachment",
  "labels",
  "endpointServices",
] as const;

/** The default name of the endpoint and of the namespace: stable for the cluster, short enough for any region. */
export function defaultPscName(clusterId: string): string {
  return `crdb-${clusterId.slice(0, 8)}`;
}

/** Validates every argument and throws `GcpArgumentError` listing all problems found. */
export function checkPscArgs(name: string, args: GcpPrivateServiceConnectArgs): CheckedPscArgs {
  const problems = new GcpProblems(PSC_COMPONENT);
  const raw = (args ?? {}) as unknown as Record<string, unknown>;
  problems.unknownKeys("", raw, KNOWN);

  const clusterId = problems.string("clusterId", lower(raw.clusterId), checkClusterId, true);
  const region = problems.string("region", raw.region, checkGcpRegion, true);
  const project = problems.string("project", raw.project, checkGcpProjectId);
  const network = checkNetwork(problems, raw.network);
  const fallbackName = clusterId === undefined ? "crdb" : defaultPscName(clusterId);
  const endpointName = problems.string("endpointName", raw.endpointName, checkPscEndpointName) ?? fallbackName;
  const allowPscGlobalAccess = problems.boolean("allowPscGlobalAccess", raw.allowPscGlobalAccess, true);
  const dns = (problems.string("dns", raw.dns, checkPscDnsMode) ?? "automatic") as PscDnsMode;
  let serviceDirectoryNamespace = fallbackName;
  if (raw.serviceDirectoryNamespace !== undefined) {
    if (dns !== "automatic") {
      problems.add("serviceDirectoryNamespace", raw.serviceDirectoryNamespace, `is only for dns "automatic" (dns is "${dns}")`, 'no serviceDirectoryNamespace, or dns "automatic"');
    }
    const checked = problems.string("serviceDirectoryNamespace", raw.serviceDirectoryNamespace, (v) =>
      checkServiceDirectoryNamespace(v, region ?? "us-central1"),
    );
    if (checked !== undefined) serviceDirectoryNamespace = checked;
  }
  const enableApis = problems.boolean("enableApis", raw.enableApis, true);
  if (raw.enableApis === true && dns !== "automatic") {
    problems.add("enableApis", true, `is only for dns "automatic" (dns is "${dns}")`, 'no enableApis, or dns "automatic"');
  }
  const serviceAttachment = problems.string("serviceAttachment", raw.serviceAttachment, checkServiceAttachmentUri);
  const labels = problems.labels("labels", raw.labels, checkGcpLabelKey, checkGcpLabelValue);

  problems.throwIfAny(name);
  return {
    clusterId: clusterId as string,
    region: region as string,
    project,
    ...network,
    endpointName,
    allowPscGlobalAccess,
    dns,
    serviceDirectoryNamespace,
    enableApis: dns === "automatic" && enableApis,
    serviceAttachment,
    labels,
  };
}

function checkNetwork(problems: GcpProblems, value: unknown): Pick<CheckedPscArgs, "subnetCidr" | "network" | "subnetwork"> {
  const choice = "either subnetCidr (create a network) or network with subnetwork (use existing ones)";
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.add("network", value, value === undefined ? "is required" : "not a map", choice);
    return {};
  }
  const network = value as Record<string, unknown>;
  problems.unknownKeys("network", network, ["subnetCidr", "network", "subnetwork"]);
  if (network.subnetCidr !== undefined && (network.network !== undefined || network.subnetwork !== undefined)) {
    problems.add("network", network, "sets both subnetCidr and an existing network", choice);
    return {};
  }
  if (network.subnetCidr !== undefined) {
    return { subnetCidr: problems.string("network.subnetCidr", network.subnetCidr, checkGcpSubnetCidr) };
  }
  if (network.network === undefined && network.subnetwork === undefined) {
    problems.add("network", network, "sets neither subnetCidr nor network", choice);
    return {};
  }
  return {
    network: problems.string("network.network", network.network, checkGcpResourceName, true),
    subnetwork: problems.string("network.subnetwork", network.subnetwork, checkGcpResourceName, true),
  };
}

function lower(value: unknown): unknown {
  return typeof value === "string" ? value.toLowerCase() : value;
}
