// The difference between two plans as lines, for the text and the markdown output.
import { ACTIONS, type ChangeAction, countByAction, type PlanDiff } from "./diff";
import { formatValue } from "./renderText";

const MARK: Record<ChangeAction, string> = { create: "+", update: "~", replace: "±", delete: "-" };

/** Short resource type: `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule` -> `SecurityGroupIngressRule`. */
export function shortType(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}

/** `+ 1 SecurityGroupIngressRule, nothing replaced`: what a reviewer needs first. */
export function diffHeadline(diff: PlanDiff): string {
  if (diff.changes.length === 0) return "no changes";
  const parts: string[] = [];
  for (const action of ACTIONS) {
    const byType = new Map<string, number>();
    for (const change of diff.changes.filter((c) => c.action === action)) {
      byType.set(shortType(change.type), (byType.get(shortType(change.type)) ?? 0) + 1);
    }
    parts.push(...[...byType].map(([type, n]) => `${MARK[action]} ${n} ${type}`));
  }
  if (countByAction(diff).replace === 0) parts.push("nothing replaced");
  return parts.join(", ");
}

/** One line per changed resource, and under updates and replacements one line per changed input. */
export function diffLines(diff: PlanDiff, indent = ""): string[] {
  const counts = countByAction(diff);
  const lines = [
    `${indent}Changes against ${diff.base}: ${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ` +
      `${counts.delete} to delete, ${diff.unchanged} unchanged.`,
  ];
  for (const change of diff.changes) {
    lines.push(`${indent}  ${MARK[change.action]} ${change.action.padEnd(7)} ${change.type} ${change.name}`);
    for (const input of change.inputs) {
      const note = input.replaces ? "  (forces replacement)" : "";
      lines.push(`${indent}        ${input.key}: ${formatValue(input.old ?? "(not set)")} → ${formatValue(input.new ?? "(not set)")}${note}`);
    }
  }
  return lines;
}
