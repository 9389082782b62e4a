// Monthly cost figures of BENCHMARKS.md, from unit prices.
import { describe, expect, it } from "vitest";
import { awsxDefaultVpcWithEndpointCost, endpointOnlyCost, gcpPscEndpointCost, monthlyUsd } from "../../bench/cost/cost";
import { PRICES } from "../../tools/shared/prices";

describe("cost", () => {
  it("prices the endpoint per AZ-hour: $21.90 a month in three AZs, $0.01 per GB", () => {
    expect(endpointOnlyCost(3)).toEqual({ fixedUsd: 21.9, perGbUsd: 0.01, items: ["interface endpoint x 3 AZ"] });
    expect(endpointOnlyCost(2).fixedUsd).toBe(14.6);
    expect(monthlyUsd(endpointOnlyCost(3), 100)).toBe(22.9);
  });

  it("prices a default awsx VPC with the endpoint at $131.40 a month: six times the endpoint alone", () => {
    const awsx = awsxDefaultVpcWithEndpointCost(3);
    expect(awsx.fixedUsd).toBe(131.4);
    expect(awsx.items).toEqual(["NAT gateway x 3", "public IPv4 x 3", "interface endpoint x 3 AZ"]);
    expect(awsx.fixedUsd / endpointOnlyCost(3).fixedUsd).toBeCloseTo(6, 5);
  });

  it("prices a PSC endpoint once per region, not per zone", () => {
    expect(gcpPscEndpointCost()).toMatchObject({ fixedUsd: 7.3, perGbUsd: 0.01 });
  });

  it("follows the prices it is given", () => {
    const doubled = { ...PRICES, interfaceEndpointAzHour: { usd: 0.02, source: "test" } };
    expect(endpointOnlyCost(3, doubled).fixedUsd).toBe(43.8);
  });

  it("refuses nonsense", () => {
    expect(() => endpointOnlyCost(0)).toThrow("azCount must be a whole number >= 1, got 0");
    expect(() => monthlyUsd(endpointOnlyCost(1), -5)).toThrow("gbPerMonth must be >= 0, got -5");
  });
});
