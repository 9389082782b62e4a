// The plan as text, for a terminal or a PR comment: a header, the resource tree with each resource's inputs and
// where unknown ones come from, the stack outputs, then warnings.
import { type PlanDocument, type PlanNode, UNKNOWN } from "./planDocument";

export function renderText(plan: PlanDocument): string {
  const lines = [
    `Plan of stack "${plan.stack}" (project ${plan.project}), offline: Pulumi mocks in preview mode, nothing created.`,
    `  Cluster facts: ${plan.sources.cockroach}.`,
    `  AWS facts: ${plan.sources.aws}.`,
    ...(plan.sources.secretsLeftOut.length > 0 ? [`  Encrypted, left out: ${plan.sources.secretsLeftOut.join(", ")}.`] : []),
    `  ${UNKNOWN} marks a value that exists only once a resource is created; "<- name" says which.`,
    "",
    `Resources (${plan.resourceCount} to create):`,
  ];
  plan.resources.forEach((node, i) => renderNode(node, "", i === plan.resources.length - 1, lines));
  lines.push("", "Outputs:");
  renderValueLines(plan.outputs, "  ", lines);
  if (plan.warnings.length > 0) {
    lines.push("", "Warnings:");
    for (const warning of plan.warnings) lines.push(`  - ${warning}`);
  }
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
function formatValue(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length > 1 && value.every((v) => v === UNKNOWN)) return `[${UNKNOWN} x${value.length}]`;
    return `[${value.map(formatValue).join(", ")}]`;
  }
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${k}: ${formatValue(v)}`).join(", ")}}`;
  }
  return String(value);
}

/** Nested maps as indented `key: value` lines; anything else on one line. */
function renderValueLines(value: unknown, indent: string, lines: string[]): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    lines.push(`${indent}${formatValue(value)}`);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === "object" && child !== null && !Array.isArray(child) && Object.keys(child).length > 0) {
      lines.push(`${indent}${key}:`);
      renderValueLines(child, `${indent}  `, lines);
    } else {
      lines.push(`${indent}${key}: ${formatValue(child)}`);
    }
  }
}
