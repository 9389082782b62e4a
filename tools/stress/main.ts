// `npm run test:stress`: the whole suite, several times in a row, while CPU-bound busy loops compete for the cores
// (two by default, as on a shared 2-core CI machine). A test that races real work against a fixed sleep, or asserts
// a wall-clock gap, fails here long before it fails in CI. Prints one line per run and a summary; exits non-zero on
// any failure. Flags: --runs N (default 5), --busy N (default 2); other arguments go to vitest (e.g. a test path).
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";

interface RunResult {
  run: number;
  exitCode: number;
  seconds: number;
  /** The suite's own "N passed, N failed, N skipped" line (test/support/summaryReporter.ts). */
  summary: string;
}

const SUMMARY = /^(\d+) passed, (\d+) failed, (\d+) skipped$/m;

function positiveInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

/** A child that spins one core until killed. */
function busyLoop(): ChildProcess {
  return spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
}

/** The suite running now, stopped with the busy loops on Ctrl-C. */
let current: ChildProcess | undefined;

function runSuite(run: number, vitestArgs: string[]): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const vitest = (current = spawn(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...vitestArgs], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, FORCE_COLOR: "0" },
    }));
    let output = "";
    vitest.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    vitest.on("close", (code) => {
      const summary = SUMMARY.exec(output)?.[0] ?? "no summary line (the run did not finish)";
      resolve({ run, exitCode: code ?? 1, seconds: (Date.now() - started) / 1000, summary });
    });
  });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { runs: { type: "string", default: "5" }, busy: { type: "string", default: "2" } },
    allowPositionals: true,
  });
  const runs = positiveInteger(values.runs, "--runs");
  const busy = Array.from({ length: positiveInteger(values.busy, "--busy") }, busyLoop);
  const stopBusy = () => busy.forEach((child) => child.kill("SIGKILL"));
  process.once("SIGINT", () => {
    stopBusy();
    current?.kill("SIGTERM");
    process.exit(130);
  });
  const results: RunResult[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      process.stdout.write(`\n=== test:stress run ${run} of ${runs}, ${busy.length} busy loops ===\n`);
      results.push(await runSuite(run, positionals));
    }
  } finally {
    stopBusy();
  }
  process.stdout.write(`\n=== test:stress summary (${busy.length} busy loops) ===\n`);
  for (const r of results) {
    process.stdout.write(`run ${r.run}: ${r.exitCode === 0 ? "ok" : `FAILED (exit ${r.exitCode})`}, ${r.summary}, ${r.seconds.toFixed(1)} s\n`);
  }
  const failedRuns = results.filter((r) => r.exitCode !== 0).length;
  process.stdout.write(`${runs - failedRuns} of ${runs} runs passed\n`);
  return failedRuns === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`test:stress: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
