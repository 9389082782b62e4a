// Starts the real Node.js program runner (`@pulumi/pulumi/cmd/run`) the way the Pulumi CLI's Node.js language host
// does: `node [nodeargs] <cmd/run> --monitor --engine --organization --project --root-directory --stack --pwd
// [--dry-run] --parallel <main>` in the project directory, with the stack config in PULUMI_CONFIG (JSON of string
// values) and PULUMI_CONFIG_SECRET_KEYS, and PULUMI_NODEJS_TYPESCRIPT / PULUMI_NODEJS_TSCONFIG_PATH from
// Pulumi.yaml's runtime options, so the runner's own ts-node setup compiles the program.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as yaml from "js-yaml";

/** What Pulumi.yaml tells the language host. */
export interface ProjectFile {
  name: string;
  /** Pulumi.yaml `main`, "." when unset (the runner then reads package.json). */
  main: string;
  typescript: boolean;
  tsconfig?: string;
  nodeargs?: string;
}

export function readProjectFile(dir: string): ProjectFile {
  const doc = yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as {
    name: string;
    main?: string;
    runtime: string | { name: string; options?: Record<string, unknown> };
  };
  const options = typeof doc.runtime === "object" ? (doc.runtime.options ?? {}) : {};
  return {
    name: doc.name,
    main: doc.main ?? ".",
    // The Node.js language host treats TypeScript as on unless `typescript: false`.
    typescript: options.typescript !== false,
    tsconfig: typeof options.tsconfig === "string" ? options.tsconfig : undefined,
    nodeargs: typeof options.nodeargs === "string" ? options.nodeargs : undefined,
  };
}

export interface RunnerOptions {
  dir: string;
  project: ProjectFile;
  stack: string;
  monitorAddress: string;
  dryRun: boolean;
  parallel: number;
  /** Stack config, `project:key` -> string (structured values as JSON text). */
  config: Record<string, string>;
  secretKeys: string[];
  /** Extra environment (e.g. COCKROACH_SERVER); `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Aborting kills the runner (the engine ends a deployment whose step failed). */
  signal?: AbortSignal;
}

export interface RunnerResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** From spawn to exit. */
  durationMs: number;
}

/** The runner script the language host resolves from the project's own node_modules. */
export function runnerScript(dir: string): string {
  return createRequire(path.join(dir, "package.json")).resolve("@pulumi/pulumi/cmd/run");
}

export function runProgramRunner(options: RunnerOptions): Promise<RunnerResult> {
  const { dir, project } = options;
  const args = [
    ...(project.nodeargs ? project.nodeargs.split(/\s+/).filter(Boolean) : []),
    runnerScript(dir),
    `--monitor=${options.monitorAddress}`,
    `--engine=${options.monitorAddress}`,
    "--organization=organization",
    `--project=${project.name}`,
    `--root-directory=${dir}`,
    `--stack=${options.stack}`,
    `--pwd=${dir}`,
    ...(options.dryRun ? ["--dry-run"] : []),
    `--parallel=${options.parallel}`,
    project.main,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Whatever ran us (vitest, tsx) must not leak its loaders or Pulumi settings into the runner.
  for (const key of Object.keys(env)) if (key.startsWith("PULUMI_") || key === "NODE_OPTIONS" || key.startsWith("VITEST")) delete env[key];
  env.PULUMI_CONFIG = JSON.stringify(options.config);
  env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(options.secretKeys);
  if (project.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (project.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = project.tsconfig;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"], signal: options.signal, killSignal: "SIGKILL" });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (err) => {
      if (err.name !== "AbortError") reject(err); // an abort ends in "close" with the signal
    });
    child.on("close", (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr, durationMs: Date.now() - started }));
  });
}
