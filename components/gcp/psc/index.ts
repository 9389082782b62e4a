// The GCP Private Service Connect path, vendor-neutral: a target supplies the service attachment, the private host and
// the registration; the path registers the network side under the caller's component. Pure planners apart.
export { buildPscEndpoint, AUTOMATIC_DNS_APIS, type PscEndpoint, type PscEndpointPlan, type PscEndpointTarget } from "./pscEndpoint";
export type { GcpPrivateServiceConnectArgs, GcpPscNetworkArgs } from "./args";
export { checkPscArgs, defaultPscName, type CheckedPscArgs } from "./checkArgs";
export { lookupPscFacts, type GcpPscFacts } from "./facts";
export { planGcpPrivateServiceConnect, type GcpPrivateServiceConnectPlan } from "./plan";
export { serviceAttachmentOf, type ServiceAttachmentChoice } from "./serviceAttachment";
