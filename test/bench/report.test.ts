// The summary every bench run prints and writes: goals met and missed are visible, and misses carry their reasons.
import { describe, expect, it } from "vitest";
import { benchmarksDocument } from "../../bench/report/document";
import { type Section, summaryTable, summaryText } from "../../bench/report/markdown";

const SECTIONS: Section[] = [
  {
    title: "1. Deploy",
    rows: [
      { area: "Deploy", figure: "1 region / bound", value: "1.00×", goal: "≤ 1.02×", met: true },
      { area: "Deploy", figure: "A | piped figure", value: "3" },
    ],
    detail: "deploy detail",
    misses: [],
  },
  {
    title: "5. API",
    rows: [{ area: "API", figure: "lag", value: "4.9 s", goal: "≤ 2 s", met: false }],
    detail: "api detail",
    misses: ["API lag: why and what would close it."],
  },
];

const FACTS = { date: "2026-12-02T08:00:00Z", commit: "abc", machine: "2 x CPU", node: "v20", versions: { "@pulumi/aws": "7.48.0" }, load: "1.0, 1.0, 1.0" };

describe("bench report", () => {
  it("marks each goal met or MISSED, and escapes table cells", () => {
    expect(summaryTable(SECTIONS).split("\n")).toEqual([
      "| Area | Figure | Value | Goal |  |",
      "|---|---|---|---|---|",
      "| Deploy | 1 region / bound | 1.00× | ≤ 1.02× | met |",
      "| Deploy | A \\| piped figure | 3 |  |  |",
      "| API | lag | 4.9 s | ≤ 2 s | MISSED |",
    ]);
    expect(summaryText(SECTIONS).split("\n")[4]).toBe("API     lag               4.9 s  ≤ 2 s    MISSED");
  });

  it("writes facts, the summary, every miss with its reason, then each section", () => {
    const doc = benchmarksDocument(FACTS, SECTIONS, { smoke: false, skipped: [] });
    expect(doc).toContain("| Commit | abc |");
    expect(doc).toContain("| @pulumi/aws | 7.48.0 |");
    expect(doc).toContain("## Goals missed: why, and what would close them\n\n- API lag: why and what would close it.");
    expect(doc.indexOf("## 1. Deploy\n\ndeploy detail")).toBeLessThan(doc.indexOf("## 5. API\n\napi detail"));
    expect(doc).not.toContain("Smoke run");
  });

  it("says so when it is a smoke run and what it skipped", () => {
    const doc = benchmarksDocument(FACTS, [SECTIONS[0]!], { smoke: true, skipped: ["type-check time"] });
    expect(doc).toContain("**Smoke run: one iteration");
    expect(doc).toContain("Skipped in this run: type-check time.");
    expect(doc).toContain("## Goals missed: why, and what would close them\n\nNone.");
  });
});
