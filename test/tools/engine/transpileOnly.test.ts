// "Fast previews" (README): PULUMI_NODEJS_TRANSPILE_ONLY=true makes the language host's runner skip ts-node's type
// check. Shown on a one-file project that has a type error, loaded through the runner under our monitor: with the
// check, the runner refuses it with the TypeScript diagnostic; transpile-only, it runs and exports its output.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgramFailedError, previewRecorder, runProgramUnderEngine } from "../../../tools/engine/runProgram";

const ROOT = path.resolve(__dirname, "../../..");
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "transpile-only-"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "tiny", version: "0.0.0" }));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: tiny\nmain: index.ts\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
  // The same settings tsconfig.pulumi.json gives the real program under the runner.
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", rootDir: ".", strict: true, types: ["node"] } }),
  );
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    'import * as pulumi from "@pulumi/pulumi";\nconst port: number = "26257";\nexport const answer = pulumi.output(port);\n',
  );
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const load = (transpileOnly: boolean) =>
  runProgramUnderEngine({
    dir,
    stack: "dev",
    config: {},
    // ts-node's disk cache is keyed by file text only; off, so each run compiles as on a fresh machine.
    env: { PULUMI_NODEJS_TRANSPILE_ONLY: transpileOnly ? "true" : undefined, TS_NODE_CACHE: "false" },
    handler: previewRecorder(),
  });

describe("PULUMI_NODEJS_TRANSPILE_ONLY under the language host's runner", () => {
  it("type-checks by default: a type error stops the program before it exports anything", async () => {
    const failure = await load(false).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ProgramFailedError);
    const run = (failure as ProgramFailedError).run;
    expect(run.runner.exitCode).not.toBe(0);
    expect(run.logs.map((l) => l.message).join("\n")).toMatch(/TS2322: Type 'string' is not assignable to type 'number'/);
    expect(run.outputs).toEqual({});
  }, 120_000);

  it("transpile-only skips the check: the same program runs and exports its output", async () => {
    const run = await load(true);
    expect(run.outputs).toEqual({ answer: "26257" });
    expect(run.registrations.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
  }, 120_000);
});
