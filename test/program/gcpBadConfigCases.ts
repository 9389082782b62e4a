// Bad GCP stack configs, each with the config key, value, reason and allowed text its message must carry.
import type { GcpLookups } from "../../components/gcp/facts";
import { GCP_CLUSTER_ID, cloudLookups, gcpCluster } from "../components/gcp/support/fixtures";
import { stackConfig } from "./support";

export interface GcpBadConfig {
  name: string;
  config: Record<string, string>;
  key: string;
  /** The value as the message prints it (JSON), or "(not set)". */
  value: string;
  reason: RegExp;
  allowed: RegExp;
  lookups?: Partial<GcpLookups>;
  /** Subnetworks of existing networks, for the GCP invoke mocks. */
  networks?: Record<string, { name: string; region: string; ipCidrRange: string; secondaryRanges?: string[] }[]>;
}

/** The gcp-dev stack: us-central1 over PSC, a network of its own. */
export const GCP_BASE: Record<string, unknown> = {
  "gcp:project": "app-project-dev",
  "gcp:region": "us-central1",
  "crdb-private-endpoints:clusterId": GCP_CLUSTER_ID,
  "crdb-private-endpoints:network": { subnetCidr: "10.60.0.0/24" },
};

export const gcpConfig = (changes: Record<string, unknown> = {}) => stackConfig(changes, GCP_BASE);

const PEERING = { network: "app-vpc", peerProject: "crl-prod-a1b2c3", peerNetwork: "crdb-net" };
const peeringConfig = (peering: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  gcpConfig({ path: "gcp-peering", network: undefined, peering, ...more });

export const GCP_BAD_CONFIGS: GcpBadConfig[] = [
  { name: "a subnet range with host bits", config: gcpConfig({ network: { subnetCidr: "10.60.0.1/24" } }), key: "crdb-private-endpoints:network.subnetCidr", value: '"10.60.0.1/24"', reason: /host bits are set/, allowed: /\/8 to \/29/ },
  { name: "a /30 subnet", config: gcpConfig({ network: { subnetCidr: "10.60.0.0/30" } }), key: "crdb-private-endpoints:network.subnetCidr", value: '"10.60.0.0/30"', reason: /prefix \/30 is out of range/, allowed: /\/8 to \/29/ },
  { name: "both a range and an existing network", config: gcpConfig({ network: { subnetCidr: "10.60.0.0/24", network: "vpc", subnetwork: "s" } }), key: "crdb-private-endpoints:network", value: '{"subnetCidr":"10.60.0.0/24","network":"vpc","subnetwork":"s"}', reason: /sets both/, allowed: /either subnetCidr/ },
  { name: "no network at all", config: gcpConfig({ network: undefined }), key: "crdb-private-endpoints:network", value: "(not set)", reason: /is required/, allowed: /subnetCidr/ },
  { name: "an existing network without subnetwork", config: gcpConfig({ network: { network: "shared-vpc" } }), key: "crdb-private-endpoints:network.subnetwork", value: "(not set)", reason: /is required/, allowed: /resource name|letters/ },
  { name: "a network name with capitals", config: gcpConfig({ network: { network: "Shared", subnetwork: "s" } }), key: "crdb-private-endpoints:network.network", value: '"Shared"', reason: /not a GCP resource name/, allowed: /lower-case/ },
  { name: "a typo in network", config: gcpConfig({ network: { subnetCIDR: "10.60.0.0/24" } }), key: "crdb-private-endpoints:network.subnetCIDR", value: '"10.60.0.0/24"', reason: /unknown|not a key/i, allowed: /subnetCidr/ },
  { name: "an endpoint name with capitals", config: gcpConfig({ endpointName: "Analytics" }), key: "crdb-private-endpoints:endpointName", value: '"Analytics"', reason: /not a GCP resource name/, allowed: /part of the host name/ },
  { name: "global access as text", config: gcpConfig({ allowPscGlobalAccess: "yes" }), key: "crdb-private-endpoints:allowPscGlobalAccess", value: '"yes"', reason: /./, allowed: /true or false/ },
  { name: "an unknown DNS mode", config: gcpConfig({ dns: "private" }), key: "crdb-private-endpoints:dns", value: '"private"', reason: /not a DNS mode/, allowed: /"automatic".*"zone".*"none"/ },
  { name: "a namespace too long for the region", config: gcpConfig({ serviceDirectoryNamespace: "n".repeat(55) }), key: "crdb-private-endpoints:serviceDirectoryNamespace", value: JSON.stringify("n".repeat(55)), reason: /is 55 characters long/, allowed: /at most 50 characters in us-central1/ },
  { name: "a namespace with dns zone", config: gcpConfig({ dns: "zone", serviceDirectoryNamespace: "crdb" }), key: "crdb-private-endpoints:serviceDirectoryNamespace", value: '"crdb"', reason: /only for dns "automatic"/, allowed: /dns "automatic"/ },
  { name: "enableApis with dns none", config: gcpConfig({ dns: "none", enableApis: true }), key: "crdb-private-endpoints:enableApis", value: "true", reason: /only for dns "automatic"/, allowed: /no enableApis/ },
  { name: "an AWS service name as the attachment", config: gcpConfig({ serviceAttachment: "com.amazonaws.vpce.us-east-1.vpce-svc-1" }), key: "crdb-private-endpoints:serviceAttachment", value: '"com.amazonaws.vpce.us-east-1.vpce-svc-1"', reason: /not a service attachment URI/, allowed: /serviceAttachments/ },
  { name: "the project number in gcp:project", config: gcpConfig({ "gcp:project": "123456789012" }), key: "gcp:project", value: '"123456789012"', reason: /project number, not a project ID/, allowed: /project ID/ },
  { name: "a project ID with an underscore", config: gcpConfig({ project: "my_project" }), key: "crdb-private-endpoints:project", value: '"my_project"', reason: /not a GCP project ID/, allowed: /6 to 30/ },
  { name: "an AWS region as gcp:region", config: gcpConfig({ "gcp:region": "us-east-1", path: "gcp-psc" }), key: "gcp:region", value: '"us-east-1"', reason: /AWS region code/, allowed: /us-central1/ },
  { name: "a label key with capitals in tags", config: gcpConfig({ tags: { Team: "db" } }), key: "crdb-private-endpoints:tags", value: '"Team"', reason: /not a GCP label key/, allowed: /lower-case/ },
  { name: "an AWS setting on a GCP region", config: gcpConfig({ vpc: { cidrBlock: "10.40.0.0/16" } }), key: "crdb-private-endpoints:vpc", value: '{"cidrBlock":"10.40.0.0/16"}', reason: /not a setting of the gcp-psc path/, allowed: /network/ },
  { name: "a peering setting on a PSC region", config: gcpConfig({ peering: PEERING }), key: "crdb-private-endpoints:peering", value: JSON.stringify(PEERING), reason: /not a setting of the gcp-psc path/, allowed: /endpointName/ },
  { name: "a path that does not exist", config: gcpConfig({ path: "gcp-vpn" }), key: "crdb-private-endpoints:path", value: '"gcp-vpn"', reason: /not a path to this target/, allowed: /gcp-psc, gcp-peering/ },
  { name: "peering without the peer project", config: peeringConfig({ network: "app-vpc", peerNetwork: "crdb-net" }), key: "crdb-private-endpoints:peering.peerProject", value: "(not set)", reason: /./, allowed: /project ID/ },
  { name: "a peer network with a space", config: peeringConfig({ ...PEERING, peerNetwork: "crdb net" }), key: "crdb-private-endpoints:peering.peerNetwork", value: '"crdb net"', reason: /not a GCP resource name/, allowed: /letters/ },
  { name: "peering on an AWS cluster", config: gcpConfig(), key: "crdb-private-endpoints:clusterId", value: JSON.stringify(GCP_CLUSTER_ID), reason: /is a AWS cluster/, allowed: /a GCP cluster/, lookups: cloudLookups(gcpCluster({ cloudProvider: "AWS" })).lookups },
  { name: "a region the cluster does not have", config: gcpConfig({ "gcp:region": "asia-southeast1" }), key: "gcp:region", value: '"asia-southeast1"', reason: /is not a region of cluster/, allowed: /us-central1, europe-west1/ },
  { name: "peering on a Standard cluster", config: peeringConfig(PEERING), key: "crdb-private-endpoints:clusterId", value: JSON.stringify(GCP_CLUSTER_ID), reason: /STANDARD cluster, which has no VPC peering/, allowed: /ADVANCED/, lookups: cloudLookups(gcpCluster({ plan: "STANDARD" })).lookups },
  { name: "a network overlapping the cluster's range", config: peeringConfig(PEERING), key: "crdb-private-endpoints:peering.network", value: '"app-vpc"', reason: /range 172.28.4.0\/22, which overlaps the cluster's range 172.28.0.0\/14/, allowed: /outside the cluster's CIDR range/, networks: { "app-vpc": [{ name: "gke", region: "us-central1", ipCidrRange: "10.10.0.0/20", secondaryRanges: ["172.28.4.0/22"] }] } },
  { name: "a subnetwork that does not exist", config: gcpConfig({ network: { network: "app-vpc", subnetwork: "missing" } }), key: "crdb-private-endpoints:network.subnetwork", value: '"missing"', reason: /could not be looked up/, allowed: /subnetwork of the network in the region/, networks: { "app-vpc": [{ name: "app", region: "us-central1", ipCidrRange: "10.10.0.0/20" }] } },
];
