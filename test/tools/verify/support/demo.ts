// `npx tsx test/tools/verify/support/demo.ts`: starts the verify test environment (the tests' PostgreSQL servers, DNS
// server and private network), runs `npm run verify` against it as a user would, and prints the transcript (the
// README's "Verify" section shows it). Everything is torn down at the end.
import { execFile } from "node:child_process";
import { PASSWORD, PUBLIC_NAME, startTestEnvironment, writeOutputsFile } from "./testEnvironment";
import { REPO } from "./postgres";

async function main(): Promise<void> {
  const env = await startTestEnvironment();
  try {
    process.stderr.write(`${env.network.note}\n`);
    const outputs = writeOutputsFile(env);
    const runs: { args: string[]; password: string }[] = [
      { args: ["--stack", "dev", "--outputs", outputs, "--resolver", env.dns.server], password: PASSWORD },
      { args: ["--stack", "dev", "--outputs", outputs, "--resolver", env.dns.server, "--host", PUBLIC_NAME],
        password: PASSWORD },
    ];
    for (const { args, password } of runs) {
      process.stdout.write(`$ npm run verify -- ${args.join(" ")}\n`);
      // Asynchronously: the DNS server answers from this process.
      const result = await new Promise<{ out: string; code: number }>((resolve) => {
        execFile("npm", ["run", "--silent", "verify", "--", ...args],
          { cwd: REPO, env: { ...process.env, PGPASSWORD: password } },
          (err, stdout, stderr) => resolve({ out: stdout + stderr, code: err ? Number(err.code ?? 1) : 0 }));
      });
      process.stdout.write(`${result.out}(exit code ${result.code})\n\n`);
    }
  } finally {
    await env.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exitCode = 1;
});
