// `npm run plan -- --live`: the cluster looked up in a real Cloud API (here the fake, started separately and reached
// through COCKROACH_SERVER, as a user would point it at cockroachlabs.cloud), with read-only requests only.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CockroachCloudClient } from "../../../components/cockroach";
import { type FakeCloudServer, startFakeCloud } from "../../../tools/fake-cloud";
import { runPlanCli } from "../../../tools/plan/cli";
import { readOnly } from "../../../tools/plan/planCloud";

const CLUSTER_ID = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d"; // Pulumi.dev.yaml's
const KEY = "live-test-key";

async function plan(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runPlanCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("npm run plan -- --live", () => {
  const saved = { server: process.env.COCKROACH_SERVER, key: process.env.COCKROACH_API_KEY };
  let fake: FakeCloudServer | undefined;

  async function startCluster(regions: string[]) {
    fake = await startFakeCloud({
      apiKeys: { [KEY]: "CLUSTER_OPERATOR_WRITER" },
      clusters: [{ id: CLUSTER_ID, name: "prod", plan: "STANDARD", cloudProvider: "AWS", regions: regions.map((name) => ({ name })) }],
    });
    process.env.COCKROACH_SERVER = fake.url;
    process.env.COCKROACH_API_KEY = KEY;
  }

  beforeEach(() => {
    delete process.env.COCKROACH_SERVER;
    delete process.env.COCKROACH_API_KEY;
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    for (const [name, value] of [["COCKROACH_SERVER", saved.server], ["COCKROACH_API_KEY", saved.key]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("plans against the real cluster's facts, says so in the header, and only reads", async () => {
    await startCluster(["us-east-1", "eu-west-1"]);
    const { code, stdout } = await plan("--live");
    expect(code).toBe(0);
    expect(stdout).toContain(`  Cluster facts: the Cloud API at ${fake!.url} (--live: read-only lookups with COCKROACH_API_KEY).`);
    expect(stdout).toContain("serviceName: com.amazonaws.vpce.us-east-1.vpce-svc-");
    expect(fake!.requests.length).toBeGreaterThan(0);
    expect(new Set(fake!.requests.map((r) => r.method))).toEqual(new Set(["GET"]));
    expect(fake!.requests.every((r) => r.authorization === `Bearer ${KEY}` && r.status === 200)).toBe(true);
  });

  it("catches a stack region the cluster does not have, which the default fake cannot", async () => {
    await startCluster(["us-west-2"]);
    const { code, stdout } = await plan("--live", "--json");
    expect(code).toBe(1);
    const problems = (JSON.parse(stdout) as { problems: { key: string; value: unknown; reason: string }[] }).problems;
    expect(problems).toEqual([
      { key: "aws:region", value: "us-east-1", reason: "cluster prod has no region us-east-1", allowed: "one of the cluster's regions: us-west-2" },
    ]);
    // The offline default seeds its fake with the stack's region, so the same stack plans.
    delete process.env.COCKROACH_SERVER;
    delete process.env.COCKROACH_API_KEY;
    expect((await plan()).code).toBe(0);
  });

  it("offers --live when COCKROACH_API_KEY is set, on stderr, and still plans with the fake", async () => {
    process.env.COCKROACH_API_KEY = KEY;
    const { code, stdout, stderr } = await plan();
    expect(code).toBe(0);
    expect(stderr).toBe("COCKROACH_API_KEY is set: add --live to plan against the real cluster (read-only lookups); this plan uses a fake.\n");
    expect(stdout).toContain("  Cluster facts: an in-process fake Cloud API with cluster");
  });

  it("needs COCKROACH_API_KEY and says so in one line", async () => {
    const { code, stderr } = await plan("--live");
    expect(code).toBe(1);
    expect(stderr).toBe("--live looks the cluster up in the Cloud API and needs an API key in COCKROACH_API_KEY\n");
  });

  it("reports a key the API refuses as that, not as a config error", async () => {
    await startCluster(["us-east-1"]);
    process.env.COCKROACH_API_KEY = "wrong-key";
    const { code, stdout } = await plan("--live", "--json");
    expect(code).toBe(1);
    const [problem] = (JSON.parse(stdout) as { problems: { key: string; reason: string }[] }).problems;
    expect(problem?.reason).toMatch(/401/);
    expect(fake!.requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("refuses every client method that is not a lookup", async () => {
    await startCluster(["us-east-1"]);
    const client = readOnly(new CockroachCloudClient({ server: fake!.url, apiKey: KEY }));
    await expect(client.getCluster(CLUSTER_ID)).resolves.toMatchObject({ id: CLUSTER_ID });
    await expect(client.addPrivateEndpointConnection(CLUSTER_ID, "vpce-0123456789abcdef0")).rejects.toThrow(
      "the offline plan only reads from the Cloud API; it refused addPrivateEndpointConnection",
    );
    expect(fake!.requests.map((r) => r.method)).toEqual(["GET"]);
  });
});
