// One program load through the language host's own TypeScript path (tools/engine: the real @pulumi/pulumi/cmd/run
// runner under a gRPC ResourceMonitor on 127.0.0.1), as a command the load bench times. Usage:
//   node --import tsx bench/load/languageHostRun.ts <regions> <typecheck|transpile-only>
// Prints `BENCH_RESULT {"wallS":…,"peakKiB":…}` for the runner process alone (spawn to exit, its peak RSS), so the
// bench's own set-up (fake Cloud API, monitor) is not counted.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startFakeCloud } from "../../tools/fake-cloud";
import { answerAwsInvoke } from "../../tools/engine/fakeAwsInvokes";
import { previewRecorder, runProgramUnderEngine } from "../../tools/engine/runProgram";
import { clusterSeeds } from "../../tools/plan/planCloud";
import { devStackConfig, multiRegionConfig } from "../deploy/stacks";
import { REPO_DIR } from "./programLoad";

async function main(regionsArg: string | undefined, mode: string | undefined): Promise<void> {
  const regions = Number(regionsArg);
  if (!Number.isInteger(regions) || regions < 1 || (mode !== "typecheck" && mode !== "transpile-only")) {
    throw new Error("usage: languageHostRun.ts <regions> <typecheck|transpile-only>");
  }
  const stack = regions === 1 ? "dev" : `bench-${regions}`;
  const config = regions === 1 ? devStackConfig() : multiRegionConfig(regions);
  const cloud = await startFakeCloud({ clusters: clusterSeeds(config, stack, "STANDARD") });
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-lh-")), "rss.txt");
  try {
    const run = await runProgramUnderEngine({
      dir: REPO_DIR,
      stack,
      config,
      dryRun: true,
      env: {
        COCKROACH_SERVER: cloud.url,
        COCKROACH_API_KEY: "fake-api-key",
        PULUMI_NODEJS_TRANSPILE_ONLY: mode === "transpile-only" ? "true" : undefined,
        // ts-node caches compiled files in the OS temp dir: off, as on a fresh pipeline machine.
        TS_NODE_CACHE: "false",
        // The runner's own peak memory: the bench's preload, pointed at a file of the runner's own.
        NODE_OPTIONS: process.env.BENCH_PRELOAD ? `--require ${process.env.BENCH_PRELOAD}` : undefined,
        BENCH_RSS_FILE: rssFile,
      },
      handler: previewRecorder(async (token, args) => answerAwsInvoke(token, args, config["aws:region"] ?? "us-east-1", [])),
    });
    const kib = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, "utf8").split("\n").filter(Boolean).map(Number) : [];
    const resources = run.registrations.filter((r) => r.custom).length;
    process.stdout.write(`BENCH_RESULT ${JSON.stringify({ wallS: run.timings.totalMs / 1000, peakKiB: Math.max(0, ...kib), resources })}\n`);
  } finally {
    await cloud.close();
    fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  }
}

main(process.argv[2], process.argv[3]).catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
