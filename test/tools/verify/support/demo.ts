// `npx tsx test/tools/verify/support/demo.ts`: starts the verify test environment (the tests' PostgreSQL servers, DNS
// server and private network), runs `npm run verify` against it as a user would, and prints the transcript (the
// README's "Verify" section shows it). Everything is torn down at the end.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PASSWORD, PUBLIC_NAME, startTestEnvironment, writeOutputsFile } from "./testEnvironment";
import { REPO } from "./postgres";

async function main(): Promise<void> {
  const env = await startTestEnvironment();
  try {
    process.stderr.write(`${env.network.note}\n`);
    // As a user would have it: the outputs file and the CA next to each other, paths relative to the directory.
    const outputs = JSON.parse(readFileSync(writeOutputsFile(env), "utf8"));
    const region = outputs.regions["us-east-1"];
    region.connectionString = region.connectionString.replace(env.pki.caFile, "ca.crt");
    writeFileSync(join(env.dir, "dev-outputs.json"), JSON.stringify(outputs));
    const common = ["--stack", "dev", "--outputs", "dev-outputs.json", "--resolver", env.dns.server];
    const runs: { args: string[]; password: string }[] = [
      { args: common, password: PASSWORD },
      { args: [...common, "--host", PUBLIC_NAME], password: PASSWORD },
      { args: [...common, "--ca", "other-ca.crt"], password: PASSWORD },
      { args: common, password: "wrong" },
      { args: [...common, "--port", String(env.legacyPort)], password: PASSWORD },
      { args: [...common, "--port", String(env.closedPort)], password: PASSWORD },
    ];
    for (const { args, password } of runs) {
      const shownPassword = password === PASSWORD ? "" : "PGPASSWORD=<a wrong one> ";
      process.stdout.write(`$ ${shownPassword}npm run verify -- ${args.join(" ")}\n`);
      // Asynchronously: the DNS server answers from this process.
      const result = await new Promise<{ out: string; code: number }>((resolve) => {
        execFile("npm", ["--prefix", REPO, "run", "--silent", "verify", "--", ...args],
          { cwd: env.dir, env: { ...process.env, PGPASSWORD: password, npm_config_update_notifier: "false" } },
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
