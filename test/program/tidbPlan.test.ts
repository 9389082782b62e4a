// `npm run plan -- --stack tidb-dev` offline: the fake TiDB API answers the cluster lookup, and the plan shows the
// TiDB graph (and nothing of CockroachDB's), the same way every run, with no TiDB key in the environment.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeTidbCluster, startFakeTidb } from "../../tools/fake-tidb";
import { runPlanCli } from "../../tools/plan/cli";
import type { PlanDocument, PlanNode } from "../../tools/plan/planDocument";

async function plan(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runPlanCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const flatten = (nodes: PlanNode[]): PlanNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

afterEach(() => vi.unstubAllEnvs());

describe("npm run plan -- --stack tidb-dev", () => {
  it("plans the TiDB stack offline from the fake TiDB API, deterministically", async () => {
    vi.stubEnv("TIDBCLOUD_PUBLIC_KEY", "");
    vi.stubEnv("TIDBCLOUD_PRIVATE_KEY", "");
    vi.stubEnv("TIDBCLOUD_SERVERLESS_ENDPOINT", "");
    const json = await plan("--stack", "tidb-dev", "--json");
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as PlanDocument;
    expect(doc.sources.cockroach).toBe(
      "an in-process fake TiDB Cloud Serverless API (Digest auth with its own keys; TIDBCLOUD_* keys not read) with cluster 10289758592817381 in us-east-1",
    );
    const nodes = flatten(doc.resources);
    expect(nodes.map((n) => `${n.type} ${n.name}`).sort()).toEqual(
      [
        "crdb-private-endpoints:index:TidbPrivateLink tidb-us-east-1",
        "aws:ec2/vpc:Vpc tidb-us-east-1-vpc",
        "aws:ec2/subnet:Subnet tidb-us-east-1-subnet-use1-az1",
        "aws:ec2/subnet:Subnet tidb-us-east-1-subnet-use1-az2",
        "aws:ec2/subnet:Subnet tidb-us-east-1-subnet-use1-az4",
        "aws:ec2/securityGroup:SecurityGroup tidb-us-east-1-sg",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule tidb-us-east-1-sql-10-70-0-0-16",
        "aws:ec2/vpcEndpoint:VpcEndpoint tidb-us-east-1-endpoint",
        "pulumi-nodejs:dynamic/aws:VpcEndpointReady tidb-us-east-1-ready",
      ].sort(),
    );
    const endpoint = nodes.find((n) => n.name === "tidb-us-east-1-endpoint");
    expect(endpoint?.inputs).toMatchObject({ privateDnsEnabled: true, serviceName: expect.stringMatching(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/) });

    const text = await plan("--stack", "tidb-dev");
    const again = await plan("--stack", "tidb-dev");
    expect(again.stdout).toBe(text.stdout);
    expect(text.stdout).toContain("fromPort: 4000");
    expect(text.stdout).toContain("mysqlCommand: mysql -u '3ZxAbc9Def1GhiJ.root' -h gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com -P 4000");
    expect(text.stdout).not.toMatch(/cockroach:|PrivateEndpointConnection|EndpointPrivateDns/);
  });

  it("with TIDBCLOUD_SERVERLESS_ENDPOINT, asks that server with the keys from the environment; --live without keys stops first", async () => {
    const keys = { publicKey: "PLANLIVE", privateKey: "plan-live-private-key" };
    const fake = await startFakeTidb({ keys, clusters: [fakeTidbCluster("10289758592817381", "us-east-1", { port: 4100 })] });
    try {
      vi.stubEnv("TIDBCLOUD_SERVERLESS_ENDPOINT", fake.url);
      vi.stubEnv("TIDBCLOUD_PUBLIC_KEY", keys.publicKey);
      vi.stubEnv("TIDBCLOUD_PRIVATE_KEY", keys.privateKey);
      const result = await plan("--stack", "tidb-dev");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("Cluster facts: the TiDB Cloud Serverless API at TIDBCLOUD_SERVERLESS_ENDPOINT (read-only");
      expect(result.stdout).toContain("fromPort: 4100");
      expect(result.stdout).not.toContain(keys.privateKey);
      expect(fake.requests.map((r) => [r.auth, r.username, r.status])).toEqual([
        ["none", undefined, 401],
        ["digest", keys.publicKey, 200],
      ]);
    } finally {
      await fake.close();
    }

    vi.stubEnv("TIDBCLOUD_SERVERLESS_ENDPOINT", "");
    vi.stubEnv("TIDBCLOUD_PRIVATE_KEY", "");
    const live = await plan("--stack", "tidb-dev", "--live");
    expect(live.code).not.toBe(0);
    expect(live.stderr + live.stdout).toMatch(/^--live \(or TIDBCLOUD_SERVERLESS_ENDPOINT\) looks the TiDB clusters up in the TiDB Cloud API and needs an API key pair/);
  });
});
