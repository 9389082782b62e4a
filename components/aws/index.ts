// Public surface of the AWS side: the PrivateLink component (CockroachDB over an AWS interface endpoint), its plan,
// facts and lookups, the pure planners a caller can preview a layout with, the vendor-neutral interface endpoint path,
// and the endpoint readiness wait. Named one by one: internal helpers stay internal.
export { AwsPrivateLink, type AwsPrivateLinkCreateOptions, type AwsPrivateLinkOptions } from "./awsPrivateLink";
export type { AwsPrivateLinkArgs, AwsPrivateLinkVpcArgs } from "./args";
export { AwsPrivateLinkArgumentError, type ArgumentProblem, describeProblem } from "./errors";
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
export { checkAwsPrivateLinkArgs, DEFAULT_PORT, type CheckedArgs } from "./planArgs";
export { subnetCidrForAz, SUBNET_BLOCKS } from "./planCidrs";
export { broadSourceWarnings, INGRESS_RULES_MAX, ingressRuleKey, planIngressRules, type PlannedIngressRule } from "./planIngress";
export { checkSecurityGroupId, checkSubnetId, checkTagKey, checkTagValue, checkVpcId, TAGS_MAX } from "./validate";
export {
  VpcEndpointReady,
  type VpcEndpointReadyArgs,
  VpcEndpointReadyProvider,
  type VpcEndpointReadyProviderOptions,
  type VpcEndpointReadyInputs,
  type VpcEndpointReadyOutputs,
  type DnsEntry,
} from "./ready/vpcEndpointReady";
// Plan-time lookup of the endpoints a VPC already has to a service (one per VPC for services like TiDB's).
export { listVpcEndpointsToService, type ExistingVpcEndpoint, type VpcEndpointListSettings } from "./vpcEndpointsToService";
// The endpoint folder's own index is curated: its surface is this folder's too.
export * from "./endpoint";
