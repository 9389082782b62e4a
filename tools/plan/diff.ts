// What a change to a stack does: the plan at the base commit against the plan now, matched by URN. A resource
// only in the new plan is created, only in the old one deleted; in both, it is updated when an input changed and
// replaced when a replace-on-change input changed (tools/shared/replaceOnChange.ts for cloud resources, the
// providers' own `diff` rules for ours). An unknown input that comes from a resource being replaced or created
// changes too, so a replacement ripples down the graph as it would in `pulumi up`.
import { REPLACE_ON_CHANGE } from "../shared/replaceOnChange";
import { isUnknownMarker, type PlanDocument, type PlanNode, UNKNOWN, UNKNOWN_TEXT } from "./planDocument";

/** The inputs whose change makes our dynamic providers' `diff` answer "replace" (see components/.../providers). */
const DYNAMIC_REPLACE_ON_CHANGE: Readonly<Record<string, readonly string[]>> = {
  "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices": ["clusterId"],
  "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection": ["clusterId", "endpointId"],
  "pulumi-nodejs:dynamic/cockroach:PrivateEndpointTrustedOwner": ["clusterId", "type", "externalOwnerId"],
  "pulumi-nodejs:dynamic/cockroach:AllowList": ["clusterId", "cidrIp", "cidrMask"],
  "pulumi-nodejs:dynamic/aws:VpcEndpointReady": ["vpcEndpointId", "region"],
};

export type ChangeAction = "create" | "update" | "replace" | "delete";
export const ACTIONS: readonly ChangeAction[] = ["create", "update", "replace", "delete"];

export interface InputChange {
  key: string;
  old: unknown;
  new: unknown;
  /** This change alone forces a replacement. */
  replaces: boolean;
}

export interface ResourceChange {
  urn: string;
  type: string;
  name: string;
  action: ChangeAction;
  /** For updates and replacements: the inputs that change, sorted. */
  inputs: InputChange[];
}

export interface PlanDiff {
  base: string;
  changes: ResourceChange[];
  unchanged: number;
}

interface FlatNode {
  urn: string;
  node: PlanNode;
}

export function diffPlans(base: PlanDocument, head: PlanDocument, baseRef: string): PlanDiff {
  const olds = new Map(flatten(base).map((f) => [f.urn, f.node]));
  const news = flatten(head);
  const newUrns = new Set(news.map((f) => f.urn));
  const created = new Set(news.filter((f) => !olds.has(f.urn)).map((f) => f.node.name));
  const replaced = new Set<string>();
  const changesOf = new Map<string, InputChange[]>();

  // Replacements ripple through unknown inputs: repeat until no new replacement appears (at most one per resource).
  for (let round = 0; round <= news.length; round++) {
    let grew = false;
    for (const { urn, node } of news) {
      const old = olds.get(urn);
      if (!old) continue;
      const inputs = inputChanges(node, old, (source) => created.has(source) || replaced.has(source));
      changesOf.set(urn, inputs);
      if (inputs.some((c) => c.replaces) && !replaced.has(node.name)) {
        replaced.add(node.name);
        grew = true;
      }
    }
    if (!grew) break;
  }

  const changes: ResourceChange[] = [];
  for (const { urn, node } of news) {
    const inputs = changesOf.get(urn) ?? [];
    if (!olds.has(urn)) changes.push({ urn, type: node.type, name: node.name, action: "create", inputs: [] });
    else if (inputs.length > 0) changes.push({ urn, type: node.type, name: node.name, action: inputs.some((c) => c.replaces) ? "replace" : "update", inputs });
  }
  for (const [urn, node] of olds) {
    if (!newUrns.has(urn)) changes.push({ urn, type: node.type, name: node.name, action: "delete", inputs: [] });
  }
  const unchanged = news.length - changes.filter((c) => c.action !== "delete").length;
  return { base: baseRef, changes, unchanged };
}

export function countByAction(diff: PlanDiff): Record<ChangeAction, number> {
  const counts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const change of diff.changes) counts[change.action]++;
  return counts;
}

function inputChanges(node: PlanNode, old: PlanNode, sourceIsNew: (name: string) => boolean): InputChange[] {
  const replaceKeys = new Set([...(REPLACE_ON_CHANGE[node.type] ?? []), ...(DYNAMIC_REPLACE_ON_CHANGE[node.type] ?? [])]);
  const keys = [...new Set([...Object.keys(old.inputs), ...Object.keys(node.inputs)])].sort();
  const changes: InputChange[] = [];
  for (const key of keys) {
    const before = normalized(old.inputs[key]);
    const after = normalized(node.inputs[key]);
    const differs = JSON.stringify(before) !== JSON.stringify(after);
    // Same unknown text, different value: it is made from a resource that is new or replaced.
    const rebuilt = !differs && containsUnknown(after) && (node.inputSources[key] ?? []).some(sourceIsNew);
    if (differs || rebuilt) changes.push({ key, old: before, new: after, replaces: replaceKeys.has(key) });
  }
  return changes;
}

/** Every node with its URN; older plans (before URNs were in the JSON) get theirs computed the way Pulumi does. */
function flatten(plan: PlanDocument): FlatNode[] {
  const out: FlatNode[] = [];
  const visit = (node: PlanNode, parentTypes: string[]) => {
    const types = [...parentTypes, node.type];
    const urn = node.urn ?? `urn:pulumi:${plan.stack}::${plan.project}::${types.join("$")}::${node.name}`;
    out.push({ urn, node });
    for (const child of node.children) visit(child, types);
  };
  for (const node of plan.resources) visit(node, []);
  return out;
}

/** Old plans wrote unknowns as the text "(known after deploy)"; compare both forms as one. */
function normalized(value: unknown): unknown {
  if (value === UNKNOWN_TEXT || isUnknownMarker(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(normalized);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalized(v)]));
  return value;
}

function containsUnknown(value: unknown): boolean {
  if (isUnknownMarker(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}
