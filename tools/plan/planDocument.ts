// The plan as data: the recorded registrations arranged as a parent/child tree in a stable order, with values
// unknown at preview replaced by a marker. Both the text and the JSON output print this.
import * as pulumi from "@pulumi/pulumi";
import type { PolicyResult } from "../../policy/analyzer";
import type { Evaluation } from "./evaluate";
import type { RecordedResource } from "../mocks/recorder";

/** How the text and markdown print a value unknown at preview. */
export const UNKNOWN_TEXT = "(known after deploy)";

/** A value unknown at preview, in the document (and its JSON): an object, so no string can be mistaken for it. */
export interface UnknownMarker {
  unknown: true;
}
export const UNKNOWN: UnknownMarker = Object.freeze({ unknown: true });

export function isUnknownMarker(value: unknown): value is UnknownMarker {
  return (
    typeof value === "object" && value !== null && (value as { unknown?: unknown }).unknown === true && Object.keys(value).length === 1
  );
}

/** Inputs never printed: the serialized provider code of dynamic resources. */
const HIDDEN_INPUTS = new Set(["__provider"]);

export interface PlanNode {
  /** Pulumi's URN: stack, project, the parent types and this type, and the name. What a diff matches on. */
  urn: string;
  type: string;
  name: string;
  /** Inputs by name, sorted; values unknown at preview are `{ unknown: true }`. */
  inputs: Record<string, unknown>;
  /** For inputs made from other resources' outputs: those resources' names. */
  inputSources: Record<string, string[]>;
  /** Resources waited for through `dependsOn` alone (not through an input). */
  dependsOn: string[];
  children: PlanNode[];
}

export interface PlanDocument {
  stack: string;
  project: string;
  /** Where facts came from, and the stack file's encrypted keys, which the plan cannot read. */
  /** Where facts came from; `aws` and `gcp` only for stacks with resources of that cloud. */
  sources: { cockroach: string; aws?: string; gcp?: string; secretsLeftOut: string[] };
  /** The stack's `aws:region`: the region of resources without their own `region` input. */
  awsRegion?: string;
  resourceCount: number;
  resources: PlanNode[];
  outputs: unknown;
  warnings: string[];
  /** The policy pack's policies, run on the planned resources as `pulumi preview --policy-pack policy` would. */
  policies: PolicyResult[];
}

export function planDocument(
  evaluation: Evaluation,
  header: Pick<PlanDocument, "stack" | "project" | "sources" | "policies" | "awsRegion">,
): PlanDocument {
  const byUrn = new Map(evaluation.resources.map((r) => [r.urn, r]));
  const depth = depthsOf(evaluation.resources, byUrn);
  const nameOf = (urn: string) => byUrn.get(urn)?.name ?? urn;
  const order = (a: RecordedResource, b: RecordedResource) =>
    (depth.get(a.urn) ?? 0) - (depth.get(b.urn) ?? 0) || a.name.localeCompare(b.name) || a.type.localeCompare(b.type);

  const childrenOf = (parentUrn: string | undefined): PlanNode[] =>
    evaluation.resources
      .filter((r) => (r.parentUrn !== undefined && byUrn.has(r.parentUrn) ? r.parentUrn : undefined) === parentUrn)
      .sort(order)
      .map((r) => toNode(r, nameOf, childrenOf(r.urn)));

  return {
    ...header,
    resourceCount: evaluation.resources.length,
    resources: childrenOf(undefined),
    outputs: withMarkers(evaluation.outputs),
    warnings: [...evaluation.warnings],
  };
}

function toNode(resource: RecordedResource, nameOf: (urn: string) => string, children: PlanNode[]): PlanNode {
  const inputs: Record<string, unknown> = {};
  const inputSources: Record<string, string[]> = {};
  for (const key of Object.keys(resource.inputs).sort()) {
    if (HIDDEN_INPUTS.has(key)) continue;
    inputs[key] = withMarkers(resource.inputs[key]);
    const sources = resource.propertyDependencyUrns[key];
    if (sources) inputSources[key] = sources.map(nameOf).sort();
  }
  const viaInputs = new Set(Object.values(resource.propertyDependencyUrns).flat());
  const dependsOn = resource.dependencyUrns.filter((urn) => !viaInputs.has(urn)).map(nameOf).sort();
  return { urn: resource.urn, type: resource.type, name: resource.name, inputs, inputSources, dependsOn, children };
}

/** Deep copy with `pulumi.unknown` replaced by `UNKNOWN`. */
function withMarkers(value: unknown): unknown {
  if (pulumi.isUnknown(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(withMarkers);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withMarkers(v)]));
  }
  return value;
}

/** Length of the longest dependency chain under each resource, so siblings print in the order they deploy. */
function depthsOf(resources: RecordedResource[], byUrn: Map<string, RecordedResource>): Map<string, number> {
  const depths = new Map<string, number>();
  const visit = (urn: string, seen: Set<string>): number => {
    const known = depths.get(urn);
    if (known !== undefined) return known;
    if (seen.has(urn)) return 0;
    seen.add(urn);
    const deps = byUrn.get(urn)?.dependencyUrns.filter((d) => byUrn.has(d)) ?? [];
    const depth = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => visit(d, seen)));
    depths.set(urn, depth);
    return depth;
  };
  for (const resource of resources) visit(resource.urn, new Set());
  return depths;
}
