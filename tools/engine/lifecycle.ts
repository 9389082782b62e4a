// `pulumi preview / up / refresh / destroy` of one stack under our engine: the real program runner, the real
// dynamic-provider host, the fake AWS account, and the stack's state in a JSON file between operations.
import { type Deployment as DeploymentType, Deployment, type Providers, type Step, deleteWithProvider, gcpOf } from "./deployment";
import type { FakeAws } from "./fakeAws";
import { answerAwsInvoke, type ExistingVpc } from "./fakeAwsInvokes";
import type { FakeGcp } from "./fakeGcp";
import { answerGcpInvoke, gcpMockWorldOf } from "./fakeGcpInvokes";
import { type LogEntry, startMonitor } from "./monitor";
import { DynamicProviderHost } from "./providerHost";
import { type ProgramRun, ProgramFailedError, runProgramUnderEngine } from "./runProgram";
import { readStackConfig, stackConfig } from "./stackConfig";
import { type ResourceState, type StackState, StateFile } from "./state";

export interface LifecycleOptions {
  dir: string;
  stack: string;
  /** The state file (created on first `up`). */
  statePath: string;
  /** Encrypts secrets in the state file. @default "engine-test-passphrase" */
  passphrase?: string;
  /** Plain stack config. @default read from Pulumi.<stack>.yaml */
  config?: Record<string, string>;
  /** Secret stack config (decrypted values). @default {} */
  secrets?: Record<string, string>;
  /** Environment of both the program runner and the provider host (COCKROACH_SERVER, AWS_ENDPOINT_URL_EC2...). */
  env?: Record<string, string | undefined>;
  aws: FakeAws;
  /** VPCs that exist in the fake account before the program runs. @default [] */
  existingVpcs?: ExistingVpc[];
  /** The fake GCP project, for stacks with `gcp:` resources (its invokes answer for the world the config implies). */
  gcp?: FakeGcp;
  /** Called once the dynamic-provider host of an operation has started (tests use it to kill the host). */
  onProviderHost?: (host: DynamicProviderHost) => void;
}

export interface OperationResult {
  steps: Step[];
  state: StackState;
  /** Diagnostics the program logged (warnings, errors), and the provider host's stderr. */
  logs: LogEntry[];
  providerStderr: string;
  /** The program run (preview and up only). */
  run?: ProgramRun;
}

export class OperationFailedError extends Error {
  constructor(
    message: string,
    readonly result: OperationResult,
  ) {
    super(message);
    this.name = "OperationFailedError";
  }
}

export class LifecycleEngine {
  private readonly stateFile: StateFile;

  constructor(private readonly options: LifecycleOptions) {
    this.stateFile = new StateFile(options.statePath, options.passphrase ?? "engine-test-passphrase");
  }

  get state(): StackState {
    return this.stateFile.load();
  }

  /** Replaces the plain stack config for later operations (a `pulumi config set`). */
  setConfig(config: Record<string, string>): void {
    this.options.config = config;
  }

  preview(): Promise<OperationResult> {
    return this.runProgram(true);
  }

  up(): Promise<OperationResult> {
    return this.runProgram(false);
  }

  /** `pulumi refresh`: Read every resource; drop the ones that are gone, take the outputs of the others. */
  async refresh(): Promise<OperationResult> {
    return this.withProviders(async (providers, steps) => {
      const resources: ResourceState[] = [];
      for (const resource of this.stateFile.load().resources) {
        const found = await readWithProvider(resource, providers);
        if (!found) {
          steps.push({ op: "read-gone", urn: resource.urn, type: resource.type, keys: [] });
          continue;
        }
        const drifted = Object.keys({ ...resource.outputs, ...found.outputs }).filter(
          (k) => JSON.stringify(resource.outputs[k]) !== JSON.stringify(found.outputs[k]),
        );
        steps.push({ op: "refresh", urn: resource.urn, type: resource.type, keys: drifted.sort() });
        resources.push({ ...resource, outputs: found.outputs, inputs: found.inputs ?? resource.inputs });
      }
      this.stateFile.save({ resources });
      return { resources };
    });
  }

  /** `pulumi destroy`: delete every resource in reverse dependency order, checkpointing after each. */
  async destroy(): Promise<OperationResult> {
    return this.withProviders(async (providers, steps) => {
      const remaining = [...this.stateFile.load().resources];
      while (remaining.length > 0) {
        const resource = remaining[remaining.length - 1]!;
        await deleteWithProvider(resource, providers);
        steps.push({ op: "delete", urn: resource.urn, type: resource.type, keys: [] });
        remaining.pop();
        this.stateFile.save({ resources: remaining });
      }
      return { resources: remaining };
    });
  }

  private config() {
    const plain = this.options.config ?? readStackConfig(this.options.dir, this.options.stack);
    return { plain, ...stackConfig(plain, this.options.secrets) };
  }

  private async runProgram(preview: boolean): Promise<OperationResult> {
    const { plain } = this.config();
    const defaultRegion = plain["aws:region"] ?? "us-east-1";
    let deployment: DeploymentType | undefined;
    let run: ProgramRun | undefined;
    const result = await this.withProviders(async (providers) => {
      // Start the provider host while the program loads (the CLI starts plugins on first use; only timing differs).
      providers.dynamic().catch(() => {});
      const gcpWorld = gcpMockWorldOf(plain);
      deployment = new Deployment(this.stateFile.load(), preview, providers, async (token, args) =>
        token.startsWith("gcp:") ? answerGcpInvoke(token, args, gcpWorld) : answerAwsInvoke(token, args, defaultRegion, this.options.existingVpcs ?? []), (state) => this.stateFile.save(state));
      try {
        run = await runProgramUnderEngine({
          dir: this.options.dir,
          stack: this.options.stack,
          config: plain,
          secrets: this.options.secrets,
          dryRun: preview,
          env: this.options.env,
          handler: deployment,
        });
      } catch (err) {
        if (err instanceof ProgramFailedError) run = err.run;
        throw err;
      }
      const state = await deployment.finish();
      if (!preview) this.stateFile.save(state);
      return state;
    }, () => deployment?.steps ?? []).catch((err: unknown) => {
      if (err instanceof OperationFailedError) err.result.run = run;
      throw err;
    });
    return { ...result, run };
  }

  private async withProviders(
    operation: (providers: Providers, steps: Step[]) => Promise<StackState>,
    stepsOf?: () => Step[],
  ): Promise<OperationResult> {
    const { config, secretKeys } = this.config();
    // The host gets an engine address as the CLI gives plugins one; it does not call back for what we test.
    const engine = await startMonitor({
      project: "engine",
      stack: this.options.stack,
      dryRun: false,
      startedAt: Date.now(),
      handler: { register: () => Promise.reject(new Error("no program")), registerOutputs() {}, invoke: () => Promise.reject(new Error("no program")), log() {} },
    });
    let host: Promise<DynamicProviderHost> | undefined;
    const providers: Providers = {
      aws: this.options.aws,
      gcp: this.options.gcp,
      dynamic: () =>
        (host ??= DynamicProviderHost.start({ dir: this.options.dir, engineAddress: engine.address, env: this.options.env }).then(async (h) => {
          this.options.onProviderHost?.(h);
          await h.configure(config, secretKeys);
          return h;
        })),
    };
    const steps: Step[] = [];
    const logs: LogEntry[] = [];
    let started: DynamicProviderHost | undefined;
    try {
      const state = await operation(providers, steps);
      started = host ? await host : undefined;
      return { steps: stepsOf ? stepsOf() : steps, state, logs, providerStderr: started?.stderr ?? "" };
    } catch (err) {
      started = host ? await host.catch(() => undefined) : undefined;
      const partial = { steps: stepsOf ? stepsOf() : steps, state: this.stateFile.load(), logs, providerStderr: started?.stderr ?? "" };
      throw new OperationFailedError((err as Error).message, partial);
    } finally {
      started ??= host ? await host.catch(() => undefined) : undefined;
      await started?.stop();
      await engine.close();
    }
  }
}

async function readWithProvider(resource: ResourceState, providers: Providers) {
  if (resource.provider === "aws" || resource.provider === "gcp") {
    const outputs = resource.provider === "aws" ? providers.aws.read(resource.type, resource.id) : gcpOf(providers).read(resource.type, resource.id);
    return outputs ? { outputs, inputs: undefined } : undefined;
  }
  if (resource.provider === "dynamic") {
    return (await providers.dynamic()).read(resource.urn, resource.id, resource.outputs, resource.inputs);
  }
  return { outputs: resource.outputs, inputs: undefined };
}
