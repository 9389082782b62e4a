// BENCHMARKS.md: how the run was made, the summary table, the goals missed with why and what would close them,
// then each section's detail.
import type { RunFacts } from "./machine";
import { type Section, summaryTable, table } from "./markdown";

export function benchmarksDocument(facts: RunFacts, sections: readonly Section[], options: { smoke: boolean; skipped: string[] }): string {
  const misses = sections.flatMap((s) => s.misses);
  return [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/main.ts); do not edit by hand. Issue 15: deploy critical path, program load, type-check",
    "time, cost, Cloud API budget. Benchmarks, not tests: nothing here fails CI (`npm run bench -- --smoke` runs one quick",
    "iteration in CI to keep the code working).",
    "",
    options.smoke ? "**Smoke run: one iteration, fewer regions and stacks; the figures are not meaningful.**\n" : "",
    table(["", ""], [
      ["Date", facts.date],
      ["Commit", facts.commit],
      ["Machine", facts.machine],
      ["Load average at the end (1, 5, 15 min)", facts.load],
      ["Node.js", facts.node],
      ...Object.entries(facts.versions).map(([k, v]) => [k, v]),
    ]),
    "",
    "**Noise.** This run shared its 2 cores with other jobs (see the load average), so absolute times are noisy and high; the",
    "ratios, taken side by side within each round, are what count. Deploy and cost figures are computed (simulated time,",
    "unit prices), not timed.",
    "",
    "## Summary",
    "",
    summaryTable(sections),
    "",
    ...(options.skipped.length > 0 ? [`Skipped in this run: ${options.skipped.join("; ")}.`, ""] : []),
    "## Goals missed: why, and what would close them",
    "",
    ...(misses.length > 0 ? misses.map((m) => `- ${m}`) : ["None."]),
    "",
    ...sections.flatMap((s) => [`## ${s.title}`, "", s.detail, ""]),
  ].join("\n");
}
