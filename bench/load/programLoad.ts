// Program load: wall time and peak memory of loading and evaluating the program, for 1 and 20 regions, side by side
// with a bare `node -e "require('@pulumi/aws')"`. Paths: the offline plan (`npm run plan`'s code under tsx), and
// the language host's own TypeScript path when it is available (see languageHost.ts).
import * as fs from "node:fs";
import * as path from "node:path";
import { devStackConfig, multiRegionConfig } from "../deploy/stacks";
import { type Command, measureInRounds, type Run } from "../measure/processRuns";
import { pairedRatio, summarize, type Summary } from "../measure/stats";
import { writeStackFiles } from "./scratchStacks";

export const REPO_DIR = path.resolve(__dirname, "../..");

export interface LoadRow {
  label: string;
  wallS: Summary;
  peakMiB: Summary;
  /** Paired with the bare load. */
  vsBare: Summary;
  /** For 20 regions: paired with the same path at 1 region. */
  vsOneRegion?: Summary;
}

export interface LoadPath {
  /** e.g. "offline plan"; rows are "<name>, 1 region" and "<name>, 20 regions". */
  name: string;
  /** The command for the stack of `regions` regions; the plan reads it as Pulumi.bench-<regions>.yaml in `stacksDir`. */
  command(regions: number, stacksDir: string): Command;
}

export const BARE_LABEL = `node -e "require('@pulumi/aws')"`;

export const OFFLINE_PLAN: LoadPath = {
  name: "offline plan (npm run plan, tsx)",
  command: (regions, stacksDir) => ({
    label: "",
    argv: [process.execPath, "--import", "tsx", "tools/plan/main.ts", "--stack", `bench-${regions}`, "--cwd", stacksDir],
    cwd: REPO_DIR,
  }),
};

export function measureProgramLoad(paths: readonly LoadPath[], rounds: number, regions: number, warmUp = true): LoadRow[] {
  const stacksDir = writeStackFiles({ "bench-1": devStackConfig(), [`bench-${regions}`]: multiRegionConfig(regions) });
  const bare: Command = { label: BARE_LABEL, argv: [process.execPath, "-e", "require('@pulumi/aws')"], cwd: REPO_DIR };
  const commands: Command[] = [bare];
  for (const p of paths) {
    commands.push({ ...p.command(1, stacksDir), label: `${p.name}, 1 region` });
    commands.push({ ...p.command(regions, stacksDir), label: `${p.name}, ${regions} regions` });
  }
  let runs: Map<string, Run[]>;
  try {
    runs = measureInRounds(commands, rounds, warmUp);
  } finally {
    fs.rmSync(stacksDir, { recursive: true, force: true });
  }
  const of = (label: string) => runs.get(label) as Run[];
  const wall = (label: string) => of(label).map((r) => r.wallS);
  return commands.map((c) => {
    const one = c.label.replace(/, \d+ regions$/, ", 1 region");
    return {
      label: c.label,
      wallS: summarize(wall(c.label)),
      peakMiB: summarize(of(c.label).map((r) => r.peakMiB)),
      vsBare: pairedRatio(wall(c.label), wall(BARE_LABEL)),
      vsOneRegion: one !== c.label ? pairedRatio(wall(c.label), wall(one)) : undefined,
    };
  });
}

/** The language host's TypeScript path (tools/engine), with type checking on or transpile-only. */
export function languageHostPath(mode: "typecheck" | "transpile-only"): LoadPath {
  return {
    name: `language host, ${mode === "typecheck" ? "type-check on" : "transpile-only"}`,
    command: (regions) => ({
      label: "",
      argv: [process.execPath, "--import", "tsx", "bench/load/languageHostRun.ts", String(regions), mode],
      cwd: REPO_DIR,
      selfReported: true,
    }),
  };
}
