// `npm run bench [-- --smoke]`: runs every benchmark of issue 15, prints one summary table and writes BENCHMARKS.md
// (a smoke run writes $TMPDIR/BENCHMARKS.smoke.md instead, so the committed run is never overwritten by one).
// Never exits non-zero because of a figure: only when a benchmark cannot run at all.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_DIR } from "./load/programLoad";
import { benchmarksDocument } from "./report/document";
import { runFacts } from "./report/machine";
import { type Section, summaryText } from "./report/markdown";
import { apiSection } from "./sections/apiSection";
import { costSection } from "./sections/costSection";
import { deploySection } from "./sections/deploySection";
import { loadSection } from "./sections/loadSection";
import { typecheckSection } from "./sections/typecheckSection";

const USAGE = "Usage: npm run bench [-- --smoke]";

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((a) => a !== "--smoke");
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]}\n${USAGE}`);
  const smoke = argv.includes("--smoke");
  const rounds = smoke ? 1 : 5;
  const step = (name: string) => process.stderr.write(`bench: ${name}...\n`);

  const sections: Section[] = [];
  const skipped: string[] = [];
  step("deploy critical path");
  sections.push(await deploySection({ singleStacks: smoke ? 2 : 20 }));
  step("program load");
  sections.push(loadSection({ rounds, languageHost: !smoke, regions: smoke ? 2 : undefined }));
  if (smoke) skipped.push("program load under the language host and 20 regions (minutes on 2 cores)");
  if (smoke) {
    skipped.push("type-check time (minutes on 2 cores)");
  } else {
    step("type-check time");
    sections.push(typecheckSection({ rounds }));
  }
  step("cost");
  sections.push(await costSection());
  step("Cloud API budget");
  sections.push(await apiSection({ acceptAfterMs: smoke ? 1000 : 25_000 }));

  const document = benchmarksDocument(runFacts(REPO_DIR), sections, { smoke, skipped });
  const out = smoke ? path.join(os.tmpdir(), "BENCHMARKS.smoke.md") : path.join(REPO_DIR, "BENCHMARKS.md");
  fs.writeFileSync(out, document);
  process.stdout.write(`${summaryText(sections)}\n\n${skipped.length ? `Skipped: ${skipped.join("; ")}.\n` : ""}Written to ${out}\n`);
}

main(process.argv.slice(2)).then(
  // The Pulumi runtime and the fakes may leave handles open; the work is done.
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
