// `npm run plan [-- --stack NAME] [--json] [--cluster-plan PLAN] [--cwd DIR]`: what `pulumi up` would create for a
// stack, offline and without credentials. Exits 1 with the validation message (no stack trace) on bad config.
import { runPlanCli } from "./cli";

runPlanCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`plan failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
