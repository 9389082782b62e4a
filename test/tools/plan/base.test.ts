// `npm run plan -- --base REF`: the stack at REF (planned by that commit's own plan tool, in a child process)
// against the stack now, by URN. Commits are built in a temporary repository holding a copy of this project.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startFakeCloud } from "../../../tools/fake-cloud";
import { PROJECT_DIR, runPlanCli } from "../../../tools/plan/cli";
import type { PlanDiff, ResourceChange } from "../../../tools/plan/diff";

const SLOW = 180_000; // two plans, one of them in a child process, on a busy 2-core machine
const CLUSTER = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d";
const BASE_STACK = [
  "config:",
  "  aws:region: us-east-1",
  `  crdb-private-endpoints:clusterId: ${CLUSTER}`,
  "  crdb-private-endpoints:vpc:",
  "    cidrBlock: 10.40.0.0/16",
  "  crdb-private-endpoints:allowedCidrs:",
  "    - 10.40.0.0/16",
  "  crdb-private-endpoints:tags:",
  "    environment: dev",
  "",
].join("\n");

let repo: string;

function git(...args: string[]): string {
  return execFileSync("git", ["-C", repo, "-c", "user.name=plan-test", "-c", "user.email=plan-test@example.invalid", ...args], {
    encoding: "utf8",
  }).trim();
}

/** A new commit on top of `base` whose Pulumi.dev.yaml is `stack`. */
function commitStack(stack: string): void {
  git("checkout", "-q", "-B", "change", "base");
  fs.writeFileSync(path.join(repo, "Pulumi.dev.yaml"), stack);
  git("commit", "-q", "-am", "change the stack");
}

async function diffAgainstBase(...extra: string[]): Promise<{ code: number; diff: PlanDiff; stdout: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runPlanCli(["--cwd", repo, "--base", "base", "--json", ...extra], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  expect(stderr).toBe("");
  return { code, diff: (JSON.parse(stdout) as { diff: PlanDiff }).diff, stdout };
}

const brief = (changes: ResourceChange[]) => changes.map((c) => `${c.action} ${c.name}`);

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "plan-base-repo-"));
  // The project as it is now (tracked and new files), without node_modules: the plan links this checkout's in.
  const files = execFileSync("git", ["-C", PROJECT_DIR, "ls-files", "-co", "--exclude-standard"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => f && fs.existsSync(path.join(PROJECT_DIR, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(repo, file));
  }
  fs.writeFileSync(path.join(repo, "Pulumi.dev.yaml"), BASE_STACK);
  execFileSync("git", ["init", "-q", "-b", "main", repo]);
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  git("branch", "base");
});

describe("npm run plan -- --base", () => {
  it("add a CIDR: one ingress rule created, nothing replaced", { timeout: SLOW }, async () => {
    commitStack(BASE_STACK.replace("    - 10.40.0.0/16\n", "    - 10.40.0.0/16\n    - 10.50.0.0/16\n"));
    const { code, diff } = await diffAgainstBase();
    expect(code).toBe(0);
    expect(diff.changes).toEqual([
      {
        urn: `urn:pulumi:dev::crdb-private-endpoints::crdb-private-endpoints:index:AwsPrivateLink$aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::crdb-us-east-1-sql-10-50-0-0-16`,
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        name: "crdb-us-east-1-sql-10-50-0-0-16",
        action: "create",
        inputs: [],
      },
    ]);
    expect(diff.unchanged).toBe(12);

    // The comment a reviewer reads: checked in as the README's sample (UPDATE_EXPECTED=1 regenerates it).
    let text = "";
    await runPlanCli(["--cwd", repo, "--base", "base", "--markdown"], { stdout: (t) => (text += t), stderr: () => {} });
    expect(text).toContain("**+ 1 SecurityGroupIngressRule, nothing replaced** · ✅ policies pass · $21.90/month before traffic (unchanged)");
    const sample = path.join(PROJECT_DIR, "docs/review/dev-add-cidr.md");
    if (process.env.UPDATE_EXPECTED === "1") fs.writeFileSync(sample, text);
    expect(text).toBe(fs.readFileSync(sample, "utf8"));
  });

  it("change a tag: every tagged resource updated in place, old → new", { timeout: SLOW }, async () => {
    commitStack(BASE_STACK.replace("environment: dev", "environment: staging"));
    const { diff } = await diffAgainstBase();
    expect(diff.changes.every((c) => c.action === "update")).toBe(true);
    expect(brief(diff.changes).sort()).toEqual([
      "update crdb-us-east-1-endpoint",
      "update crdb-us-east-1-sg",
      "update crdb-us-east-1-sql-10-40-0-0-16",
      "update crdb-us-east-1-subnet-use1-az1",
      "update crdb-us-east-1-subnet-use1-az2",
      "update crdb-us-east-1-subnet-use1-az4",
      "update crdb-us-east-1-vpc",
    ]);
    const vpc = diff.changes.find((c) => c.name === "crdb-us-east-1-vpc");
    expect(vpc?.inputs).toEqual([
      {
        key: "tags",
        old: { Name: "crdb-us-east-1-vpc", environment: "dev" },
        new: { Name: "crdb-us-east-1-vpc", environment: "staging" },
        replaces: false,
      },
    ]);
  });

  it("change the VPC CIDR: the VPC is replaced, and everything built on it with it", { timeout: SLOW }, async () => {
    commitStack(BASE_STACK.replace("cidrBlock: 10.40.0.0/16", "cidrBlock: 10.41.0.0/16"));
    const { diff } = await diffAgainstBase();
    const vpc = diff.changes.find((c) => c.name === "crdb-us-east-1-vpc");
    expect(vpc).toMatchObject({ action: "replace", inputs: [{ key: "cidrBlock", old: "10.40.0.0/16", new: "10.41.0.0/16", replaces: true }] });
    expect(diff.changes.find((c) => c.name === "crdb-us-east-1-subnet-use1-az1")?.inputs).toEqual([
      { key: "cidrBlock", old: "10.40.0.0/20", new: "10.41.0.0/20", replaces: true },
      { key: "vpcId", old: { unknown: true }, new: { unknown: true }, replaces: true },
    ]);
    expect(brief(diff.changes).sort()).toEqual([
      "replace crdb-us-east-1-connection",
      "replace crdb-us-east-1-endpoint",
      "replace crdb-us-east-1-private-dns",
      "replace crdb-us-east-1-ready",
      "replace crdb-us-east-1-sg",
      "replace crdb-us-east-1-sql-10-40-0-0-16",
      "replace crdb-us-east-1-subnet-use1-az1",
      "replace crdb-us-east-1-subnet-use1-az2",
      "replace crdb-us-east-1-subnet-use1-az4",
      "replace crdb-us-east-1-vpc",
    ]);
    expect(diff.unchanged).toBe(2); // the cluster's endpoint services and the component itself

    let text = "";
    await runPlanCli(["--cwd", repo, "--base", "base"], { stdout: (t) => (text += t), stderr: () => {} });
    expect(text).toContain("Changes against base: 0 to create, 0 to update, 10 to replace, 0 to delete, 2 unchanged.");
    expect(text).toContain(
      "  ± replace aws:ec2/vpc:Vpc crdb-us-east-1-vpc\n        cidrBlock: 10.40.0.0/16 → 10.41.0.0/16  (forces replacement)\n",
    );
  });

  it("add a region: the new region's resources created, the first region untouched", { timeout: SLOW }, async () => {
    const twoRegions = BASE_STACK.replace(
      "  crdb-private-endpoints:vpc:\n    cidrBlock: 10.40.0.0/16\n",
      [
        "  crdb-private-endpoints:regions:",
        "    - region: us-east-1",
        "      vpc: { cidrBlock: 10.40.0.0/16 }",
        "    - region: us-west-2",
        "      vpc: { cidrBlock: 10.42.0.0/16 }",
        "      allowedCidrs: [10.42.0.0/16]",
        "",
      ].join("\n"),
    );
    commitStack(twoRegions);
    const { diff } = await diffAgainstBase();
    expect(diff.changes.every((c) => c.action === "create" && c.name.startsWith("crdb-us-west-2"))).toBe(true);
    expect(brief(diff.changes).sort()).toEqual([
      "create crdb-us-west-2",
      "create crdb-us-west-2-connection",
      "create crdb-us-west-2-endpoint",
      "create crdb-us-west-2-private-dns",
      "create crdb-us-west-2-ready",
      "create crdb-us-west-2-sg",
      "create crdb-us-west-2-sql-10-42-0-0-16",
      "create crdb-us-west-2-subnet-usw2-az1",
      "create crdb-us-west-2-subnet-usw2-az2",
      "create crdb-us-west-2-subnet-usw2-az4",
      "create crdb-us-west-2-vpc",
    ]);
    expect(diff.unchanged).toBe(12);
  });

  it("with --live, plans both sides against the same Cloud API, read-only", { timeout: SLOW }, async () => {
    const fake = await startFakeCloud({
      apiKeys: { "live-key": "CLUSTER_OPERATOR_WRITER" },
      clusters: [{ id: CLUSTER, name: "prod", plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] }],
    });
    const saved = { server: process.env.COCKROACH_SERVER, key: process.env.COCKROACH_API_KEY };
    process.env.COCKROACH_SERVER = fake.url;
    process.env.COCKROACH_API_KEY = "live-key";
    try {
      commitStack(BASE_STACK.replace("    - 10.40.0.0/16\n", "    - 10.40.0.0/16\n    - 10.50.0.0/16\n"));
      // What one plan asks: the base plan (the child process) must ask as much again.
      expect(await runPlanCli(["--cwd", repo, "--live"], { stdout: () => {}, stderr: () => {} })).toBe(0);
      const onePlan = fake.requests.length;
      const { code, diff, stdout } = await diffAgainstBase("--live");
      expect(code).toBe(0);
      expect(brief(diff.changes)).toEqual(["create crdb-us-east-1-sql-10-50-0-0-16"]);
      expect(JSON.parse(stdout).sources.cockroach).toBe(`the Cloud API at ${fake.url} (--live: read-only lookups with COCKROACH_API_KEY)`);
      // Both plans (this process and the base's child process) asked the fake, and only asked.
      expect(onePlan).toBeGreaterThan(0);
      expect(fake.requests.length).toBe(3 * onePlan);
      expect(new Set(fake.requests.map((r) => r.method))).toEqual(new Set(["GET"]));
    } finally {
      for (const [name, value] of [["COCKROACH_SERVER", saved.server], ["COCKROACH_API_KEY", saved.key]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await fake.close();
    }
  });

  it("plans a stack the base does not have as all new, and names a ref that does not exist", { timeout: SLOW }, async () => {
    git("checkout", "-q", "-B", "change", "base");
    fs.writeFileSync(path.join(repo, "Pulumi.fresh.yaml"), BASE_STACK);
    const fresh = await diffAgainstBase("--stack", "fresh");
    expect(fresh.diff.changes.filter((c) => c.action !== "create")).toEqual([]);
    expect(fresh.diff.changes).toHaveLength(12);
    fs.rmSync(path.join(repo, "Pulumi.fresh.yaml"));

    let stdout = "";
    const code = await runPlanCli(["--cwd", repo, "--base", "no-such-ref", "--json"], { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).problems).toEqual([
      { key: "--base", value: "no-such-ref", reason: "git rev-parse could not resolve it", allowed: `a commit, branch or tag of ${fs.realpathSync(repo)}` },
    ]);
  });
});
