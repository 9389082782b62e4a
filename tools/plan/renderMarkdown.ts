// The plan as a pull-request comment: one per stack, short enough to read in the PR, the full tree folded away.
// The heading is stable per stack, so a workflow can find and edit its own comment.
import type { PolicyResult } from "../../policy/analyzer";
import { describeCost, estimateMonthlyCost, formatUsd } from "./cost";
import { ACTIONS, countByAction, type PlanDiff } from "./diff";
import type { PlanProblem } from "./failure";
import type { PlanDocument, PlanNode } from "./planDocument";
import { diffHeadline, diffLines, shortType } from "./renderDiff";
import { formatValue, renderText } from "./renderText";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const PRIVATE_DNS = "aws:vpc/endpointPrivateDns:EndpointPrivateDns";

/** The comment's first line; a workflow edits the comment that starts with it. */
export function commentHeading(stack: string): string {
  return `### Plan of stack \`${stack}\``;
}

export function renderMarkdown(plan: PlanDocument, diff?: PlanDiff, base?: PlanDocument): string {
  const nodes = flatten(plan.resources);
  const out: string[] = [commentHeading(plan.stack), ""];
  const policy = policyVerdict(plan.policies);
  out.push(`**${diff ? diffHeadline(diff) : `${plan.resourceCount} to create`}** · ${policy} · ${costLine(plan, base)}`, "");

  out.push(...countsTable(plan, nodes, diff), "");
  out.push("**Key settings**", "", ...settingsTable(plan, nodes), "");
  if (diff && diff.changes.length > 0) out.push("**Changes**", "", "```diff", ...diffLines(diff).slice(1).map((l) => l.slice(2)), "```", "");
  if (plan.warnings.length > 0) out.push("**Warnings**", "", ...plan.warnings.map((w) => `- ${escape(w)}`), "");
  out.push("**Policies**", "", ...policyTable(plan.policies), "");
  out.push(`**Monthly cost (us-east-1 list prices):** ${describeCost(estimateMonthlyCost(plan))}.`, "");
  out.push(
    `<sub>Offline plan (Pulumi mocks in preview mode): cluster facts from ${plan.sources.cockroach}` +
      `${plan.sources.aws === undefined ? "" : `; AWS facts from ${plan.sources.aws}`}` +
      `${plan.sources.gcp === undefined ? "" : `; GCP facts from ${plan.sources.gcp}`}.</sub>`,
    "",
    "<details><summary>Full plan</summary>",
    "",
    "```text",
    renderText(plan).trimEnd(),
    "```",
    "",
    "</details>",
  );
  return `${out.join("\n")}\n`;
}

/** A comment for a stack that cannot be planned: the problems, so the author sees them in the PR. */
export function renderMarkdownFailure(stack: string, problems: readonly PlanProblem[]): string {
  const rows = problems.map((p) => `| \`${p.key || "-"}\` | ${p.value === null ? "-" : `\`${escape(JSON.stringify(p.value))}\``} | ${escape(p.reason)} | ${escape(p.allowed) || "-"} |`);
  return [commentHeading(stack), "", "**The stack cannot be planned.**", "", "| Key | Value | Problem | Allowed |", "|---|---|---|---|", ...rows, ""].join("\n");
}

function countsTable(plan: PlanDocument, nodes: PlanNode[], diff?: PlanDiff): string[] {
  if (!diff) {
    const byType = tally(nodes.map((n) => shortType(n.type)));
    return ["| Resource type | To create |", "|---|---:|", ...[...byType].map(([type, n]) => `| \`${type}\` | ${n} |`)];
  }
  const types = [...new Set(diff.changes.map((c) => c.type))].sort((a, b) => shortType(a).localeCompare(shortType(b)));
  const rows = types.map((type) => {
    const cells = ACTIONS.map((a) => diff.changes.filter((c) => c.type === type && c.action === a).length);
    return `| \`${shortType(type)}\` | ${cells.join(" | ")} |`;
  });
  const totals = countByAction(diff);
  return [
    `| Resource type | Create | Update | Replace | Delete |`,
    "|---|---:|---:|---:|---:|",
    ...rows,
    `| **All** (${diff.unchanged} unchanged of ${plan.resourceCount}) | ${ACTIONS.map((a) => totals[a]).join(" | ")} |`,
  ];
}

/** Per endpoint: region, VPC, AZ IDs, who may connect on which port, private DNS. Read from the planned resources. */
function settingsTable(plan: PlanDocument, nodes: PlanNode[]): string[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const endpoints = nodes.filter((n) => n.type === ENDPOINT);
  if (endpoints.length === 0) return ["No VPC endpoint in this plan."];
  const rows = endpoints.map((endpoint) => {
    const region = typeof endpoint.inputs.region === "string" ? endpoint.inputs.region : (plan.awsRegion ?? "-");
    const vpcNode = (endpoint.inputSources.vpcId ?? []).map((n) => byName.get(n)).find(Boolean);
    const vpc = vpcNode ? `new ${formatValue(vpcNode.inputs.cidrBlock)}` : `existing ${formatValue(endpoint.inputs.vpcId)}`;
    const subnets = (endpoint.inputSources.subnetIds ?? []).map((n) => byName.get(n)?.inputs.availabilityZoneId).filter((z) => typeof z === "string");
    const zones = subnets.length > 0 ? subnets.join(", ") : `${Array.isArray(endpoint.inputs.subnetIds) ? endpoint.inputs.subnetIds.length : "?"} subnets`;
    const groups = new Set(endpoint.inputSources.securityGroupIds ?? []);
    const rules = nodes.filter((n) => n.type === INGRESS_RULE && (n.inputSources.securityGroupId ?? []).some((g) => groups.has(g)));
    const sources = rules.map((r) => formatValue(r.inputs.cidrIpv4 ?? r.inputs.referencedSecurityGroupId ?? r.inputs.cidrIpv6));
    const ports = [...new Set(rules.map((r) => formatValue(r.inputs.fromPort)))];
    const dns = nodes.find((n) => n.type === PRIVATE_DNS && (n.inputSources.vpcEndpointId ?? []).includes(endpoint.name));
    return `| ${region} | ${vpc} | ${zones} | ${sources.join(", ") || "none"} | ${ports.join(", ") || "-"} | ${dns?.inputs.privateDnsEnabled === true ? "on" : "off"} |`;
  });
  return ["| Region | VPC | AZ IDs | Allowed sources | Port | Private DNS |", "|---|---|---|---|---|---|", ...rows];
}

function policyVerdict(results: readonly PolicyResult[]): string {
  const mandatory = results.filter((r) => r.status === "violated" && r.enforcementLevel === "mandatory").length;
  const advisory = results.filter((r) => r.status === "violated" && r.enforcementLevel !== "mandatory").length;
  if (mandatory > 0) return `❌ ${mandatory} mandatory polic${mandatory === 1 ? "y" : "ies"} violated`;
  return advisory > 0 ? `⚠️ policies pass, ${advisory} advisory` : "✅ policies pass";
}

function policyTable(results: readonly PolicyResult[]): string[] {
  const rows = results.map((r) => {
    const status = r.status === "violated" ? (r.enforcementLevel === "mandatory" ? "❌ violated" : "⚠️ advisory") : r.status === "passed" ? "✅ passed" : r.status;
    const findings = r.findings.map((f) => `${f.resourceName ? `\`${f.resourceName}\`: ` : ""}${escape(f.message)}`).join("<br>");
    return `| ${status} | [${r.policy}](${r.url}) | ${r.enforcementLevel}, ${r.severity ?? "-"} | ${findings || "-"} |`;
  });
  return ["| Result | Policy | Level | Findings |", "|---|---|---|---|", ...rows];
}

function costLine(plan: PlanDocument, base?: PlanDocument): string {
  const now = estimateMonthlyCost(plan);
  if (now.partial) return `at least ${formatUsd(now.monthlyUsd)}/month before traffic (endpoint AZs known after deploy)`;
  if (!base) return `${formatUsd(now.monthlyUsd)}/month before traffic`;
  const before = estimateMonthlyCost(base);
  return before.monthlyUsd === now.monthlyUsd
    ? `${formatUsd(now.monthlyUsd)}/month before traffic (unchanged)`
    : `${formatUsd(before.monthlyUsd)} → ${formatUsd(now.monthlyUsd)}/month before traffic`;
}

function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of [...values].sort()) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function flatten(nodes: readonly PlanNode[]): PlanNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** Table cells and list items: no pipes, no raw HTML. */
function escape(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\n/g, " ");
}
