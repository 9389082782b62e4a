// The policy pack's checks inside the plan, so a pull request from a fork (no cloud credentials, no Pulumi CLI)
// gets the same verdicts `pulumi preview --policy-pack policy` gives. Policies see the planned resources as the
// analyzer would: inputs with values unknown at preview, parent and dependencies by URN.
import * as pulumi from "@pulumi/pulumi";
import { type AnalyzedResource, type PolicyPackConfig, type PolicyResult, UNKNOWN_AT_PREVIEW, runPolicies } from "../../policy/analyzer";
import { configuredTags, noPublicDatabaseIngress, policies } from "../../policy/policies";
import { NAMESPACE } from "../../program/config/schema";
import type { RecordedResource } from "../mocks/recorder";

/**
 * Runs every policy. Settings the stack config implies (the database port, the tags every resource should carry)
 * are filled in; `given` (the same format as `pulumi preview --policy-pack-config`) wins.
 */
export function checkPolicies(resources: readonly RecordedResource[], config: Record<string, string>, given: PolicyPackConfig = {}): PolicyResult[] {
  return runPolicies(policies, resources.map(toAnalyzed), withStackDefaults(config, given));
}

function withStackDefaults(config: Record<string, string>, given: PolicyPackConfig): PolicyPackConfig {
  const implied: PolicyPackConfig = {};
  const port = Number(config[`${NAMESPACE}:port`]);
  if (Number.isInteger(port)) implied[noPublicDatabaseIngress.name] = { port };
  const tags = parseJson(config[`${NAMESPACE}:tags`]);
  if (typeof tags === "object" && tags !== null && !Array.isArray(tags)) {
    implied[configuredTags.name] = { requiredTags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)])) };
  }
  const merged: PolicyPackConfig = { ...implied };
  for (const [name, settings] of Object.entries(given)) {
    const base = merged[name];
    merged[name] =
      typeof settings === "string" ? { ...(typeof base === "object" ? base : {}), enforcementLevel: settings } : { ...(typeof base === "object" ? base : {}), ...settings };
  }
  return merged;
}

function toAnalyzed(resource: RecordedResource): AnalyzedResource {
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    props: wireForm(resource.inputs) as Record<string, unknown>,
    parentUrn: resource.parentUrn,
    dependencyUrns: resource.dependencyUrns,
    propertyDependencyUrns: resource.propertyDependencyUrns,
  };
}

/** Inputs as the analyzer receives them: unknowns as Pulumi's sentinel, no serialized provider code. */
function wireForm(value: unknown): unknown {
  if (pulumi.isUnknown(value)) return UNKNOWN_AT_PREVIEW;
  if (Array.isArray(value)) return value.map(wireForm);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "__provider").map(([k, v]) => [k, wireForm(v)]));
  }
  return value;
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
