// How the steps print: one PASS/FAIL/SKIP line per step, the details indented under it, and a hint on failure.
import { STEP_TITLES, type StepResult } from "./steps";
import type { VerifyTarget } from "./verify";

const MARK = { pass: "PASS", fail: "FAIL", skipped: "SKIP" } as const;
const WIDTH = 110;

export function formatHeader(target: VerifyTarget, label: string | undefined): string {
  const where = `${target.user}@${target.host}:${target.port}/${target.database}`;
  return `Verifying ${label ? `${label}: ` : ""}${where} (CA: ${target.caSource})\n`;
}

export function formatStep(result: StepResult): string {
  const lines = [`${MARK[result.status]}  ${STEP_TITLES[result.step]}`];
  for (const detail of result.details) lines.push(`      ${detail}`);
  if (result.hint) lines.push(...wrap(`hint: ${result.hint}`, WIDTH - 6).map((l) => `      ${l}`));
  return `${lines.join("\n")}\n`;
}

export function formatSummary(results: readonly StepResult[]): string {
  const failed = results.filter((r) => r.status === "fail").map((r) => r.step.toUpperCase());
  if (failed.length === 0) return `verify: all ${results.length} steps passed\n`;
  return `verify: FAILED at ${failed.join(", ")} (${results.filter((r) => r.status === "pass").length} of ${results.length} steps passed)\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `  ${word}`;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
