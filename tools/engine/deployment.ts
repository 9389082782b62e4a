// The engine's step logic for one program run: each registration becomes a step (create, same, update, replace)
// decided by the resource's provider (Check, then Diff against the saved state); after the program, resources it no
// longer registers are deleted in reverse dependency order, replaced ones last (create-before-delete). State is
// checkpointed after every step, so an interrupted run leaves exactly what completed. Preview runs change nothing.
import { FakeAws } from "./fakeAws";
import { FakeGcp } from "./fakeGcp";
import type { DeploymentHandler, LogEntry, Registration, RegisterResult } from "./monitor";
import type { DynamicProviderHost } from "./providerHost";
import { type PropertyMap, UNKNOWN, isSecret, secret } from "./protocol";
import type { ProviderKind, ResourceState, StackState } from "./state";

export type StepOp = "create" | "same" | "update" | "replace" | "delete" | "refresh" | "read-gone";

export interface Step {
  op: StepOp;
  urn: string;
  type: string;
  /** Inputs that changed (update/replace), or outputs that drifted (refresh). */
  keys: string[];
}

export interface Providers {
  /** The dynamic-provider host, started and configured on first use. */
  dynamic(): Promise<DynamicProviderHost>;
  aws: FakeAws;
  /** The fake GCP project, for stacks with `gcp:` resources. */
  gcp?: FakeGcp;
}

export const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic";

export function providerKind(type: string, custom: boolean): ProviderKind {
  if (!custom) return "none";
  if (type.startsWith(DYNAMIC_PREFIX)) return "dynamic";
  if (FakeAws.handles(type)) return "aws";
  if (FakeGcp.handles(type)) return "gcp";
  throw new Error(`the engine has no provider for ${type}`);
}

export class Deployment implements DeploymentHandler {
  readonly steps: Step[] = [];
  readonly logs: LogEntry[] = [];
  private readonly olds: Map<string, ResourceState>;
  private readonly news: ResourceState[] = [];
  private readonly replaced: ResourceState[] = [];

  constructor(
    private readonly old: StackState,
    private readonly preview: boolean,
    private readonly providers: Providers,
    private readonly answerInvoke: DeploymentHandler["invoke"],
    /** Called with the state after every completed step (checkpoint). */
    private readonly checkpoint: (state: StackState) => void = () => {},
  ) {
    this.olds = new Map(old.resources.map((r) => [r.urn, r]));
  }

  invoke(token: string, args: PropertyMap, provider: string): Promise<PropertyMap> {
    return this.answerInvoke(token, args, provider);
  }

  log(entry: LogEntry): void {
    this.logs.push(entry);
  }

  registerOutputs(): void {}

  async register(r: Registration): Promise<RegisterResult> {
    const old = this.olds.get(r.urn);
    const kind = providerKind(r.type, r.custom);
    if (kind === "none") {
      this.record(old ? "same" : "create", r, []);
      this.complete({ urn: r.urn, type: r.type, custom: false, id: "", parent: r.parent, provider: kind, inputs: {}, outputs: {}, dependencies: r.dependencies });
      return { id: "", outputs: {} };
    }
    const inputs = await this.check(kind, r, old);
    let result: { id: string; outputs: PropertyMap };
    if (!old) {
      result = await this.create(kind, r, inputs);
      this.record("create", r, []);
    } else {
      const diff = await this.diff(kind, r, old, inputs);
      if (!diff.changed) {
        result = { id: old.id, outputs: old.outputs };
        this.record("same", r, []);
      } else if (diff.replaces.length === 0) {
        result = await this.update(kind, r, old, inputs);
        this.record("update", r, diff.keys);
      } else {
        if (diff.deleteBeforeReplace && !this.preview) await this.deleteResource(old);
        result = await this.create(kind, r, inputs);
        if (!diff.deleteBeforeReplace) this.replaced.push(old);
        this.record("replace", r, diff.replaces);
      }
    }
    const outputs = markSecret(result.outputs, r.additionalSecretOutputs);
    this.complete({ urn: r.urn, type: r.type, custom: true, id: result.id, parent: r.parent, provider: kind, inputs, outputs, dependencies: r.dependencies });
    return { id: result.id, outputs };
  }

  /** After the program exited successfully: delete what it no longer declares, then what was replaced. */
  async finish(): Promise<StackState> {
    const registered = new Set(this.news.map((r) => r.urn));
    const gone = this.old.resources.filter((r) => !registered.has(r.urn)).reverse();
    for (const resource of [...gone, ...this.replaced.reverse()]) {
      this.steps.push({ op: "delete", urn: resource.urn, type: resource.type, keys: [] });
      if (!this.preview) {
        await this.deleteResource(resource);
        if (gone.includes(resource)) this.olds.delete(resource.urn);
        this.checkpoint(this.state());
      }
    }
    return this.state();
  }

  /** The state now: what this run has completed, plus old resources it has not reached (interrupted runs). */
  state(): StackState {
    const done = new Set(this.news.map((r) => r.urn));
    const pending = this.old.resources.filter((r) => !done.has(r.urn) && this.olds.has(r.urn));
    return { resources: dependencyOrder([...pending, ...this.news]) };
  }

  private record(op: StepOp, r: Registration, keys: string[]): void {
    this.steps.push({ op, urn: r.urn, type: r.type, keys });
  }

  private complete(resource: ResourceState): void {
    this.news.push(resource);
    if (!this.preview) this.checkpoint(this.state());
  }

  private async check(kind: ProviderKind, r: Registration, old: ResourceState | undefined): Promise<PropertyMap> {
    if (kind !== "dynamic") return r.inputs;
    const host = await this.providers.dynamic();
    const { inputs, failures } = await host.check(r.urn, old?.inputs ?? {}, r.inputs);
    if (failures.length) throw new Error(`${r.urn}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    return inputs;
  }

  private async diff(kind: ProviderKind, r: Registration, old: ResourceState, inputs: PropertyMap) {
    if (kind === "aws" || kind === "gcp") {
      const { changed, replaces } = (kind === "aws" ? this.providers.aws : gcpOf(this.providers)).diff(r.type, old.inputs, inputs);
      const forced = r.replaceOnChanges.filter((k) => changed.includes(k));
      return { changed: changed.length > 0, keys: changed, replaces: [...new Set([...replaces, ...forced])], deleteBeforeReplace: r.deleteBeforeReplace };
    }
    const host = await this.providers.dynamic();
    const result = await host.diff(r.urn, old.id, old.outputs, inputs, old.inputs);
    // DIFF_UNKNOWN (a provider without diff): the engine compares inputs itself.
    const keys = Object.keys({ ...old.inputs, ...inputs }).filter((k) => JSON.stringify(old.inputs[k]) !== JSON.stringify(inputs[k]));
    const changed = result.changes ?? keys.length > 0;
    return { changed, keys, replaces: result.replaces, deleteBeforeReplace: result.deleteBeforeReplace || r.deleteBeforeReplace };
  }

  private async create(kind: ProviderKind, r: Registration, inputs: PropertyMap): Promise<{ id: string; outputs: PropertyMap }> {
    // A preview creates nothing: the outputs are the inputs, and everything else (and the ID) is unknown.
    if (this.preview) return { id: "", outputs: inputs };
    if (kind === "aws") return this.providers.aws.create(r.type, inputs);
    if (kind === "gcp") return gcpOf(this.providers).create(r.type, r.name, inputs);
    return (await this.providers.dynamic()).create(r.urn, inputs, false);
  }

  private async update(kind: ProviderKind, r: Registration, old: ResourceState, inputs: PropertyMap): Promise<{ id: string; outputs: PropertyMap }> {
    if (this.preview) return { id: old.id, outputs: { ...old.outputs, ...inputs } };
    if (kind === "aws") return { id: old.id, outputs: this.providers.aws.update(r.type, old.id, inputs) };
    if (kind === "gcp") return { id: old.id, outputs: gcpOf(this.providers).update(r.type, old.id, inputs) };
    return { id: old.id, outputs: await (await this.providers.dynamic()).update(r.urn, old.id, old.outputs, inputs, old.inputs, false) };
  }

  private async deleteResource(resource: ResourceState): Promise<void> {
    await deleteWithProvider(resource, this.providers);
  }
}

export async function deleteWithProvider(resource: ResourceState, providers: Providers): Promise<void> {
  if (resource.provider === "aws") providers.aws.delete(resource.type, resource.id);
  else if (resource.provider === "gcp") gcpOf(providers).delete(resource.type, resource.id);
  else if (resource.provider === "dynamic") await (await providers.dynamic()).delete(resource.urn, resource.id, resource.outputs, resource.inputs);
}

export function gcpOf(providers: Providers): FakeGcp {
  if (!providers.gcp) throw new Error("the engine has no GCP project: give the lifecycle a FakeGcp (option gcp)");
  return providers.gcp;
}

/** `additionalSecretOutputs`: the engine wraps those outputs as secrets before they reach the program or state. */
function markSecret(outputs: PropertyMap, keys: readonly string[]): PropertyMap {
  if (keys.length === 0) return outputs;
  const out = { ...outputs };
  for (const k of keys) if (k in out && out[k] !== UNKNOWN && !isSecret(out[k])) out[k] = secret(out[k]);
  return out;
}

/** Stable topological order: each resource after its parent and its dependencies (those present in the list). */
export function dependencyOrder(resources: readonly ResourceState[]): ResourceState[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const placed = new Set<string>();
  const out: ResourceState[] = [];
  const visit = (r: ResourceState, path: Set<string>) => {
    if (placed.has(r.urn) || path.has(r.urn)) return;
    path.add(r.urn);
    for (const dep of [r.parent, ...r.dependencies]) {
      const d = byUrn.get(dep);
      if (d) visit(d, path);
    }
    placed.add(r.urn);
    out.push(r);
  };
  for (const r of resources) visit(r, new Set());
  return out;
}
