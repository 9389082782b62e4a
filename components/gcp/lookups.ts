// The real lookups behind the GCP components: the CockroachDB Cloud API (in the program process) and GCP invokes.
// Under Pulumi mocks the invokes are answered by the mocks' `call` (tools/mocks/gcp.ts), which is how tests and
// `npm run plan` run this code offline. `@pulumi/gcp` is required when a lookup runs, never at module load, so
// importing the library does not load it (nor need it installed) for AWS-only programs.
import type * as pulumi from "@pulumi/pulumi";
import { getCockroachCluster, getPrivateEndpointServices, type LookupOptions } from "../cockroach";
import type { GcpLookups } from "./facts";

export interface GcpLookupOptions {
  /** GCP provider for the invokes. @default the parent's, else the default provider */
  provider?: pulumi.ProviderResource;
  /** Resource whose GCP provider the invokes use when `provider` is not given. */
  parent?: pulumi.Resource;
  /** Cloud API client for the cluster lookups. @default one from stack config / env */
  cockroach?: LookupOptions;
}

export function gcpLookups(options: GcpLookupOptions = {}): GcpLookups {
  const invokeOptions: pulumi.InvokeOptions = {};
  if (options.provider) invokeOptions.provider = options.provider;
  if (options.parent) invokeOptions.parent = options.parent;
  return {
    async gcpCluster(clusterId) {
      const cluster = await getCockroachCluster({ id: clusterId }, options.cockroach);
      return {
        id: cluster.id,
        name: cluster.name,
        cloudProvider: cluster.cloudProvider,
        plan: cluster.plan,
        state: cluster.state,
        regions: cluster.regions.map((r) => ({ name: r.name, internalDns: r.internalDns, privateEndpointDns: r.privateEndpointDns })),
        cidrRange: cluster.dedicated?.cidrRange ?? "",
        accountId: cluster.accountId,
      };
    },
    async gcpEndpointServices(clusterId) {
      const { services } = await getPrivateEndpointServices({ clusterId }, options.cockroach);
      return services.map((s) => ({ regionName: s.regionName, status: s.status, name: s.name, endpointServiceId: s.endpointServiceId }));
    },
    async gcpProviderProject() {
      const { getClientConfig } = require("@pulumi/gcp/organizations/getClientConfig") as typeof import("@pulumi/gcp/organizations/getClientConfig");
      const project = (await getClientConfig(invokeOptions)).project;
      if (!project) throw new Error("the GCP provider has no project: set gcp:project, or the component's project");
      return project;
    },
    async gcpNetwork(name, project) {
      const { getNetwork } = require("@pulumi/gcp/compute/getNetwork") as typeof import("@pulumi/gcp/compute/getNetwork");
      const network = await getNetwork({ name, project }, invokeOptions);
      return { name: network.name, selfLink: network.selfLink, subnetworks: [...(network.subnetworksSelfLinks ?? [])] };
    },
    async gcpSubnetwork(ref) {
      const { getSubnetwork } = require("@pulumi/gcp/compute/getSubnetwork") as typeof import("@pulumi/gcp/compute/getSubnetwork");
      const subnetwork = await getSubnetwork(ref, invokeOptions);
      return {
        name: subnetwork.name ?? ref.name ?? "",
        selfLink: subnetwork.selfLink,
        network: subnetwork.network,
        region: subnetwork.region,
        ipCidrRange: subnetwork.ipCidrRange,
        secondaryRanges: (subnetwork.secondaryIpRanges ?? []).map((r) => r.ipCidrRange),
      };
    },
  };
}
