// The plan as text, for a terminal or a PR comment: a header, the resource tree with each resource's inputs and
// where unknown ones come from, the stack outputs, then warnings.
import type { PolicyResult } from "../../policy/analyzer";
import type { PlanDiff } from "./diff";
import { isUnknownMarker, type PlanDocument, type PlanNode, UNKNOWN_TEXT } from "./planDocument";
import { diffLines } from "./renderDiff";

export function renderText(plan: PlanDocument, diff?: PlanDiff): string {
  const lines = [
    `Plan of stack "${plan.stack}" (project ${plan.project}), offline: Pulumi mocks in preview mode, nothing created.`,
    `  Cluster facts: ${plan.sources.cockroach}.`,
    ...(plan.sources.aws === undefined ? [] : [`  AWS facts: ${plan.sources.aws}.`]),
    ...(plan.sources.gcp === undefined ? [] : [`  GCP facts: ${plan.sources.gcp}.`]),
    ...(plan.sources.secretsLeftOut.length > 0 ? [`  Encrypted, left out: ${plan.sources.secretsLeftOut.join(", ")}.`] : []),
    `  ${UNKNOWN_TEXT} marks a value that exists only once a resource is created; "<- name" says which.`,
    "",
    ...(diff ? [...diffLines(diff), ""] : []),
    diff ? `Resources (${plan.resourceCount} in the new plan):` : `Resources (${plan.resourceCount} to create):`,
  ];
  plan.resources.forEach((node, i) => renderNode(node, "", i === plan.resources.length - 1, lines));
  lines.push("", "Outputs:");
  renderValueLines(plan.outputs, "  ", lines);
  if (plan.warnings.length > 0) {
    lines.push("", "Warnings:");
    for (const warning of plan.warnings) lines.push(`  - ${warning}`);
  }
  lines.push("", ...policyLines(plan.policies));
  return `${lines.join("\n")}\n`;
}

function renderNode(node: PlanNode, indent: string, last: boolean, lines: string[]): void {
  lines.push(`${indent}${last ? "└─ " : "├─ "}${node.type} ${node.name}`);
  const inner = `${indent}${last ? "   " : "│  "}`;
  const detail = `${inner}${node.children.length > 0 ? "│" : " "}    `;
  for (const [key, value] of Object.entries(node.inputs)) {
    const sources = node.inputSources[key];
    lines.push(`${detail}${key}: ${formatValue(value)}${sources ? `  <- ${sources.join(", ")}` : ""}`);
  }
  if (node.dependsOn.length > 0) lines.push(`${detail}dependsOn: ${node.dependsOn.join(", ")}`);
  node.children.forEach((child, i) => renderNode(child, inner, i === node.children.length - 1, lines));
}

/** One line: strings bare, lists in brackets (a run of unknowns counted), maps in braces. */
export function formatValue(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length > 1 && value.every(isUnknownMarker)) return `[${UNKNOWN_TEXT} x${value.length}]`;
    return `[${value.map(formatValue).join(", ")}]`;
  }
  if (isUnknownMarker(value)) return UNKNOWN_TEXT;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${k}: ${formatValue(v)}`).join(", ")}}`;
  }
  return String(value);
}

/** Nested maps as indented `key: value` lines; anything else on one line. */
function renderValueLines(value: unknown, indent: string, lines: string[]): void {
  if (typeof value !== "object" || value === null || Array.isArray(value) || isUnknownMarker(value)) {
    lines.push(`${indent}${formatValue(value)}`);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === "object" && child !== null && !Array.isArray(child) && !isUnknownMarker(child) && Object.keys(child).length > 0) {
      lines.push(`${indent}${key}:`);
      renderValueLines(child, `${indent}  `, lines);
    } else {
      lines.push(`${indent}${key}: ${formatValue(child)}`);
    }
  }
}

/** A count per outcome, then each finding: `VIOLATED [mandatory, critical] policy: resource: message`. */
export function policyLines(results: readonly PolicyResult[]): string[] {
  const count = (status: PolicyResult["status"]) => results.filter((r) => r.status === status).length;
  const lines = [
    `Policies (policy pack, as pulumi preview --policy-pack policy): ${count("passed")} passed, ${count("violated")} violated, ` +
      `${count("not applicable")} not applicable${count("disabled") > 0 ? `, ${count("disabled")} disabled` : ""}.`,
  ];
  for (const result of results) {
    for (const finding of result.findings) {
      const label = finding.unknownAtPreview ? "CANNOT CHECK" : finding.enforcementLevel === "mandatory" ? "VIOLATED" : "ADVISORY";
      const where = finding.resourceName ? `${finding.resourceName}: ` : "";
      lines.push(`  ${label} [${finding.enforcementLevel}, ${result.severity ?? "-"}] ${result.policy}: ${where}${finding.message}`);
    }
  }
  return lines;
}
