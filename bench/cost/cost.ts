// Monthly cost of one region's private path from unit prices: fixed (hourly items) plus per GB of traffic. Pure, so
// the figures in BENCHMARKS.md are checked by unit tests. No CockroachDB-side charge and no cross-AZ transfer.
import { HOURS_PER_MONTH, PRICES, type Prices } from "../../tools/shared/prices";

export interface MonthlyCost {
  /** Hourly items for a month, USD. */
  readonly fixedUsd: number;
  /** What each GB sent over the private path adds, USD. */
  readonly perGbUsd: number;
  /** Billable items, for the report. */
  readonly items: readonly string[];
}

/** What this project deploys: an interface endpoint with one network interface per AZ; no NAT, no IGW. */
export function endpointOnlyCost(azCount: number, prices: Prices = PRICES): MonthlyCost {
  checkAzCount(azCount);
  return {
    fixedUsd: round(azCount * prices.interfaceEndpointAzHour.usd * HOURS_PER_MONTH),
    perGbUsd: prices.interfaceEndpointGb.usd,
    items: [`interface endpoint x ${azCount} AZ`],
  };
}

/**
 * A default `awsx.ec2.Vpc` (public and private subnet per AZ, one NAT gateway per AZ, each with a public IPv4
 * address) with the same endpoint in it. SQL traffic to the endpoint does not pass the NAT gateways, so the per-GB
 * figure is the endpoint's; the NAT gateways are a fixed cost the private path never needs.
 */
export function awsxDefaultVpcWithEndpointCost(azCount = 3, prices: Prices = PRICES): MonthlyCost {
  checkAzCount(azCount);
  const nat = azCount * (prices.natGatewayHour.usd + prices.publicIpv4Hour.usd) * HOURS_PER_MONTH;
  const endpoint = endpointOnlyCost(azCount, prices);
  return {
    fixedUsd: round(nat + endpoint.fixedUsd),
    perGbUsd: endpoint.perGbUsd,
    items: [`NAT gateway x ${azCount}`, `public IPv4 x ${azCount}`, ...endpoint.items],
  };
}

/** A GCP Private Service Connect endpoint: one regional forwarding rule, whatever the zones. */
export function gcpPscEndpointCost(prices: Prices = PRICES): MonthlyCost {
  return {
    fixedUsd: round(prices.pscEndpointHour.usd * HOURS_PER_MONTH),
    perGbUsd: prices.pscGb.usd,
    items: ["PSC endpoint (forwarding rule) x 1"],
  };
}

export function monthlyUsd(cost: MonthlyCost, gbPerMonth: number): number {
  if (!(gbPerMonth >= 0)) throw new Error(`gbPerMonth must be >= 0, got ${gbPerMonth}`);
  return round(cost.fixedUsd + cost.perGbUsd * gbPerMonth);
}

function checkAzCount(azCount: number): void {
  if (!Number.isInteger(azCount) || azCount < 1) throw new Error(`azCount must be a whole number >= 1, got ${azCount}`);
}

function round(usd: number): number {
  return Math.round(usd * 100) / 100;
}
