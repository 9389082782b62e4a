// Public surface of the AWS side: the PrivateLink component, its facts and lookups, the pure planning helpers (exported
// so callers can preview a layout and tests can pin the rules), and the endpoint readiness wait.
export { AwsPrivateLink, type AwsPrivateLinkCreateOptions } from "./awsPrivateLink";
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
export { planAwsPrivateLink, type AwsPrivateLinkPlan, type PlannedSubnet } from "./plan";
export { checkAwsPrivateLinkArgs, DEFAULT_PORT, type CheckedArgs } from "./planArgs";
export { subnetCidrForAz, SUBNET_BLOCKS } from "./planCidrs";
export { broadSourceWarnings, INGRESS_RULES_MAX, ingressRuleKey, planIngressRules, type PlannedIngressRule } from "./planIngress";
export { azNumber, compareAzIds, subnetAzIds } from "./planZones";
export * from "./validate";
export * from "./vpcEndpointReady";
