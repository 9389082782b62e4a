// `npm run verify -- --stack NAME`: checks the private path to the cluster from this host (see cli.ts, README "Verify").
import { runVerifyCli } from "./cli";

// npm runs scripts in the package root; resolve --outputs, --ca and sslrootcert against where the user typed the
// command, as any other CLI would.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

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
