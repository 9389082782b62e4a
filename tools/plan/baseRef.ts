// `--base REF`: the plan of the stack as of another commit. The program may differ at that commit too, so its own
// plan tool runs on its own files: `git archive` of the ref into a temporary directory, this checkout's
// node_modules linked in, `tools/plan/main.ts --json` run there in a child process. A stack file the ref does not
// have yet plans as empty (everything is created).
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PlanFailure } from "./failure";
import { CLOUD_API } from "./planCloud";
import type { PlanDocument } from "./planDocument";

export interface BasePlanRequest {
  /** The directory of the stack files, inside a git work tree. */
  dir: string;
  ref: string;
  stack: string;
  /** Where the base plan gets its cluster facts: the same as the new plan's. */
  clusterPlan: string;
  live: boolean;
  /** node_modules to link into the base checkout. */
  nodeModules: string;
}

/**
 * Plans of a commit are the same every time (CI checks the plan is deterministic), so one process plans each
 * commit, stack and option set once: a tool that renders several outputs, or a test suite, pays the child process once.
 */
const planned = new Map<string, Promise<PlanDocument>>();

export async function planAtRef(request: BasePlanRequest): Promise<PlanDocument> {
  const { dir, ref, stack } = request;
  const top = git(dir, ["rev-parse", "--show-toplevel"], "--cwd", dir, "a directory inside a git work tree");
  const commit = git(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], "--base", ref, `a commit, branch or tag of ${top}`);
  const relative = path.relative(fs.realpathSync(top), fs.realpathSync(dir));
  const stackPath = path.posix.join(...relative.split(path.sep).filter(Boolean), `Pulumi.${stack}.yaml`);
  if (!hasPath(top, commit, stackPath)) return emptyPlan(stack);
  const key = JSON.stringify([top, commit, stackPath, request.clusterPlan, request.live, request.nodeModules]);
  let plan = planned.get(key);
  if (!plan) {
    plan = planCommit(request, top, commit, relative);
    planned.set(key, plan);
    plan.catch(() => planned.delete(key));
  }
  return plan;
}

async function planCommit(request: BasePlanRequest, top: string, commit: string, relative: string): Promise<PlanDocument> {
  const { ref, stack } = request;
  const checkout = fs.mkdtempSync(path.join(os.tmpdir(), "plan-base-"));
  try {
    const archive = path.join(checkout, ".base.tar");
    execFileSync("git", ["-C", top, "archive", "--format=tar", "-o", archive, commit], { stdio: "pipe" });
    execFileSync("tar", ["-xf", archive, "-C", checkout], { stdio: "pipe" });
    fs.rmSync(archive);
    const projectDir = path.join(checkout, relative);
    const tool = path.join(projectDir, "tools/plan/main.ts");
    if (!fs.existsSync(tool)) {
      throw PlanFailure.of({ key: "--base", value: ref, reason: `${ref} has no tools/plan/main.ts to plan it with`, allowed: "a commit of this project" });
    }
    if (!fs.existsSync(path.join(projectDir, "node_modules"))) fs.symlinkSync(request.nodeModules, path.join(projectDir, "node_modules"), "dir");
    const cliArgs = path.join(projectDir, "tools/plan/cliArgs.ts");
    const { args: facts, env } = factOptions(request, fs.existsSync(cliArgs) ? fs.readFileSync(cliArgs, "utf8") : "");
    const args = [require.resolve("tsx/cli"), tool, "--json", "--stack", stack, "--cwd", projectDir, ...facts];
    const { code, stdout, stderr } = await run(process.execPath, args, projectDir, env);
    const parsed = parseJson(stdout) as (PlanDocument & { problems?: unknown }) | undefined;
    // Exit 3 (a mandatory policy violated) still printed a plan.
    if (parsed && Array.isArray(parsed.resources)) return parsed;
    const why = stderr.trim().split("\n").slice(-3).join(" ") || `exit code ${code}`;
    throw PlanFailure.of({ key: "--base", value: ref, reason: `the stack cannot be planned as of ${ref}: ${why}`, allowed: "a commit whose stack plans" });
  } finally {
    fs.rmSync(checkout, { recursive: true, force: true });
  }
}

/**
 * The options that give the base plan the same cluster facts, in words its (possibly older) plan tool knows: a
 * tool without `--live` reaches the same Cloud API through COCKROACH_SERVER. Policy settings are not handed on:
 * the diff compares resources only.
 */
function factOptions(request: BasePlanRequest, baseCliArgs: string): { args: string[]; env: NodeJS.ProcessEnv } {
  if (!request.live) return { args: ["--cluster-plan", request.clusterPlan], env: process.env };
  if (baseCliArgs.includes('"--live"')) return { args: ["--live"], env: process.env };
  return { args: [], env: { ...process.env, COCKROACH_SERVER: process.env.COCKROACH_SERVER?.trim() || CLOUD_API } };
}

function emptyPlan(stack: string): PlanDocument {
  return {
    stack,
    project: "",
    sources: { cockroach: "", aws: "", secretsLeftOut: [] },
    resourceCount: 0,
    resources: [],
    outputs: {},
    warnings: [],
    policies: [],
  };
}

function git(dir: string, args: string[], key: string, value: string, allowed: string): string {
  try {
    return execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    throw PlanFailure.of({ key, value, reason: `git rev-parse could not resolve it`, allowed });
  }
}

function hasPath(top: string, commit: string, file: string): boolean {
  try {
    execFileSync("git", ["-C", top, "cat-file", "-e", `${commit}:${file}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
