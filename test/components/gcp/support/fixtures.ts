// Facts for the GCP tests: an Advanced CockroachDB cluster on GCP in us-central1 and europe-west1 whose endpoint
// services exist, and the lookups that report it.
import type { GcpClusterFacts, GcpEndpointServiceFacts, GcpLookups } from "../../../../components/gcp/facts";

export const GCP_CLUSTER_ID = "9a1b2c3d-0000-4000-8000-000000000001";
export const AWS_CLUSTER_ID = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d";
export const ATTACHMENT = "projects/crl-prod-a1b2c3/regions/us-central1/serviceAttachments/crdb-psc-0123456789ab";
export const PRIVATE_HOST = "private-analytics-5e1f2.gcp-us-central1.cockroachlabs.cloud";

export function gcpCluster(overrides: Partial<GcpClusterFacts> = {}): GcpClusterFacts {
  return {
    id: GCP_CLUSTER_ID,
    name: "analytics",
    cloudProvider: "GCP",
    plan: "ADVANCED",
    state: "CREATED",
    regions: ["us-central1", "europe-west1"].map((name) => ({
      name,
      internalDns: `internal-analytics-5e1f2.gcp-${name}.cockroachlabs.cloud`,
      privateEndpointDns: `private-analytics-5e1f2.gcp-${name}.cockroachlabs.cloud`,
    })),
    cidrRange: "172.28.0.0/14",
    accountId: "crl-prod-a1b2c3",
    ...overrides,
  };
}

export function gcpService(region = "us-central1", overrides: Partial<GcpEndpointServiceFacts> = {}): GcpEndpointServiceFacts {
  const uri = `projects/crl-prod-a1b2c3/regions/${region}/serviceAttachments/crdb-psc-0123456789ab`;
  return { regionName: region, status: "AVAILABLE", name: `crdb-psc-${region}`, endpointServiceId: uri, ...overrides };
}

/** Cloud API lookups (the GCP invokes go to the mocks). Counting calls. */
export function cloudLookups(cluster = gcpCluster(), services = [gcpService(), gcpService("europe-west1")]) {
  const calls: string[] = [];
  const lookups: Partial<GcpLookups> = {
    gcpCluster: async (id) => {
      calls.push(`cluster ${id}`);
      if (id !== cluster.id) throw new Error(`cluster ${id} not found (404)`);
      return cluster;
    },
    gcpEndpointServices: async (id) => {
      calls.push(`services ${id}`);
      return id === cluster.id ? services : [];
    },
  };
  return { lookups, calls };
}
