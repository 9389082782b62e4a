// Deterministic answers to the GCP invokes the GCP components make, and the outputs GCP computes for the resources
// they register, so tests and the offline plan need no GCP project. The provider's project is `app-project-dev`;
// an existing network named N has one subnetwork `N-<region>` per region the world lists, each a /20 in 10.128.0.0/9
// (as GCP's auto-mode ranges), unless the world says otherwise.
import { checkGcpRegion } from "../../components/core/gcpChecks";
import { NAMESPACE } from "../../program/config/schema";
import type { MockCall } from "./aws";

export const MOCK_GCP_PROJECT = "app-project-dev";

export interface MockSubnetwork {
  name: string;
  region: string;
  ipCidrRange: string;
  secondaryRanges?: string[];
}

export interface GcpMockWorld {
  /** The GCP provider's project (`gcp:project`). @default MOCK_GCP_PROJECT */
  project?: string;
  /** Subnetworks of existing networks by network name. @default one /20 per region in `regions` */
  networks?: Record<string, MockSubnetwork[]>;
  /** Regions of the default subnetworks. @default ["us-central1"] */
  regions?: string[];
}

const AUTO_MODE_RANGES: Record<string, string> = {
  "us-central1": "10.128.0.0/20",
  "europe-west1": "10.132.0.0/20",
  "us-east1": "10.142.0.0/20",
  "us-west1": "10.138.0.0/20",
  "asia-southeast1": "10.148.0.0/20",
};

export function networkSelfLink(project: string, network: string): string {
  return `https://www.googleapis.com/compute/v1/projects/${project}/global/networks/${network}`;
}

export function subnetworkSelfLink(project: string, region: string, subnetwork: string): string {
  return `https://www.googleapis.com/compute/v1/projects/${project}/regions/${region}/subnetworks/${subnetwork}`;
}

function subnetworksOf(world: GcpMockWorld, network: string): MockSubnetwork[] {
  const given = world.networks?.[network];
  if (given) return given;
  return (world.regions ?? ["us-central1"]).map((region) => ({
    name: `${network}-${region}`,
    region,
    ipCidrRange: AUTO_MODE_RANGES[region] ?? "10.200.0.0/20",
  }));
}

/** Answers a GCP invoke, or undefined for a token this mock does not know. */
export function answerGcpInvoke(call: MockCall, world: GcpMockWorld = {}): Record<string, unknown> | undefined {
  const defaultProject = world.project ?? MOCK_GCP_PROJECT;
  const project = typeof call.inputs.project === "string" ? call.inputs.project : defaultProject;
  switch (call.token) {
    case "gcp:organizations/getClientConfig:getClientConfig":
      return { id: "client-config", project: defaultProject, region: "us-central1", zone: "us-central1-a", accessToken: "" };
    case "gcp:compute/getNetwork:getNetwork": {
      const name = String(call.inputs.name);
      const subnetworks = subnetworksOf(world, name).map((s) => subnetworkSelfLink(project, s.region, s.name));
      return { id: `projects/${project}/global/networks/${name}`, name, project, selfLink: networkSelfLink(project, name), subnetworksSelfLinks: subnetworks };
    }
    case "gcp:compute/getSubnetwork:getSubnetwork": {
      const found = findSubnetwork(world, project, call.inputs);
      if (!found) throw new Error(`The resource 'subnetwork ${String(call.inputs.name ?? call.inputs.selfLink)}' was not found`);
      const { network, subnetwork } = found;
      return {
        id: `projects/${project}/regions/${subnetwork.region}/subnetworks/${subnetwork.name}`,
        name: subnetwork.name,
        project,
        region: subnetwork.region,
        network: networkSelfLink(project, network),
        selfLink: subnetworkSelfLink(project, subnetwork.region, subnetwork.name),
        ipCidrRange: subnetwork.ipCidrRange,
        secondaryIpRanges: (subnetwork.secondaryRanges ?? []).map((range, i) => ({ rangeName: `secondary-${i}`, ipCidrRange: range })),
      };
    }
    default:
      return undefined;
  }
}

/**
 * By self link, or by name and region. Without listed networks, any name is found: `<network>-<region>` in that
 * network, another name in network `default`.
 */
function findSubnetwork(world: GcpMockWorld, project: string, inputs: Record<string, unknown>): { network: string; subnetwork: MockSubnetwork } | undefined {
  const networks = Object.keys(world.networks ?? {});
  for (const network of networks) {
    for (const subnetwork of subnetworksOf(world, network)) {
      const selfLink = subnetworkSelfLink(project, subnetwork.region, subnetwork.name);
      if (inputs.selfLink === selfLink || (inputs.name === subnetwork.name && (inputs.region ?? subnetwork.region) === subnetwork.region)) {
        return { network, subnetwork };
      }
    }
  }
  // A world that lists its networks knows every subnetwork: anything else is not found, as GCP would answer.
  if (world.networks !== undefined) return undefined;
  const selfLink = typeof inputs.selfLink === "string" ? /\/projects\/[^/]+\/regions\/([^/]+)\/subnetworks\/([^/]+)$/.exec(inputs.selfLink) : null;
  const name = selfLink?.[2] ?? (typeof inputs.name === "string" ? inputs.name : undefined);
  const region = selfLink?.[1] ?? (typeof inputs.region === "string" ? inputs.region : "us-central1");
  if (name === undefined) return undefined;
  // `<network>-<region>` names the default subnetwork of an unlisted network; any other name is in network `default`.
  const network = name.endsWith(`-${region}`) ? name.slice(0, -region.length - 1) : "default";
  return { network, subnetwork: { name, region, ipCidrRange: AUTO_MODE_RANGES[region] ?? "10.200.0.0/20" } };
}

/** Outputs GCP computes for a resource (beyond the echoed inputs), as a deploy would report them. */
export function gcpResourceOutputs(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const project = typeof inputs.project === "string" ? inputs.project : MOCK_GCP_PROJECT;
  switch (type) {
    case "gcp:compute/network:Network":
      return { name, selfLink: networkSelfLink(project, name) };
    case "gcp:compute/subnetwork:Subnetwork":
      return { name, selfLink: subnetworkSelfLink(project, String(inputs.region), name) };
    case "gcp:compute/address:Address":
      return { name, address: "10.60.0.2", selfLink: `projects/${project}/regions/${String(inputs.region)}/addresses/${name}` };
    case "gcp:compute/forwardingRule:ForwardingRule":
      return { pscConnectionId: "6133183410995353", pscConnectionStatus: "ACCEPTED", ipAddress: "10.60.0.2" };
    case "gcp:compute/networkPeering:NetworkPeering":
      return { state: "INACTIVE", stateDetails: "[2026-12-02] Waiting for the peer network to create a peering." };
    case "gcp:dns/managedZone:ManagedZone":
      return { name: `${name}-zone-id` };
    default:
      return {};
  }
}

/** The outputs the offline plan marks unknown at preview. */
export const GCP_COMPUTED_OUTPUTS: Record<string, string[]> = {
  "gcp:compute/address:Address": ["address", "selfLink"],
  "gcp:compute/forwardingRule:ForwardingRule": ["pscConnectionId", "pscConnectionStatus", "ipAddress", "selfLink"],
  "gcp:compute/network:Network": ["selfLink"],
  "gcp:compute/subnetwork:Subnetwork": ["selfLink"],
  "gcp:compute/networkPeering:NetworkPeering": ["state", "stateDetails"],
  "gcp:dns/managedZone:ManagedZone": ["nameServers"],
};

/** The GCP world a stack config implies: the provider's project (`gcp:project`) and the stack's GCP regions. */
export function gcpMockWorldOf(config: Record<string, string>): GcpMockWorld {
  const regions = new Set<string>();
  const isGcpRegion = (value: unknown): value is string => typeof value === "string" && checkGcpRegion(value) === undefined;
  if (isGcpRegion(config["gcp:region"])) regions.add(config["gcp:region"]);
  let entries: unknown;
  try {
    entries = JSON.parse(config[`${NAMESPACE}:regions`] ?? "null");
  } catch {
    entries = undefined;
  }
  if (Array.isArray(entries)) {
    for (const entry of entries as { region?: unknown }[]) {
      if (isGcpRegion(entry?.region)) regions.add(entry.region);
    }
  }
  const world: GcpMockWorld = { regions: [...regions].sort() };
  if (config["gcp:project"] !== undefined) world.project = config["gcp:project"];
  return world;
}
