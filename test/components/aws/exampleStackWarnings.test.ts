// The warnings as users see them in `npm run plan` (the program under mocks, logging through `pulumi.log.warn` on each
// AwsPrivateLink): none for the example stacks as shipped, and the exact lines for a stack that sets what they warn
// about.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runPlanCli } from "../../../tools/plan/cli";
import type { PlanDocument } from "../../../tools/plan/planDocument";

async function planWarnings(...argv: string[]): Promise<string[]> {
  let stdout = "";
  let stderr = "";
  const code = await runPlanCli([...argv, "--json"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  return (JSON.parse(stdout) as PlanDocument).warnings;
}

describe("warnings in the plan of a stack", () => {
  it("none for the default example stack (Pulumi.dev.yaml) nor the multi-region example", async () => {
    expect(await planWarnings("--stack", "dev")).toEqual([]);
    expect(await planWarnings("--stack", "multi-region.example")).toEqual([]);
  });

  it("the dev stack with another port, a Name tag, a contained source and a public VPC block warns about each", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-warnings-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.warn.yaml"),
      [
        "config:",
        "  aws:region: us-east-1",
        "  crdb-private-endpoints:clusterId: 1f69fdd2-600a-4cfc-a9ba-16995df0d77d",
        "  crdb-private-endpoints:vpc: { cidrBlock: 52.20.0.0/16 }",
        "  crdb-private-endpoints:allowedCidrs: [52.20.0.0/16, 52.20.7.0/24]",
        "  crdb-private-endpoints:port: 26000",
        "  crdb-private-endpoints:tags: { Name: shared }",
      ].join("\n"),
    );
    expect(await planWarnings("--cwd", dir, "--stack", "warn")).toEqual([
      expect.stringMatching(/^port is 26000, not 26257: /),
      expect.stringMatching(/^tags sets Name = "shared": it replaces the Name \(<name>-<role>\) of every AWS resource/),
      expect.stringMatching(/^allowedCidrs lists 52\.20\.7\.0\/24, which is inside 52\.20\.0\.0\/16, also listed/),
      expect.stringMatching(/^vpc\.cidrBlock 52\.20\.0\.0\/16 is outside the private ranges/),
    ]);
  });
});
