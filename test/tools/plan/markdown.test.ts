// `npm run plan -- --markdown` of the example stacks against the checked-in comments in docs/review/ (the README
// shows them as the sample PR comment). After a deliberate change to the plan's output, regenerate them with
//   UPDATE_EXPECTED=1 npx vitest run test/tools/plan/markdown.test.ts
// and review the diff like any other change.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR, runPlanCli } from "../../../tools/plan/cli";
import { commentHeading, renderMarkdownFailure } from "../../../tools/plan/renderMarkdown";

async function markdown(stack: string) {
  let stdout = "";
  let stderr = "";
  const code = await runPlanCli(["--stack", stack, "--markdown"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("npm run plan -- --markdown", () => {
  for (const stack of ["dev", "multi-region.example"]) {
    it(`matches docs/review/${stack}.md`, async () => {
      const { code, stdout, stderr } = await markdown(stack);
      expect([code, stderr]).toEqual([0, ""]);
      const expectedFile = path.join(PROJECT_DIR, "docs/review", `${stack}.md`);
      if (process.env.UPDATE_EXPECTED === "1") fs.writeFileSync(expectedFile, stdout);
      expect(stdout).toBe(fs.readFileSync(expectedFile, "utf8"));
      expect(stdout.startsWith(`${commentHeading(stack)}\n`)).toBe(true);
    });
  }

  it("says what a reviewer needs in the first lines of the dev comment", async () => {
    const { stdout } = await markdown("dev");
    const [heading, , summary] = stdout.split("\n");
    expect(heading).toBe("### Plan of stack `dev`");
    expect(summary).toBe("**12 to create** · ✅ policies pass · $21.90/month before traffic");
    expect(stdout).toContain("| us-east-1 | new 10.40.0.0/16 | use1-az1, use1-az2, use1-az4 | 10.40.0.0/16 | 26257 | on |");
    expect(stdout).toMatch(/<details><summary>Full plan<\/summary>\n\n```text\nPlan of stack "dev"[\s\S]*\n```\n\n<\/details>\n$/);
  });

  it("shows the program's warnings, and a lower bound for the cost while the endpoint's AZs are unknown", async () => {
    let stdout = "";
    await runPlanCli(["--cluster-plan", "ADVANCED", "--markdown"], { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(stdout.split("\n")[2]).toBe(
      "**13 to create** · ✅ policies pass · at least $0.00/month before traffic (endpoint AZs known after deploy)",
    );
    expect(stdout).toContain("**Warnings**\n\n- Cluster dev (ADVANCED) has no endpoint service in us-east-1 yet; this deployment creates it.");
    expect(stdout).toContain("adds $7.30 a month.");
  });

  it("puts each problem of a stack that cannot be planned in a table", () => {
    const text = renderMarkdownFailure("dev", [
      { key: "crdb-private-endpoints:port", value: 70000, reason: "not a TCP port", allowed: "an integer from 1 to 65535" },
    ]);
    expect(text).toBe(
      [
        "### Plan of stack `dev`",
        "",
        "**The stack cannot be planned.**",
        "",
        "| Key | Value | Problem | Allowed |",
        "|---|---|---|---|",
        "| `crdb-private-endpoints:port` | `70000` | not a TCP port | an integer from 1 to 65535 |",
        "",
      ].join("\n"),
    );
  });
});
