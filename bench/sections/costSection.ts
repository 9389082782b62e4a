// Section 4: monthly cost per region from published unit prices. The AZ count is the one the program gives the
// endpoint in the dev stack (its recorded VpcEndpoint registration), not an assumption.
import { awsxDefaultVpcWithEndpointCost, endpointOnlyCost, gcpPscEndpointCost, type MonthlyCost, monthlyUsd } from "../cost/cost";
import { HOURS_PER_MONTH, PRICES } from "../../tools/shared/prices";
import { devStackConfig } from "../deploy/stacks";
import { virtualUp } from "../deploy/virtualUp";
import { type Section, table } from "../report/markdown";

const EXAMPLE_GB = 100;

export async function costSection(): Promise<Section> {
  const up = await virtualUp("dev", devStackConfig(), { parallelism: 8, scenario: "existing" });
  const endpoint = up.resources.find((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint");
  const azCount = Array.isArray(endpoint?.inputs.subnetIds) ? endpoint.inputs.subnetIds.length : 0;
  if (azCount === 0) throw new Error("the dev stack's plan has no VpcEndpoint with subnets");

  const ours = endpointOnlyCost(azCount);
  const awsx = awsxDefaultVpcWithEndpointCost(3);
  const psc = gcpPscEndpointCost();
  const usd = (v: number) => `$${v.toFixed(2)}`;
  const row = (label: string, cost: MonthlyCost) => [label, cost.items.join(", "), usd(cost.fixedUsd), usd(cost.perGbUsd), usd(monthlyUsd(cost, EXAMPLE_GB))];
  const detail = [
    `Per region and month (${HOURS_PER_MONTH} h), us-east-1 prices. The dev stack's endpoint sits in ${azCount} AZs (the AZ IDs its`,
    "endpoint service supports). Not included: any CockroachDB-side charge, cross-AZ transfer, internet egress.",
    "",
    table(["Layout", "Billable items", "Fixed / month", "Per GB", `With ${EXAMPLE_GB} GB`], [
      row("This project's default deployment", ours),
      row("Default awsx VPC (3 AZs, NAT per AZ) + the endpoint", awsx),
      row("GCP Private Service Connect endpoint (not built yet)", psc),
    ]),
    "",
    "Unit prices:",
    "",
    table(["Item", "USD", "Source"], Object.entries(PRICES).map(([k, p]) => [k, String(p.usd), p.source])),
  ].join("\n");
  return {
    title: "4. Cost",
    rows: [
      { area: "Cost", figure: `Default deployment per region (${azCount} AZs)`, value: `${usd(ours.fixedUsd)}/month + ${usd(ours.perGbUsd)}/GB` },
      { area: "Cost", figure: "Default awsx VPC + endpoint per region", value: `${usd(awsx.fixedUsd)}/month (${(awsx.fixedUsd / ours.fixedUsd).toFixed(1)}× ours)` },
      { area: "Cost", figure: "GCP PSC endpoint per region (hourly rate unverified)", value: `${usd(psc.fixedUsd)}/month + ${usd(psc.perGbUsd)}/GiB` },
    ],
    detail,
    misses: [],
  };
}
