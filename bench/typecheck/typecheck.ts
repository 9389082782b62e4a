// Type-check time of the program (the import graph of index.ts, with the project's compiler options) against a file
// that only imports the @pulumi/aws root, side by side; and of scratch copies of the program with the rewrites of
// rewrites.ts applied, to show what each would save. Scratch copies live in .scratch/ (ignored by git), inside the
// repository so that node_modules resolves as it does for the program.
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_DIR } from "../load/programLoad";
import { type Command, measureInRounds } from "../measure/processRuns";
import { pairedRatio, summarize, type Summary } from "../measure/stats";
import { narrowEc2SdkType, perModuleAwsImports } from "./rewrites";

export interface TypecheckRow {
  label: string;
  files: number;
  wallS: Summary;
  peakMiB: Summary;
  vsBaseline: Summary;
}

export const BASELINE_LABEL = 'baseline: a file with `import * as aws from "@pulumi/aws"`';
const BASELINE_SOURCE = `import * as aws from "@pulumi/aws";\nexport const vpcClass = aws.ec2.Vpc;\n`;
/** What the program's type check reads: index.ts and everything it imports. */
const PROGRAM_SOURCES = ["index.ts", "program", "components"];

interface Variant {
  label: string;
  rewrite?: (source: string) => string;
}

export const VARIANTS: Variant[] = [
  { label: "program (index.ts and its imports), as committed" },
  { label: "scratch: per-module @pulumi/aws imports", rewrite: perModuleAwsImports },
  { label: "scratch: local type for the EC2 SDK", rewrite: narrowEc2SdkType },
  { label: "scratch: both", rewrite: (s) => narrowEc2SdkType(perModuleAwsImports(s)) },
];

/** What a full run measures: the EC2 SDK type alone is left out to keep the run short (its share is "both" minus per-module). */
export const MEASURED_VARIANTS: Variant[] = [VARIANTS[0]!, VARIANTS[1]!, VARIANTS[3]!];

export function measureTypecheck(rounds: number, variants: readonly Variant[] = MEASURED_VARIANTS): TypecheckRow[] {
  const scratch = path.join(REPO_DIR, ".scratch", `bench-typecheck-${process.pid}`);
  fs.rmSync(scratch, { recursive: true, force: true });
  try {
    const commands: Command[] = [];
    const baselineDir = path.join(scratch, "baseline");
    fs.mkdirSync(baselineDir, { recursive: true });
    fs.writeFileSync(path.join(baselineDir, "baseline.ts"), BASELINE_SOURCE);
    commands.push(tscCommand(BASELINE_LABEL, baselineDir, "baseline.ts"));
    variants.forEach((variant, i) => {
      const dir = path.join(scratch, `variant-${i}`);
      if (variant.rewrite) copyRewritten(dir, variant.rewrite);
      else fs.mkdirSync(dir, { recursive: true });
      commands.push(tscCommand(variant.label, dir, variant.rewrite ? "index.ts" : path.join(REPO_DIR, "index.ts")));
    });
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

function copyRewritten(dir: string, rewrite: (source: string) => string): void {
  for (const entry of PROGRAM_SOURCES) {
    const from = path.join(REPO_DIR, entry);
    const files = fs.statSync(from).isDirectory() ? listTs(from) : [from];
    for (const file of files) {
      const to = path.join(dir, path.relative(REPO_DIR, file));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.writeFileSync(to, rewrite(fs.readFileSync(file, "utf8")));
    }
  }
}

function listTs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listTs(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}
