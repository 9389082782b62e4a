// Public surface of the GCP side: CockroachDB over Private Service Connect and over VPC peering, their paths, facts
// and lookups. Nothing here loads `@pulumi/gcp` until a component is built or a GCP lookup runs: it is an optional
// peer dependency, and AWS-only programs neither need it nor pay for loading it.
export { GcpPrivateServiceConnect, type GcpPrivateServiceConnectCreateOptions, type GcpPrivateServiceConnectOptions } from "./privateServiceConnect";
export { GcpVpcPeering, type GcpVpcPeeringCreateOptions, type GcpVpcPeeringOptions } from "./vpcPeering";
export { GcpArgumentError, GcpLookupError } from "./errors";
export type { GcpClusterFacts, GcpEndpointServiceFacts, GcpLookups, GcpNetworkFacts, GcpSubnetworkFacts } from "./facts";
export { gcpLookups, type GcpLookupOptions } from "./lookups";
export * from "./psc";
export * from "./peering";
// The GCP rules for plain values (components/core/gcpChecks.ts), as the stack config and the checks above apply them.
export {
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
  cidrsOverlap,
  PSC_DNS_MODES,
  type PscDnsMode,
} from "../core/gcpChecks";
