// Runs commands as separate processes and measures wall time and peak memory. Variants are run in rounds (one run
// of each, in turn), so every variant sees the same stretch of a noisy machine and ratios are side by side.
// Peak memory comes from each Node process itself: a preload writes process.resourceUsage().maxRSS when it exits
// (every Node process the command starts, so a CLI that forks is counted by its largest process).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface Command {
  readonly label: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The command measures the process that matters itself (e.g. a child it starts) and prints
   * `BENCH_RESULT {"wallS":…,"peakKiB":…}`; it gets the preload's path in BENCH_PRELOAD. @default false
   */
  readonly selfReported?: boolean;
}

export interface Run {
  readonly wallS: number;
  readonly peakMiB: number;
}

const PRELOAD = `"use strict";
const fs = require("node:fs");
process.on("exit", () => {
  try { fs.appendFileSync(process.env.BENCH_RSS_FILE, process.resourceUsage().maxRSS + "\\n"); } catch {}
});
`;

/** Runs every command `rounds` times after one unmeasured warm-up round. @throws when a command fails */
export function measureInRounds(commands: readonly Command[], rounds: number, warmUp = true): Map<string, Run[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-rss-"));
  const preload = path.join(dir, "peak-rss.cjs");
  fs.writeFileSync(preload, PRELOAD);
  const results = new Map<string, Run[]>(commands.map((c) => [c.label, []]));
  try {
    for (let round = warmUp ? -1 : 0; round < rounds; round++) {
      for (const command of commands) {
        const run = runOnce(command, preload, path.join(dir, "rss.txt"));
        if (round >= 0) results.get(command.label)?.push(run);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function runOnce(command: Command, preload: string, rssFile: string): Run {
  fs.rmSync(rssFile, { force: true });
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${preload}`].filter(Boolean).join(" ");
  const started = process.hrtime.bigint();
  const result = spawnSync(command.argv[0] as string, command.argv.slice(1), {
    cwd: command.cwd,
    env: { ...process.env, ...command.env, NODE_OPTIONS: nodeOptions, BENCH_RSS_FILE: rssFile, BENCH_PRELOAD: preload },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`${command.label}: exit ${result.status ?? result.signal}: ${command.argv.join(" ")}\n${output}`);
  }
  if (command.selfReported) {
    const line = (result.stdout ?? "").split("\n").find((l) => l.startsWith("BENCH_RESULT "));
    if (!line) throw new Error(`${command.label}: printed no BENCH_RESULT line`);
    const reported = JSON.parse(line.slice("BENCH_RESULT ".length)) as { wallS: number; peakKiB: number };
    return { wallS: reported.wallS, peakMiB: reported.peakKiB > 0 ? reported.peakKiB / 1024 : NaN };
  }
  const kib = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, "utf8").split("\n").filter(Boolean).map(Number) : [];
  return { wallS, peakMiB: kib.length > 0 ? Math.max(...kib) / 1024 : NaN };
}
