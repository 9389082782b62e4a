// Deterministic names the real API derives from a cluster: DNS hosts, cloud account, endpoint service names. Derived
// from the cluster ID (and name) so every run of a test or of the offline plan prints the same values.
import { digestDigits, digestHex } from "./ids";
import type { CloudProvider } from "./types";

const DNS_ZONE = "cockroachlabs.cloud";

/** DNS-safe label "<name>-<5 hex>", e.g. demo-3fa1c. */
export function clusterHostLabel(clusterId: string, clusterName: string): string {
  const safeName =
    clusterName
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "cluster";
  return `${safeName}-${digestHex("host", clusterId).slice(0, 5)}`;
}

export interface RegionHosts {
  sqlDns: string;
  internalDns: string;
  privateEndpointDns: string;
  uiDns: string;
}

export function regionHosts(label: string, cloud: CloudProvider, region: string, serverless: boolean): RegionHosts {
  const suffix = `${cloud.toLowerCase()}-${region}.${DNS_ZONE}`;
  return {
    sqlDns: `${label}.${suffix}`,
    internalDns: `internal-${label}.${suffix}`,
    privateEndpointDns: `private-${label}.${suffix}`,
    // Serverless clusters have no per-cluster DB Console host (the API reports "").
    uiDns: serverless ? "" : `admin-${label}.${suffix}`,
  };
}

/** GCP project that hosts the cluster (and its PSC service attachments). */
export function gcpProjectId(clusterId: string): string {
  return `crl-prod-${digestHex("project", clusterId).slice(0, 6)}`;
}

/** The cloud account of the cluster: a 12-digit AWS account or a GCP project. */
export function clusterAccountId(clusterId: string, cloud: CloudProvider): string {
  return cloud === "AWS" ? digestDigits(12, "account", clusterId) : gcpProjectId(clusterId);
}

export interface ServiceNames {
  name: string;
  endpointServiceId: string;
}

export function endpointServiceNames(clusterId: string, cloud: CloudProvider, region: string): ServiceNames {
  const hex = digestHex("service", clusterId, region);
  if (cloud === "AWS") {
    const serviceId = `vpce-svc-${hex.slice(0, 17)}`;
    return { name: `com.amazonaws.vpce.${region}.${serviceId}`, endpointServiceId: serviceId };
  }
  // Which GCP field holds the full attachment URI is undocumented; the fake puts it in both.
  const uri = `projects/${gcpProjectId(clusterId)}/regions/${region}/serviceAttachments/crdb-psc-${hex.slice(0, 12)}`;
  return { name: uri, endpointServiceId: uri };
}
