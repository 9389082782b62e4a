// The stack file as written: keys outside `config:` and `secure:` values, which the config map alone cannot show.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { StackConfigError, runProgram, stackFileFacts } from "../../program";
import { waitForRegistrations } from "../../tools/mocks/pulumiInternals";
import { CLUSTER_ID, fakeLookups } from "../components/aws/support/fixtures";
import { type MockWorld, setUpMocks } from "../components/aws/support/mocks";
import { NS, stackConfig } from "./support";

describe("stackFileFacts", () => {
  it("names every key that sits outside config:, hiding values of credential-like keys", () => {
    const facts = stackFileFacts(
      { "aws:region": "us-east-1", "cockroach:apikey": "s3cr3t-key-value", config: { [`${NS}:vpc`]: { cidrBlock: "10.40.0.0/16" } } },
      "Pulumi.dev.yaml",
    );
    expect(facts.issues.map((i) => [i.key, i.reason, i.hidden])).toEqual([
      ["aws:region", "sits outside the config: map of Pulumi.dev.yaml, so Pulumi does not give it to the program", false],
      ["cockroach:apikey", "sits outside the config: map of Pulumi.dev.yaml, so Pulumi does not give it to the program", true],
    ]);
  });

  it("lists the keys whose values are secure:, and accepts Pulumi's own top-level keys", () => {
    const facts = stackFileFacts(
      {
        encryptionsalt: "v1:abc",
        secretsprovider: "passphrase",
        config: { [`${NS}:clusterId`]: { secure: "v1:AAAA" }, "aws:region": "us-east-1" },
      },
      "Pulumi.dev.yaml",
    );
    expect(facts).toEqual({ issues: [], secureKeys: [`${NS}:clusterId`] });
  });
});

describe("the program with a stack file", () => {
  let world: MockWorld;
  let dir: string;
  beforeAll(async () => {
    world = await setUpMocks();
  });
  beforeEach(async () => {
    await world.reset();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "crdb-stack-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it("reports keys outside config: with the config problems they cause, once per key", async () => {
    const file = path.join(dir, "Pulumi.dev.yaml");
    fs.writeFileSync(file, `${NS}:clusterId: ${CLUSTER_ID}\nconfig:\n  aws:region: us-east-1\n  ${NS}:vpc:\n    cidrBlock: 10.40.0.0/16\n`);
    const config = stackConfig({ clusterId: undefined });
    const error = (await runProgram({ config, stackFile: file, lookups: fakeLookups(), env: {} }).catch((e) => e)) as StackConfigError;
    expect(error).toBeInstanceOf(StackConfigError);
    expect(error.issues.map((i) => [i.key, i.reason])).toEqual([
      [`${NS}:clusterId`, "sits outside the config: map of Pulumi.dev.yaml, so Pulumi does not give it to the program"],
    ]);
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
  });

  it("accepts cockroach:apikey when it is encrypted (the runtime marks it secret)", async () => {
    const config = stackConfig({ "cockroach:apikey": "crdb-test-apikey-0123456789abcdef" });
    await expect(runProgram({ config, secretKeys: ["cockroach:apikey"], lookups: fakeLookups(), env: {} })).resolves.toBeDefined();
    await waitForRegistrations();
    expect(world.resources.length).toBeGreaterThan(0);
  });

  it("warns (does not fail) when a plain setting arrives decrypted from a secure: value", async () => {
    const warn = vi.spyOn(pulumi.log, "warn");
    await runProgram({ config: stackConfig(), secretKeys: [`${NS}:clusterId`], lookups: fakeLookups(), env: {} });
    await waitForRegistrations();
    expect(warn.mock.calls.map(([m]) => m)).toContainEqual(
      expect.stringMatching(/^crdb-private-endpoints:clusterId is encrypted \(secure:\) in the stack file, which it need not be/),
    );
    expect(warn.mock.calls.flat().join("\n")).not.toContain(CLUSTER_ID);
  });
});
