// `npm run verify -- --stack NAME`: checks the private path to the cluster from this host (see cli.ts, README "Verify").
import { runVerifyCli } from "./cli";

runVerifyCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  terminal: { input: process.stdin, output: process.stderr },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`verify failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
