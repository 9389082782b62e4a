// Section 2: program load, wall time and peak memory, side by side with a bare require of @pulumi/aws.
import { BENCH_REGIONS } from "../deploy/stacks";
import { BARE_LABEL, languageHostPath, type LoadPath, type LoadRow, measureProgramLoad, OFFLINE_PLAN } from "../load/programLoad";
import { formatSummary } from "../measure/stats";
import { ratio, type Section, type SummaryRow, table } from "../report/markdown";

const ONE_REGION_GOAL = 1.25;
const MANY_REGIONS_GOAL = 1.4;

export function loadSection(options: { rounds: number; languageHost: boolean; regions?: number }): Section {
  const regions = options.regions ?? BENCH_REGIONS.length;
  const transpileOnly = languageHostPath("transpile-only");
  const typecheck = languageHostPath("typecheck");
  const paths: LoadPath[] = options.languageHost ? [OFFLINE_PLAN, transpileOnly, typecheck] : [OFFLINE_PLAN];
  const rows = measureProgramLoad(paths, options.rounds, regions, options.rounds > 1);
  const find = (label: string) => rows.find((r) => r.label === label) as LoadRow;
  const bare = find(BARE_LABEL);

  const summary: SummaryRow[] = [{ area: "Load", figure: BARE_LABEL, value: `${formatSummary(bare.wallS, 2, " s")}, ${bare.peakMiB.median.toFixed(0)} MiB` }];
  const misses: string[] = [];
  for (const p of paths) {
    const one = find(`${p.name}, 1 region`);
    const many = find(`${p.name}, ${regions} regions`);
    const oneGoal = p === transpileOnly ? ONE_REGION_GOAL : undefined;
    const oneMet = oneGoal === undefined ? undefined : one.vsBare.median <= oneGoal;
    summary.push({
      area: "Load",
      figure: `${p.name}, 1 region / bare`,
      value: `${ratio(one.vsBare.median)} (${one.wallS.median.toFixed(2)} s, ${one.peakMiB.median.toFixed(0)} MiB)`,
      goal: oneGoal ? `≤ ${oneGoal}×` : undefined,
      met: oneMet,
    });
    const manyRatio = (many.vsOneRegion ?? many.vsBare).median;
    summary.push({
      area: "Load",
      figure: `${p.name}, ${regions} regions / 1 region`,
      value: `${ratio(manyRatio)} (${many.wallS.median.toFixed(2)} s, ${many.peakMiB.median.toFixed(0)} MiB)`,
      goal: `≤ ${MANY_REGIONS_GOAL}×`,
      met: manyRatio <= MANY_REGIONS_GOAL,
    });
    if (oneMet === false) {
      misses.push(
        `Load, ${p.name}, 1 region: ${ratio(one.vsBare.median)} the bare load (goal ${ONE_REGION_GOAL}×). Why: on top of @pulumi/aws the runner loads ts-node and the ` +
          "TypeScript compiler and transpiles every project file on each run, then evaluates the program (config schema, lookups over HTTP, " +
          "closure serialization of the three dynamic providers). What would close it: run compiled JavaScript (Pulumi.yaml `main` at the " +
          "`npm run build` output with `typescript: false`), so no compiler is loaded at all; the program's own evaluation is what remains.",
      );
    }
    if (manyRatio > MANY_REGIONS_GOAL) {
      misses.push(
        `Load, ${p.name}, ${regions} regions: ${ratio(manyRatio)} one region (goal ${MANY_REGIONS_GOAL}×). Why: the fixed cost (modules, compiler) is shared, so the ` +
          `difference is per-region work (about ${regions * 10} more registrations and their outputs); this run does not say which part costs most. ` +
          "What would close it: profile the 20-region run (`node --cpu-prof`) and compare its per-resource cost with Pulumi's own ~3–4 ms per resource under mocks.",
      );
    }
  }
  const detail = [
    `Whole-process wall time and peak RSS, ${options.rounds} round(s)${options.rounds > 1 ? " after a warm-up round" : ""}; the commands run in turn within each round,`,
    "and ratios are taken pair by pair within a round. Language host rows time the runner process alone",
    "(`@pulumi/pulumi/cmd/run` started by tools/engine as the Node.js language host starts it, a preview, under a gRPC",
    "ResourceMonitor on 127.0.0.1), spawn to exit; type-check on is the default `pulumi preview`, transpile-only is",
    "PULUMI_NODEJS_TRANSPILE_ONLY=true; ts-node's cache is off (TS_NODE_CACHE=false), as on a fresh pipeline machine.",
    options.languageHost ? "" : "\n(The language host rows were skipped in this run.)",
    "",
    table(["Command", "Wall s, median (min–max)", "Peak MiB", "× bare", "× 1 region"], rows.map((r) => [
      r.label,
      formatSummary(r.wallS, 2),
      r.peakMiB.median.toFixed(0),
      formatSummary(r.vsBare, 2),
      r.vsOneRegion ? formatSummary(r.vsOneRegion, 2) : "",
    ])),
  ].join("\n");
  return { title: "2. Program load", rows: summary, detail, misses };
}
