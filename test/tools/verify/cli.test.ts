// The command line and the stack outputs: what verify connects to, decided before any step runs.
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegionOutputs } from "../../../program/outputs";
import { runVerifyCli } from "../../../tools/verify/cli";
import { parseVerifyArgs, UsageError } from "../../../tools/verify/cliArgs";
import { parseStackOutputs, readOutputsWithPulumi } from "../../../tools/verify/stackOutputs";
import { buildTarget, pickRegion } from "../../../tools/verify/target";
import { makePki, type TestPki } from "./support/certificates";
import { REPO } from "./support/postgres";

let dir: string;
let pki: TestPki;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "crdb-verify-cli-"));
  pki = makePki(dir, ["internal-a.crdb.test"]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOST = "internal-dev-8c254.aws-us-east-1.cockroachlabs.cloud";

describe("parseVerifyArgs", () => {
  it("reads every flag", () => {
    expect(parseVerifyArgs(["--stack", "dev", "--outputs", "o.json", "--region", "us-east-1", "--host", "h", "--port",
      "26258", "--user", "app", "--database", "orders", "--ca", "ca.crt", "--resolver", "127.0.0.1:53", "--timeout", "3"]))
      .toEqual({ stack: "dev", outputs: "o.json", region: "us-east-1", host: "h", port: 26258, user: "app",
        database: "orders", ca: "ca.crt", resolver: "127.0.0.1:53", timeoutSeconds: 3 });
  });

  it.each([
    [["--stack", "dev", "--password", "x"], /Unknown option '--password'/],
    [[], "give --stack NAME (or --outputs FILE), or --host HOST"],
    [["--host", "h", "--port", "70000"], "--port 70000: expected an integer from 1 to 65535"],
    [["--host", "h", "--port", "26257.5"], "--port 26257.5: expected an integer from 1 to 65535"],
    [["--host", "h", "--timeout", "0"], "--timeout 0: expected an integer from 1 to 600"],
    [["--host", "h", "extra"], /Unexpected argument 'extra'/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseVerifyArgs(argv)).toThrow(UsageError);
    expect(() => parseVerifyArgs(argv)).toThrow(message);
  });
});

describe("parseStackOutputs", () => {
  it("reads the names the program exports (a rename in program/outputs.ts fails the type check here)", () => {
    const read: readonly (keyof RegionOutputs)[] = ["privateSqlHost", "sqlPort", "connectionString", "caCert"];
    const region = Object.fromEntries(read.map((k) => [k, k === "sqlPort" ? 26258 : k === "privateSqlHost" ? HOST : `${k}-value`]));
    expect(parseStackOutputs(JSON.stringify({ regions: { r: region } }), "o.json")).toEqual([
      { region: "r", privateSqlHost: HOST, port: 26258, connectionString: "connectionString-value", caCert: "caCert-value" },
    ]);
  });


  it("reads host, port, connection string and CA of each region, ignoring other outputs", () => {
    const json = JSON.stringify({ regions: {
      "us-east-1": { privateSqlHost: HOST, sqlPort: 26257, connectionString: "postgresql://app@h:26257/db", caCert: "PEM",
        vpcId: "vpc-1" },
      "us-west-2": { privateSqlHost: "internal-w.crdb.test" },
    } });
    expect(parseStackOutputs(json, "o.json")).toEqual([
      { region: "us-east-1", privateSqlHost: HOST, port: 26257, connectionString: "postgresql://app@h:26257/db", caCert: "PEM" },
      { region: "us-west-2", privateSqlHost: "internal-w.crdb.test" },
    ]);
  });

  it.each([
    ['{"connectionString": postgresql://app:pw-secret@h}', "o.json is not valid JSON; expected the output of `pulumi stack output --json --show-secrets`"],
    [JSON.stringify({ other: 1 }), 'o.json has no "regions" output'],
    [JSON.stringify({ regions: { r: { sqlPort: 1 } } }), "o.json: regions.r.privateSqlHost = undefined: expected the private host name"],
    [JSON.stringify({ regions: { r: { privateSqlHost: "h", sqlPort: 0 } } }), "o.json: regions.r.sqlPort = 0: expected a TCP port (1-65535)"],
    [JSON.stringify({ regions: { r: { privateSqlHost: "h", connectionString: "[secret]" } } }),
      'o.json: regions.r has secrets shown as "[secret]": write the file with `pulumi stack output --json --show-secrets`'],
  ])("rejects %s", (json, message) => {
    expect(() => parseStackOutputs(json, "o.json")).toThrow(message);
    expect(() => parseStackOutputs(json, "o.json")).not.toThrow(/pw-secret/);
  });
});

describe("pickRegion", () => {
  const regions = [{ region: "us-east-1", privateSqlHost: "a" }, { region: "us-west-2", privateSqlHost: "b" }];
  it("needs --region when the stack has several", () => {
    expect(() => pickRegion(regions, undefined)).toThrow("the stack has regions us-east-1, us-west-2: pass --region");
    expect(pickRegion(regions, "us-west-2")).toBe(regions[1]);
    expect(() => pickRegion(regions, "eu-west-1")).toThrow("--region eu-west-1: the stack has no such region (it has us-east-1, us-west-2)");
    expect(pickRegion(regions.slice(0, 1), undefined)).toBe(regions[0]);
  });
});

describe("buildTarget", () => {
  const base = { timeoutSeconds: 10 };

  it("takes the connection string output, with its sslrootcert as the CA", async () => {
    const region = { region: "us-east-1", privateSqlHost: HOST, port: 26257,
      connectionString: `postgresql://app:ignored-pw@${HOST}:26257/orders?sslmode=verify-full&sslrootcert=${pki.caFile}` };
    expect(await buildTarget({ ...base, stack: "dev" }, region, {})).toEqual({
      host: HOST, port: 26257, user: "app", database: "orders", caPem: pki.caPem,
      caSource: `sslrootcert ${pki.caFile} (from the connectionString output)`,
    });
  });

  it("lets flags win over the outputs, and the CA output over sslrootcert", async () => {
    const region = { region: "r", privateSqlHost: HOST, port: 26257, caCert: pki.caPem,
      connectionString: `postgresql://app@${HOST}:26257/orders?sslrootcert=/nonexistent.crt` };
    expect(await buildTarget({ ...base, host: "h2", port: 5432, user: "u2", database: "d2" }, region, {})).toEqual({
      host: "h2", port: 5432, user: "u2", database: "d2", caPem: pki.caPem, caSource: "the stack output regions.r.caCert",
    });
  });

  it("defaults to port 26257, database defaultdb, PGUSER and the bundled root CAs", async () => {
    expect(await buildTarget({ ...base, host: HOST }, undefined, { PGUSER: "envuser" })).toEqual({
      host: HOST, port: 26257, user: "envuser", database: "defaultdb", caPem: undefined,
      caSource: "Node's bundled public root CAs",
    });
  });

  it("reports every problem at once", async () => {
    const error = await buildTarget({ ...base, host: HOST, ca: join(dir, "missing.crt") }, undefined, {}).catch((e) => e);
    expect(error.message).toBe([
      "no SQL user: pass --user (or set PGUSER); the stack's connectionString output has none",
      `--ca ${join(dir, "missing.crt")}: cannot read the CA file (ENOENT)`,
    ].join("\n"));
  });

  it("rejects a CA that is not a certificate, and a malformed connection string without echoing it", async () => {
    const notPem = join(dir, "not.pem");
    writeFileSync(notPem, "hello");
    await expect(buildTarget({ ...base, host: HOST, user: "u", ca: notPem }, undefined, {}))
      .rejects.toThrow(`--ca ${notPem}: not a PEM certificate`);
    const region = { region: "r", privateSqlHost: HOST, connectionString: "pw-secret-in-garbage" };
    const error = await buildTarget({ ...base, user: "u" }, region, {}).catch((e) => e);
    expect(error.message).toBe("the connectionString output is not a postgresql:// URL");
    expect(error.message).not.toContain("pw-secret");
  });
});

describe("readOutputsWithPulumi", () => {
  it("runs pulumi stack output --json --show-secrets for the stack", async () => {
    const fake = join(dir, "pulumi");
    const argsFile = join(dir, "pulumi-args");
    writeFileSync(fake, `#!/bin/sh\necho "$@" > ${argsFile}\necho '{"regions":{"us-east-1":{"privateSqlHost":"${HOST}"}}}'\n`);
    chmodSync(fake, 0o755);
    await expect(readOutputsWithPulumi("dev", fake)).resolves.toEqual([{ region: "us-east-1", privateSqlHost: HOST }]);
    expect(readFileSync(argsFile, "utf8").trim()).toBe("stack output --json --show-secrets --stack dev");
  });

  it("says so when the Pulumi CLI is missing", async () => {
    await expect(readOutputsWithPulumi("dev", join(dir, "no-such-pulumi")))
      .rejects.toThrow("pulumi stack output --stack dev failed: the Pulumi CLI is not installed");
  });
});

describe("runVerifyCli", () => {
  async function cli(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runVerifyCli(argv, {
      stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, terminal: { input: process.stdin, output: { write: () => true } },
    }, { resolve: async () => { throw new Error("must not resolve"); } });
    return { code, stdout: out.join(""), stderr: err.join("") };
  }

  it("exits 2 with the usage on a bad flag, and 2 on bad outputs, before any step", async () => {
    const usage = await cli(["--stack", "dev", "--password", "x"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^verify: Unknown option '--password'.*\n\nUsage: npm run verify/s);
    expect(usage.stdout).toBe("");
    const outputs = await cli(["--outputs", join(dir, "absent.json")]);
    expect(outputs).toEqual({ code: 2, stdout: "", stderr: `verify: --outputs ${join(dir, "absent.json")}: cannot read it (ENOENT)\n` });
  });

  it("is what `npm run verify` runs", async () => {
    const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const env = { ...process.env, npm_config_update_notifier: "false" };
      execFile("npm", ["run", "--silent", "verify", "--", "--help"], { cwd: REPO, env }, (err, stdout) =>
        resolve({ code: err ? Number(err.code) : 0, stdout }));
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run verify -- --stack NAME/);
  });
});
