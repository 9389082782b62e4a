// `npm run plan [-- --stack NAME] [--json | --markdown] [--base REF] [--cluster-plan PLAN] [--live] [--cwd DIR]`:
// what `pulumi up` would do to a stack, offline and without credentials (usage: tools/plan/cliArgs.ts). Exits 1
// with one message per problem (no stack trace) when the stack cannot be planned, 3 when a mandatory policy fails.
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
