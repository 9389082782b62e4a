// The shapes every bench section reports in, and their rendering: one summary table (printed and written to
// BENCHMARKS.md) and a detail part per section.

export interface SummaryRow {
  area: string;
  figure: string;
  value: string;
  /** The goal, e.g. "≤ 1.02×", when the issue sets one. */
  goal?: string;
  /** Whether the goal is met; undefined when there is no goal. */
  met?: boolean;
}

export interface Section {
  title: string;
  rows: SummaryRow[];
  /** Markdown: method, tables, sources. */
  detail: string;
  /** For each missed goal: why, and what would close it. */
  misses: string[];
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, "\\|").replace(/\n/g, " ");
  return [
    `| ${header.map(escape).join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(escape).join(" | ")} |`),
  ].join("\n");
}

export function verdict(met: boolean | undefined): string {
  return met === undefined ? "" : met ? "met" : "MISSED";
}

export function summaryTable(sections: readonly Section[]): string {
  const rows = sections.flatMap((s) => s.rows).map((r) => [r.area, r.figure, r.value, r.goal ?? "", verdict(r.met)]);
  return table(["Area", "Figure", "Value", "Goal", ""], rows);
}

/** The same summary as aligned plain text, for the terminal. */
export function summaryText(sections: readonly Section[]): string {
  const rows = [["Area", "Figure", "Value", "Goal", ""], ...sections.flatMap((s) => s.rows).map((r) => [r.area, r.figure, r.value, r.goal ?? "", verdict(r.met)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

export function seconds(s: number): string {
  return s >= 120 ? `${s.toFixed(0)} s (${(s / 60).toFixed(1)} min)` : `${s.toFixed(0)} s`;
}

export function ratio(r: number): string {
  return `${r.toFixed(2)}×`;
}
