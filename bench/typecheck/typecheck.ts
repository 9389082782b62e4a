// Type-check time of the program (the import graph of index.ts, with the project's compiler options) against a file
// that only imports the @pulumi/aws root, side by side. The baseline's tsconfig lives in .scratch/ (ignored by git),
// inside the repository so that node_modules resolves as it does for the program.
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_DIR } from "../load/programLoad";
import { type Command, measureInRounds } from "../measure/processRuns";
import { pairedRatio, summarize, type Summary } from "../measure/stats";

export interface TypecheckRow {
  label: string;
  files: number;
  wallS: Summary;
  peakMiB: Summary;
  vsBaseline: Summary;
}

export const BASELINE_LABEL = 'baseline: a file with `import * as aws from "@pulumi/aws"`';
const BASELINE_SOURCE = `import * as aws from "@pulumi/aws";\nexport const vpcClass = aws.ec2.Vpc;\n`;
export const PROGRAM_LABEL = "program (index.ts and its imports)";

export function measureTypecheck(rounds: number): TypecheckRow[] {
  const scratch = path.join(REPO_DIR, ".scratch", `bench-typecheck-${process.pid}`);
  fs.rmSync(scratch, { recursive: true, force: true });
  try {
    const commands: Command[] = [];
    const baselineDir = path.join(scratch, "baseline");
    fs.mkdirSync(baselineDir, { recursive: true });
    fs.writeFileSync(path.join(baselineDir, "baseline.ts"), BASELINE_SOURCE);
    commands.push(tscCommand(BASELINE_LABEL, baselineDir, "baseline.ts"));
    const programDir = path.join(scratch, "program");
    fs.mkdirSync(programDir, { recursive: true });
    commands.push(tscCommand(PROGRAM_LABEL, programDir, path.join(REPO_DIR, "index.ts")));
    const files = new Map(commands.map((c) => [c.label, countFiles(c)]));
    const runs = measureInRounds(commands, rounds);
    const wall = (label: string) => (runs.get(label) ?? []).map((r) => r.wallS);
    return commands.map((c) => ({
      label: c.label,
      files: files.get(c.label) ?? 0,
      wallS: summarize(wall(c.label)),
      peakMiB: summarize((runs.get(c.label) ?? []).map((r) => r.peakMiB)),
      vsBaseline: pairedRatio(wall(c.label), wall(BASELINE_LABEL)),
    }));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** tsc with the project's compiler options on one root file, in `dir` (which holds the generated tsconfig). */
function tscCommand(label: string, dir: string, root: string): Command {
  const projectConfig = JSON.parse(fs.readFileSync(path.join(REPO_DIR, "tsconfig.json"), "utf8")) as {
    compilerOptions: Record<string, unknown>;
  };
  const tsconfig = { compilerOptions: { ...projectConfig.compilerOptions, noEmit: true }, files: [root] };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  return { label, argv: [process.execPath, path.join(REPO_DIR, "node_modules/typescript/bin/tsc"), "-p", dir], cwd: dir };
}

/** How many files the check reads (tsc --listFilesOnly), which explains the time. */
function countFiles(command: Command): number {
  const { execFileSync } = require("node:child_process") as typeof import("node:child_process");
  const out = execFileSync(command.argv[0] as string, [...command.argv.slice(1), "--listFilesOnly"], { cwd: command.cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return out.split("\n").filter(Boolean).length;
}
