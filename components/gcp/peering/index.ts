// The GCP VPC peering path (the customer half) and its planner.
export { buildNetworkPeering, type NetworkPeeringPlan } from "./networkPeering";
export type { GcpVpcPeeringArgs } from "./args";
export { checkPeeringArgs, PEERING_COMPONENT, type CheckedPeeringArgs } from "./checkArgs";
export { lookupPeeringFacts, planGcpVpcPeering, type GcpVpcPeeringFacts, type GcpVpcPeeringPlan } from "./plan";
