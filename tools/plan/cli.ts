// The plan's command line as a function: parse, plan the stack (and the base commit's), print. Returns the exit
// code, so tests run it in-process; main.ts only hands it process.argv and the real streams.
import * as path from "node:path";
import { hasMandatoryViolation } from "../../policy/analyzer";
import { parsePlanArgs, type PlanOptions, USAGE, UsageError } from "./cliArgs";
import { diffPlans } from "./diff";
import { explainFailure, type PlanFailure } from "./failure";
import { planAtRef } from "./baseRef";
import { planStack } from "./planStack";
import { renderMarkdown, renderMarkdownFailure } from "./renderMarkdown";
import { renderText } from "./renderText";

export interface PlanIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The repository root: where Pulumi.yaml and the stack files are, unless --cwd says otherwise. */
export const PROJECT_DIR = path.resolve(__dirname, "../..");

export const EXIT = { planned: 0, failed: 1, usage: 2, policyViolated: 3 } as const;

export async function runPlanCli(argv: readonly string[], io: PlanIo): Promise<number> {
  let options: PlanOptions | "help";
  try {
    options = parsePlanArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${err.message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (options === "help") {
    io.stdout(`${USAGE}\n`);
    return EXIT.planned;
  }

  const dir = path.resolve(options.cwd ?? PROJECT_DIR);
  if (process.env.COCKROACH_API_KEY?.trim() && !options.live && !process.env.COCKROACH_SERVER?.trim()) {
    // On stderr: stdout stays the same plan whoever runs it.
    io.stderr("COCKROACH_API_KEY is set: add --live to plan against the real cluster (read-only lookups); this plan uses a fake.\n");
  }
  try {
    const plan = await planStack({ dir, ...options });
    const base = options.base
      ? await planAtRef({
          dir,
          ref: options.base,
          stack: options.stack,
          clusterPlan: options.clusterPlan,
          live: options.live,
          nodeModules: path.join(PROJECT_DIR, "node_modules"),
        })
      : undefined;
    const diff = base && options.base ? diffPlans(base, plan, options.base) : undefined;
    if (options.format === "json") io.stdout(`${JSON.stringify({ ok: true, ...plan, ...(diff ? { diff } : {}) }, null, 2)}\n`);
    else if (options.format === "markdown") io.stdout(renderMarkdown(plan, diff, base));
    else io.stdout(renderText(plan, diff));
    return hasMandatoryViolation(plan.policies) ? EXIT.policyViolated : EXIT.planned;
  } catch (err) {
    const failure = explainFailure(err);
    if (!failure) throw err;
    report(failure, options, io);
    return EXIT.failed;
  }
}

/** A failure in the chosen format: JSON and markdown on stdout (a pipeline posts them), text on stderr. */
function report(failure: PlanFailure, options: PlanOptions, io: PlanIo): void {
  if (options.format === "json") {
    io.stdout(`${JSON.stringify({ stack: options.stack, ok: false, message: failure.message, problems: failure.problems }, null, 2)}\n`);
  } else if (options.format === "markdown") {
    io.stdout(renderMarkdownFailure(options.stack, failure.problems));
  }
  io.stderr(`${failure.message}\n`);
}
