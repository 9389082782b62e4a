// A monthly cost estimate from published unit prices: what the plan's resources bill for, before traffic, plus the
// per-GB rate. Only interface endpoints (per AZ) and NAT gateways are billable here; VPCs, subnets, security groups
// and rules are free, and this project creates no NAT gateway.
import { HOURS_PER_MONTH, PRICES } from "../shared/prices";
import type { PlanDocument, PlanNode } from "./planDocument";

// us-east-1 prices in USD, with their sources, in one table shared with the benchmarks (tools/shared/prices.ts).
export const ENDPOINT_AZ_HOUR_USD = PRICES.interfaceEndpointAzHour.usd;
export const ENDPOINT_PER_GB_USD = PRICES.interfaceEndpointGb.usd;
export const NAT_GATEWAY_HOUR_USD = PRICES.natGatewayHour.usd;
export const NAT_GATEWAY_PER_GB_USD = PRICES.natGatewayGb.usd;
export { HOURS_PER_MONTH };

const ENDPOINT_TYPE = "aws:ec2/vpcEndpoint:VpcEndpoint";
const NAT_TYPE = "aws:ec2/natGateway:NatGateway";
const PSC_ENDPOINT_TYPE = "gcp:compute/forwardingRule:ForwardingRule";

export interface CostEstimate {
  /** Interface endpoints and the number of AZs each spans (`undefined`: unknown before deploy). */
  endpoints: { name: string; zones: number | undefined }[];
  natGateways: number;
  /** Fixed monthly cost of what is known, USD, rounded to cents. */
  monthlyUsd: number;
  /** Cost of each GB through the endpoints (and NAT gateways, if any). */
  perGbUsd: number;
  /** Some endpoint's AZ count is unknown: the fixed cost is a lower bound. */
  partial: boolean;
  /**
   * GCP PSC endpoints in the plan, which Google bills per hour and per GB but which are not priced here (no verified
   * rate in tools/shared/prices.ts). Absent when there are none.
   */
  unpricedPscEndpoints?: number;
}

export function estimateMonthlyCost(plan: Pick<PlanDocument, "resources">): CostEstimate {
  const nodes = flatten(plan.resources);
  const endpoints = nodes
    .filter((n) => n.type === ENDPOINT_TYPE && (n.inputs.vpcEndpointType ?? "Gateway") === "Interface")
    .map((n) => ({ name: n.name, zones: Array.isArray(n.inputs.subnetIds) ? n.inputs.subnetIds.length : undefined }));
  const natGateways = nodes.filter((n) => n.type === NAT_TYPE).length;
  const azHours = endpoints.reduce((sum, e) => sum + (e.zones ?? 0), 0) * HOURS_PER_MONTH;
  const monthly = azHours * ENDPOINT_AZ_HOUR_USD + natGateways * HOURS_PER_MONTH * NAT_GATEWAY_HOUR_USD;
  const pscEndpoints = nodes.filter((n) => n.type === PSC_ENDPOINT_TYPE).length;
  return {
    endpoints,
    natGateways,
    monthlyUsd: Math.round(monthly * 100) / 100,
    perGbUsd: (endpoints.length > 0 ? ENDPOINT_PER_GB_USD : 0) + (natGateways > 0 ? NAT_GATEWAY_PER_GB_USD : 0),
    partial: endpoints.some((e) => e.zones === undefined),
    ...(pscEndpoints > 0 ? { unpricedPscEndpoints: pscEndpoints } : {}),
  };
}

/** `$21.90`; unit prices keep their third decimal (`$0.045`). */
export function formatUsd(amount: number): string {
  return `$${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 3 })}`;
}

/** One line: `$21.90 a month (3 endpoint AZs × $0.01 per AZ-hour × 730 h) + $0.01 per GB processed; no NAT gateway`. */
export function describeCost(cost: CostEstimate): string {
  const zones = cost.endpoints.reduce((sum, e) => sum + (e.zones ?? 0), 0);
  const parts = [`${cost.partial ? "at least " : ""}${formatUsd(cost.monthlyUsd)} a month`];
  const terms = [`${zones} endpoint AZ${zones === 1 ? "" : "s"} × ${formatUsd(ENDPOINT_AZ_HOUR_USD)} per AZ-hour × ${HOURS_PER_MONTH} h`];
  if (cost.natGateways > 0) terms.push(`${cost.natGateways} NAT gateway${cost.natGateways === 1 ? "" : "s"} × ${formatUsd(NAT_GATEWAY_HOUR_USD)} per hour`);
  parts.push(` (${terms.join(" + ")}) + ${formatUsd(cost.perGbUsd)} per GB processed`);
  if (cost.natGateways === 0) parts.push("; no NAT gateway");
  if (cost.partial) {
    const perAz = formatUsd(Math.round(ENDPOINT_AZ_HOUR_USD * HOURS_PER_MONTH * 100) / 100);
    parts.push(`; each AZ of an endpoint whose AZs are known only after deploy adds ${perAz} a month`);
  }
  if (cost.unpricedPscEndpoints !== undefined) {
    const n = cost.unpricedPscEndpoints;
    parts.push(`; not included: ${n} GCP Private Service Connect endpoint${n === 1 ? "" : "s"}, billed by Google per hour and per GB (see cloud.google.com/vpc/pricing)`);
  }
  return parts.join("");
}

function flatten(nodes: readonly PlanNode[]): PlanNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}
