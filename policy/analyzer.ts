// Runs the pack's policies without the Pulumi CLI, the way `@pulumi/policy` 1.21's analyzer server does
// (server.js `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun`): props wrapped in `unknownCheckingProxy`, `isType`
// by type token, `notApplicable()` throwing, and a policy that reads a value unknown at preview turned into an
// advisory "can't run during preview". Config: what the user set, over each policy's schema defaults (the policies
// also default on their own: the analyzer alone hands them `{}`). The tests and the offline plan use it;
// test/policy/analyzerParity.test.ts holds it against the real analyzer.
import {
  type EnforcementLevel,
  type Policy,
  type PolicyResource,
  type ResourceValidation,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type Severity,
  type StackValidationPolicy,
  UnknownValueError,
  unknownCheckingProxy,
} from "@pulumi/policy";

/** The wire form of a value unknown at preview, as the analyzer receives it (Pulumi's unknown sentinel). */
export const UNKNOWN_AT_PREVIEW = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A resource as the engine hands it to the analyzer. Unknown values are `UNKNOWN_AT_PREVIEW`. */
export interface AnalyzedResource {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  parentUrn?: string;
  dependencyUrns: readonly string[];
  propertyDependencyUrns: Readonly<Record<string, readonly string[]>>;
}

/** `--policy-pack-config` contents: per policy an enforcement level, or an object with it and the policy's settings. */
export type PolicyPackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface PolicyFinding {
  message: string;
  /** The resource concerned; absent for a stack-wide finding. */
  resourceName?: string;
  urn?: string;
  /** `advisory` for a policy that could not run on a value unknown at preview. */
  enforcementLevel: EnforcementLevel;
  /** The policy read a value unknown at preview, so it could not decide (the analyzer reports this as advisory). */
  unknownAtPreview?: true;
}

export interface PolicyResult {
  policy: string;
  displayName: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  /** `passed`: it applied to something and found nothing; `not applicable`: nothing in the stack concerns it. */
  status: "passed" | "violated" | "not applicable" | "disabled";
  findings: PolicyFinding[];
  remediationSteps?: string;
  url?: string;
}

type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

class NotApplicableError extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicableError(reason ?? "not applicable");
};

export function runPolicies(policies: readonly AnyPolicy[], resources: readonly AnalyzedResource[], config: PolicyPackConfig = {}): PolicyResult[] {
  const nameOf = new Map(resources.map((r) => [r.urn, r.name]));
  return policies.map((policy) => {
    const settings = settingsOf(policy, config);
    const result: PolicyResult = {
      policy: policy.name,
      displayName: policy.displayName ?? policy.name,
      enforcementLevel: settings.enforcementLevel,
      severity: policy.severity,
      status: "not applicable",
      findings: [],
      remediationSteps: policy.remediationSteps,
      url: policy.url,
    };
    if (settings.enforcementLevel === "disabled") return { ...result, status: "disabled" };
    const level: EnforcementLevel = settings.enforcementLevel === "remediate" ? "mandatory" : settings.enforcementLevel;
    const getConfig = <T extends object>() => settings.properties as T;
    let applied = false;
    const attempt = (run: () => unknown, urn?: string) => {
      try {
        run();
        applied = true;
      } catch (err) {
        if (err instanceof NotApplicableError) return;
        if (!(err instanceof UnknownValueError)) throw err;
        applied = true;
        const message = `can't run policy '${policy.name}' during preview: ${(err as Error).message}`;
        result.findings.push({ message, urn, resourceName: urn ? nameOf.get(urn) : undefined, enforcementLevel: "advisory", unknownAtPreview: true });
      }
    };
    const report = (fallbackUrn?: string) => (message: string, urn?: string) => {
      const at = urn ?? fallbackUrn;
      result.findings.push({ message, urn: at, resourceName: at ? nameOf.get(at) : undefined, enforcementLevel: level });
    };
    if ("validateResource" in policy && policy.validateResource) {
      const validations: ResourceValidation[] = ([] as ResourceValidation[]).concat(policy.validateResource);
      for (const resource of resources) {
        for (const validate of validations) {
          attempt(() => validate(resourceArgs(resource, getConfig), report(resource.urn)), resource.urn);
        }
      }
    }
    if ("validateStack" in policy && policy.validateStack) {
      const stackArgs = { resources: policyResources(resources), getConfig, stackTags: new Map(), notApplicable };
      attempt(() => policy.validateStack(stackArgs, report()));
    }
    const violated = result.findings.some((f) => !f.unknownAtPreview);
    result.status = violated ? "violated" : applied ? "passed" : "not applicable";
    return result;
  });
}

/** Whether any mandatory policy was violated: `pulumi preview` fails then. */
export function hasMandatoryViolation(results: readonly PolicyResult[]): boolean {
  return results.some((r) => r.status === "violated" && r.enforcementLevel === "mandatory");
}

function resourceArgs(resource: AnalyzedResource, getConfig: <T extends object>() => T): ResourceValidationArgs {
  const props = unknownCheckingProxy(structuredClone(resource.props)) as Record<string, unknown>;
  const isType = (cls: { __pulumiType?: string; isInstance?: (o: unknown) => boolean }) =>
    cls.__pulumiType ? cls.__pulumiType === resource.type : cls.isInstance?.({ __pulumiType: resource.type }) === true;
  return {
    type: resource.type,
    props,
    urn: resource.urn,
    name: resource.name,
    opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], parent: resource.parentUrn },
    stackTags: new Map(),
    isType: isType as ResourceValidationArgs["isType"],
    asType: ((cls: never) => (isType(cls) ? props : undefined)) as ResourceValidationArgs["asType"],
    getConfig,
    notApplicable,
  };
}

/** Stack-policy resources with parent and dependencies linked as objects, as the analyzer builds them. */
function policyResources(resources: readonly AnalyzedResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  for (const r of resources) {
    byUrn.set(r.urn, {
      type: r.type,
      props: unknownCheckingProxy(structuredClone(r.props)),
      urn: r.urn,
      name: r.name,
      opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
      dependencies: [],
      propertyDependencies: {},
      isType: (cls: { __pulumiType?: string }) => cls.__pulumiType === r.type,
      asType: () => undefined,
    } as unknown as PolicyResource);
  }
  for (const r of resources) {
    const resource = byUrn.get(r.urn) as PolicyResource;
    const linked = (urns: readonly string[]) => urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined);
    if (r.parentUrn && byUrn.has(r.parentUrn)) resource.parent = byUrn.get(r.parentUrn);
    resource.dependencies = linked(r.dependencyUrns);
    for (const [key, urns] of Object.entries(r.propertyDependencyUrns)) resource.propertyDependencies[key] = linked(urns);
  }
  return [...byUrn.values()];
}

function settingsOf(policy: Policy, config: PolicyPackConfig): { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> } {
  const given = config[policy.name];
  const { enforcementLevel, ...overrides } = typeof given === "string" ? { enforcementLevel: given } : (given ?? {});
  const defaults = Object.fromEntries(
    Object.entries(policy.configSchema?.properties ?? {})
      .filter(([, schema]) => (schema as { default?: unknown }).default !== undefined)
      .map(([key, schema]) => [key, (schema as { default?: unknown }).default]),
  );
  return { enforcementLevel: enforcementLevel ?? policy.enforcementLevel ?? "advisory", properties: { ...defaults, ...overrides } };
}
