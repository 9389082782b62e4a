// The cost model: endpoint AZ-hours and per-GB processing at published us-east-1 prices, NAT gateways if any.
import { describe, expect, it } from "vitest";
import { describeCost, ENDPOINT_AZ_HOUR_USD, estimateMonthlyCost, HOURS_PER_MONTH } from "../../../tools/plan/cost";
import type { PlanNode } from "../../../tools/plan/planDocument";

const node = (type: string, name: string, inputs: Record<string, unknown>, children: PlanNode[] = []): PlanNode => ({
  urn: `urn:pulumi:s::p::${type}::${name}`, type, name, inputs, inputSources: {}, dependsOn: [], children,
});
const unknown = { unknown: true };
const endpoint = (name: string, zones: number) =>
  node("aws:ec2/vpcEndpoint:VpcEndpoint", name, { vpcEndpointType: "Interface", subnetIds: Array(zones).fill(unknown) });

describe("estimateMonthlyCost", () => {
  it("bills each interface endpoint per AZ-hour over a 730-hour month", () => {
    const cost = estimateMonthlyCost({ resources: [node("c", "region", {}, [endpoint("a", 3), node("aws:ec2/vpc:Vpc", "vpc", {})]), endpoint("b", 2)] });
    expect(cost).toEqual({
      endpoints: [{ name: "a", zones: 3 }, { name: "b", zones: 2 }],
      natGateways: 0,
      monthlyUsd: 36.5,
      perGbUsd: 0.01,
      partial: false,
    });
    expect(5 * ENDPOINT_AZ_HOUR_USD * HOURS_PER_MONTH).toBeCloseTo(36.5);
    expect(describeCost(cost)).toBe("$36.50 a month (5 endpoint AZs × $0.01 per AZ-hour × 730 h) + $0.01 per GB processed; no NAT gateway");
  });

  it("counts NAT gateways, ignores gateway endpoints, and says when the AZ count is not known yet", () => {
    const cost = estimateMonthlyCost({
      resources: [
        node("aws:ec2/natGateway:NatGateway", "nat", {}),
        node("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { vpcEndpointType: "Gateway" }),
        node("aws:ec2/vpcEndpoint:VpcEndpoint", "pending", { vpcEndpointType: "Interface", subnetIds: unknown }),
      ],
    });
    expect(cost).toMatchObject({ natGateways: 1, monthlyUsd: 32.85, perGbUsd: 0.055, partial: true, endpoints: [{ name: "pending", zones: undefined }] });
    expect(describeCost(cost)).toBe(
      "at least $32.85 a month (0 endpoint AZs × $0.01 per AZ-hour × 730 h + 1 NAT gateway × $0.045 per hour) + $0.055 per GB processed" +
        "; each AZ of an endpoint whose AZs are known only after deploy adds $7.30 a month",
    );
  });
});
