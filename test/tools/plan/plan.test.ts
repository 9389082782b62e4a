// `npm run plan`: deterministic, complete, JSON that parses, and a clean non-zero exit on bad config.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlanArgs } from "../../../tools/plan/cliArgs";
import { runPlanCli } from "../../../tools/plan/cli";
import type { PlanDocument, PlanNode } from "../../../tools/plan/planDocument";

async function plan(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runPlanCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function flatten(nodes: PlanNode[]): PlanNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe("npm run plan", () => {
  let first: Awaited<ReturnType<typeof plan>>;

  it("prints the dev stack's resource tree, inputs and outputs, the same way every run", async () => {
    // Each run starts its own fake Cloud API on a random port and its own mocks.
    first = await plan();
    const second = await plan("--stack", "dev");
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const text = first.stdout;
    for (const expected of [
      "└─ crdb-private-endpoints:index:AwsPrivateLink crdb-us-east-1",
      "├─ pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices crdb-services-1f69fdd2-600a-4cfc-a9ba-16995df0d77d",
      "aws:ec2/vpc:Vpc crdb-us-east-1-vpc",
      "aws:ec2/subnet:Subnet crdb-us-east-1-subnet-use1-az1",
      "availabilityZoneId: use1-az4",
      "cidrBlock: 10.40.48.0/20",
      "vpcEndpointType: Interface",
      "fromPort: 26257",
      "cidrIpv4: 10.40.0.0/16",
      "serviceName: com.amazonaws.vpce.us-east-1.vpce-svc-",
      "subnetIds: [(known after deploy) x3]  <- crdb-us-east-1-subnet-use1-az1, crdb-us-east-1-subnet-use1-az2, crdb-us-east-1-subnet-use1-az4",
      "vpcId: (known after deploy)  <- crdb-us-east-1-vpc",
      "dependsOn: crdb-us-east-1-connection",
      "dependsOn: crdb-us-east-1-private-dns",
      "privateSqlHost: internal-dev-",
    ]) {
      expect(text).toContain(expected);
    }
    // The service leaves out az3: no subnet there. No provider code, no loopback port, no clock.
    expect(text).not.toContain("use1-az3");
    expect(text).not.toMatch(/__provider|127\.0\.0\.1|localhost|\d{4}-\d\d-\d\dT/);
    expect(first.stderr).toBe("");
  });

  it("prints the same plan as JSON", async () => {
    const { code, stdout } = await plan("--json");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as PlanDocument;
    expect(doc).toMatchObject({ ok: true, stack: "dev", project: "crdb-private-endpoints", resourceCount: 12 });
    const nodes = flatten(doc.resources);
    const endpoint = nodes.find((n) => n.name === "crdb-us-east-1-endpoint");
    // Unknowns are objects in JSON, never a string a real value could equal.
    expect(endpoint?.inputs).toMatchObject({ vpcEndpointType: "Interface", subnetIds: Array(3).fill({ unknown: true }) });
    expect(stdout).not.toContain("(known after deploy)");
    expect(endpoint?.urn).toBe(
      "urn:pulumi:dev::crdb-private-endpoints::crdb-private-endpoints:index:AwsPrivateLink$aws:ec2/vpcEndpoint:VpcEndpoint::crdb-us-east-1-endpoint",
    );
    expect(endpoint?.inputs).not.toHaveProperty("privateDnsEnabled");
    expect(nodes.find((n) => n.name === "crdb-us-east-1-private-dns")?.dependsOn).toEqual(["crdb-us-east-1-connection"]);
    // Ready to connect: the endpoint's chain and the security group's rules.
    expect(nodes.find((n) => n.name === "crdb-us-east-1-ready")?.dependsOn).toEqual([
      "crdb-us-east-1-private-dns",
      "crdb-us-east-1-sql-10-40-0-0-16",
    ]);
    expect(nodes.filter((n) => /natGateway|internetGateway/.test(n.type))).toEqual([]);
    expect(doc.outputs).toMatchObject({ regions: { "us-east-1": { endpointId: { unknown: true } } } });
    expect(doc.policies.map((p) => [p.policy, p.status])).toEqual([
      ["crdb-no-public-database-ingress", "passed"],
      ["crdb-endpoint-private-dns", "passed"],
      ["crdb-vpc-dns-attributes", "passed"],
      ["crdb-no-open-allowlist", "not applicable"],
      ["crdb-endpoint-multi-az", "passed"],
      ["crdb-required-tags", "passed"],
    ]);
  });

  it("plans the multi-region example", async () => {
    const { code, stdout } = await plan("--stack", "multi-region.example", "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as PlanDocument;
    expect(doc.resources.map((n) => n.name)).toEqual([
      "crdb-services-1f69fdd2-600a-4cfc-a9ba-16995df0d77d",
      "crdb-us-east-1",
      "crdb-us-west-2",
    ]);
  });

  it("shows the endpoint's service and subnets as unknown for an ADVANCED cluster without services yet", async () => {
    const { code, stdout } = await plan("--cluster-plan", "ADVANCED");
    expect(code).toBe(0);
    expect(stdout).toContain("serviceName: (known after deploy)  <- crdb-services-");
    expect(stdout).toContain("crdb-us-east-1-subnet-use1-az3");
    expect(stdout).toMatch(/Warnings:\n {2}- Cluster dev \(ADVANCED\) has no endpoint service in us-east-1 yet/);
  });

  describe("with a bad stack", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.bad.yaml"),
      [
        "config:",
        "  aws:region: us-east-1",
        "  crdb-private-endpoints:clusterId: 1f69fdd2-600a-4cfc-a9ba-16995df0d77d",
        "  crdb-private-endpoints:vpc: { cidrBlock: 10.40.0.0/16 }",
        "  crdb-private-endpoints:allowedCidrs: ['2001:db8::/32']",
        "  crdb-private-endpoints:prot: 26257",
      ].join("\n"),
    );

    it("exits 1 with the validation message only", async () => {
      const { code, stdout, stderr } = await plan("--cwd", dir, "--stack", "bad");
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toContain(
        'crdb-private-endpoints:allowedCidrs[0] = "2001:db8::/32": is IPv6; the endpoint is reached over IPv4 only. Allowed: an IPv4 CIDR block',
      );
      expect(stderr).toContain('crdb-private-endpoints:prot = 26257: unknown key (did you mean "port"?)');
      expect(stderr).not.toMatch(/\n\s+at /);
    });

    it("exits 1 naming the stacks there when the stack file is missing", async () => {
      const { code, stderr } = await plan("--cwd", dir, "--stack", "nope");
      expect(code).toBe(1);
      expect(stderr).toBe("Pulumi.nope.yaml not found; stacks here: bad\n");
    });

    it("--json on failure prints each problem as JSON on stdout, with a non-zero exit", async () => {
      const { code, stdout } = await plan("--cwd", dir, "--stack", "bad", "--json");
      expect(code).toBe(1);
      const doc = JSON.parse(stdout) as { ok: boolean; problems: { key: string; value: unknown; reason: string; allowed: string }[] };
      expect(doc.ok).toBe(false);
      expect(doc.problems).toEqual(
        expect.arrayContaining([
          {
            key: "crdb-private-endpoints:allowedCidrs[0]",
            value: "2001:db8::/32",
            reason: "is IPv6; the endpoint is reached over IPv4 only",
            allowed: expect.stringContaining("an IPv4 CIDR block"),
          },
          expect.objectContaining({ key: "crdb-private-endpoints:prot", value: 26257 }),
        ]),
      );
      const missing = await plan("--cwd", dir, "--stack", "nope", "--json");
      expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, problems: [{ key: "--stack", value: "nope", allowed: "bad" }] });
    });

    it("--cwd to a missing directory: one line, no stack trace, in text and JSON", async () => {
      const missingDir = path.join(dir, "does-not-exist");
      const text = await plan("--cwd", missingDir);
      expect(text).toMatchObject({ code: 1, stdout: "", stderr: `${missingDir} is not a directory\n` });
      const json = await plan("--cwd", missingDir, "--json");
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).problems).toEqual([
        { key: "--cwd", value: missingDir, reason: `${missingDir} is not a directory`, allowed: "a directory holding Pulumi.<stack>.yaml files" },
      ]);
    });
  });

  describe("policy checks inside the plan", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-policy-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.open.yaml"),
      [
        "config:",
        "  aws:region: us-east-1",
        "  crdb-private-endpoints:clusterId: 1f69fdd2-600a-4cfc-a9ba-16995df0d77d",
        "  crdb-private-endpoints:vpc: { cidrBlock: 10.40.0.0/16 }",
        "  crdb-private-endpoints:allowedCidrs: ['0.0.0.0/0']",
        "  crdb-private-endpoints:privateDns: false",
      ].join("\n"),
    );

    it("prints the plan and exits 3 when a mandatory policy is violated", async () => {
      const { code, stdout } = await plan("--cwd", dir, "--stack", "open");
      expect(code).toBe(3);
      expect(stdout).toContain("Policies (policy pack, as pulumi preview --policy-pack policy): 2 passed, 2 violated, 2 not applicable.");
      expect(stdout).toContain(
        "VIOLATED [mandatory, critical] crdb-no-public-database-ingress: crdb-us-east-1-sql-0-0-0-0-0: the rule admits 0.0.0.0/0 (the whole internet) on the database port 26257",
      );
      expect(stdout).toContain(
        "VIOLATED [mandatory, high] crdb-endpoint-private-dns: crdb-us-east-1-endpoint: endpoint crdb-us-east-1-endpoint has no EndpointPrivateDns with privateDnsEnabled: true",
      );
    });

    it("takes policy settings in the --policy-pack-config format", async () => {
      const config = path.join(dir, "policy-config.json");
      fs.writeFileSync(config, JSON.stringify({ "crdb-no-public-database-ingress": "advisory", "crdb-endpoint-private-dns": { enforcementLevel: "disabled" } }));
      const { code, stdout } = await plan("--cwd", dir, "--stack", "open", "--policy-config", config, "--json");
      expect(code).toBe(0);
      const doc = JSON.parse(stdout) as PlanDocument;
      expect(doc.policies.find((p) => p.policy === "crdb-no-public-database-ingress")).toMatchObject({ status: "violated", enforcementLevel: "advisory" });
      expect(doc.policies.find((p) => p.policy === "crdb-endpoint-private-dns")?.status).toBe("disabled");
    });
  });

  it("rejects unknown arguments with the usage, exit 2", async () => {
    const { code, stderr } = await plan("--stak", "dev");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^unknown argument --stak\n\nUsage: npm run plan/);
    expect(parsePlanArgs(["--stack=prod", "--cluster-plan", "advanced", "--base", "main", "--markdown"])).toEqual({
      stack: "prod",
      format: "markdown",
      clusterPlan: "ADVANCED",
      base: "main",
      live: false,
    });
    expect(() => parsePlanArgs(["--json", "--markdown"])).toThrow("--json and --markdown exclude each other");
  });
});
