// Public surface of the AWS side: the PrivateLink component (CockroachDB over an AWS interface endpoint), its
// prepare steps (check, look up, plan) with their types, the subnet rule a caller can preview a layout with, the
// vendor-neutral interface endpoint path, and the endpoint readiness wait. Named one by one: internal helpers (the
// planners' pieces, the AWS ID and tag checks the stack config uses) stay internal.
export { AwsPrivateLink, type AwsPrivateLinkCreateOptions, type AwsPrivateLinkOptions } from "./awsPrivateLink";
export type { AwsPrivateLinkArgs, AwsPrivateLinkVpcArgs } from "./args";
export { AwsPrivateLinkArgumentError } from "./errors";
export {
  AwsPrivateLinkLookupError,
  lookupAwsPrivateLinkFacts,
  type AwsPrivateLinkFacts,
  type AwsPrivateLinkLookups,
  type ClusterFacts,
  type EndpointServiceFacts,
  type SubnetFacts,
  type VpcFacts,
} from "./facts";
export { awsPrivateLinkLookups, type AwsPrivateLinkLookupOptions } from "./lookups";
export { planAwsPrivateLink, type AwsPrivateLinkPlan } from "./plan";
export { checkAwsPrivateLinkArgs, type CheckedArgs } from "./planArgs";
export { subnetCidrForAz } from "./planCidrs";
export type { PlannedIngressRule } from "./planIngress";
export { VpcEndpointReady, type VpcEndpointReadyArgs, type DnsEntry } from "./ready/vpcEndpointReady";
// Plan-time lookup of the endpoints a VPC already has to a service (one per VPC for services like TiDB's).
export { listVpcEndpointsToService, type ExistingVpcEndpoint, type VpcEndpointListSettings } from "./vpcEndpointsToService";
// The endpoint folder's own index is curated: its surface is this folder's too.
export * from "./endpoint";
