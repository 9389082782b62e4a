// Summaries of repeated measurements: median with min and max, and ratios of paired runs.

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error("no measurements to summarize");
  if (values.some((v) => !Number.isFinite(v))) throw new Error(`measurements must be finite numbers: ${values.join(", ")}`);
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted.at(-1) as number, runs: sorted.length };
}

/**
 * Ratios of runs taken side by side (run i of `a` next to run i of `b`), summarized: on a noisy machine the pair
 * shares the noise, so this is steadier than a ratio of medians.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): Summary {
  if (a.length !== b.length) throw new Error(`paired runs differ in number: ${a.length} and ${b.length}`);
  if (b.some((v) => v === 0)) throw new Error("cannot divide by a zero measurement");
  return summarize(a.map((v, i) => v / (b[i] as number)));
}

/** `1.23 (1.10–1.40)` with `digits` decimals. */
export function formatSummary(s: Summary, digits = 2, unit = ""): string {
  const f = (v: number) => `${v.toFixed(digits)}${unit}`;
  return s.runs === 1 ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}
