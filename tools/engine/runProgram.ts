// runProgramUnderEngine: one program run (a preview, or an update's program half) under our engine. Starts the
// ResourceMonitor/Engine services on 127.0.0.1, starts the real program runner as a child process the way the
// language host does, hands each registration to a DeploymentHandler, and returns what the program registered
// with timings. This is the stable entry point for tests and benchmarks.
import { type DeploymentHandler, type LogEntry, type Registration, startMonitor } from "./monitor";
import { readProjectFile, runProgramRunner, type RunnerResult } from "./programRunner";
import type { PropertyMap } from "./protocol";
import { readStackConfig, stackConfig } from "./stackConfig";

export interface RunProgramOptions {
  /** The project directory (holds Pulumi.yaml, package.json, node_modules). */
  dir: string;
  stack: string;
  /** Stack config `project:key` -> string. @default read from Pulumi.<stack>.yaml in `dir` */
  config?: Record<string, string>;
  /** Secret config values (decrypted), merged into `config` and listed as secret keys. @default {} */
  secrets?: Record<string, string>;
  /** A preview (`pulumi preview`) rather than an update. @default true */
  dryRun?: boolean;
  /** Extra environment for the runner, e.g. COCKROACH_SERVER; `undefined` removes a variable. @default {} */
  env?: Record<string, string | undefined>;
  /** `--parallel` as the CLI passes it. @default 8 */
  parallel?: number;
  /** Decides what each registration means. @default a recorder that answers like a first preview */
  handler?: DeploymentHandler;
}

export interface ProgramRun {
  /** The first step that failed (the runner was then stopped). */
  stepError?: Error;
  registrations: Registration[];
  /** The stack's outputs (RegisterResourceOutputs of the root stack resource), wire-encoded. */
  outputs: PropertyMap;
  logs: LogEntry[];
  runner: RunnerResult;
  timings: {
    /** Spawn of the runner to its first registration of a resource of the program (not the stack). */
    loadMs: number | undefined;
    /** Spawn of the runner to its exit. */
    totalMs: number;
  };
}

export class ProgramFailedError extends Error {
  constructor(readonly run: ProgramRun) {
    const errors = run.logs.filter((l) => l.severity === "error").map((l) => l.message.trim());
    if (run.stepError) errors.unshift(run.stepError.message);
    const detail = errors.length ? errors.join("\n") : run.runner.stderr.trim().split("\n").slice(-20).join("\n");
    super(`the program runner exited with ${run.runner.exitCode ?? run.runner.signal}:\n${detail}`);
    this.name = "ProgramFailedError";
  }
}

export const STACK_TYPE = "pulumi:pulumi:Stack";

/** Runs the program once under the engine; rejects with ProgramFailedError when the runner fails. */
export async function runProgramUnderEngine(options: RunProgramOptions): Promise<ProgramRun> {
  const project = readProjectFile(options.dir);
  const { config, secretKeys } = stackConfig(options.config ?? readStackConfig(options.dir, options.stack), options.secrets);
  const dryRun = options.dryRun ?? true;
  const registrations: Registration[] = [];
  const logs: LogEntry[] = [];
  const outputsByUrn = new Map<string, PropertyMap>();
  const handler = options.handler ?? previewRecorder();
  const startedAt = Date.now();
  // On the first failed step the deployment is over: the runner is stopped rather than left to finish. (Left alone
  // after a provider host was killed during `up`, the runner of @pulumi/pulumi 3.270 took 2-3 minutes to exit with
  // its event loop blocked; printing the error itself takes a millisecond, the cause is not identified.)
  const abort = new AbortController();
  let stepError: Error | undefined;

  const recording: DeploymentHandler = {
    register: (registration) => {
      registrations.push(registration);
      return handler.register(registration).catch((err: unknown) => {
        stepError ??= err instanceof Error ? err : new Error(String(err));
        abort.abort();
        throw err;
      });
    },
    registerOutputs: (urn, outputs) => {
      outputsByUrn.set(urn, outputs);
      handler.registerOutputs(urn, outputs);
    },
    invoke: (token, args, provider) => handler.invoke(token, args, provider),
    log: (entry) => {
      logs.push(entry);
      handler.log(entry);
    },
  };
  const monitor = await startMonitor({ project: project.name, stack: options.stack, dryRun, handler: recording, startedAt });
  let runner: RunnerResult;
  try {
    runner = await runProgramRunner({
      dir: options.dir,
      project,
      stack: options.stack,
      monitorAddress: monitor.address,
      dryRun,
      parallel: options.parallel ?? 8,
      config,
      secretKeys,
      env: options.env,
      signal: abort.signal,
    });
  } finally {
    await monitor.close();
  }
  const stackUrn = registrations.find((r) => r.type === STACK_TYPE)?.urn;
  const run: ProgramRun = {
    stepError,
    registrations,
    outputs: (stackUrn && outputsByUrn.get(stackUrn)) || {},
    logs,
    runner,
    timings: { loadMs: registrations.find((r) => r.type !== STACK_TYPE)?.atMs, totalMs: runner.durationMs },
  };
  if (runner.exitCode !== 0 || stepError) throw new ProgramFailedError(run);
  return run;
}

/**
 * The simplest deployment: every resource is new, as in a first `pulumi preview`. Custom resources get no ID and
 * their inputs back (the SDK treats every other output as unknown); invokes go to `invoke`.
 */
export function previewRecorder(invoke?: DeploymentHandler["invoke"]): DeploymentHandler {
  return {
    register: async (r) => ({ id: "", outputs: r.custom ? r.inputs : {} }),
    registerOutputs: () => {},
    invoke: invoke ?? (async (token) => Promise.reject(new Error(`no invoke handler for ${token}`))),
    log: () => {},
  };
}
