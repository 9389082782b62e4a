// Medians, ranges and paired ratios behind every figure in BENCHMARKS.md.
import { describe, expect, it } from "vitest";
import { formatSummary, pairedRatio, summarize } from "../../bench/measure/stats";

describe("stats", () => {
  it("summarizes odd and even numbers of runs", () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, runs: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
  });

  it("takes ratios pair by pair, not of the medians", () => {
    // A noisy second round slows both variants: the pairs still say 2x.
    expect(pairedRatio([2, 8, 2], [1, 4, 1])).toEqual({ median: 2, min: 2, max: 2, runs: 3 });
  });

  it("formats a single run without a range", () => {
    expect(formatSummary(summarize([1.234]))).toBe("1.23");
    expect(formatSummary(summarize([1, 2, 3]), 1, " s")).toBe("2.0 s (1.0 s–3.0 s)");
  });

  it("refuses what cannot be summarized", () => {
    expect(() => summarize([])).toThrow("no measurements to summarize");
    expect(() => summarize([1, NaN])).toThrow("measurements must be finite numbers");
    expect(() => pairedRatio([1], [1, 2])).toThrow("paired runs differ in number: 1 and 2");
  });
});
