// `npm run plan -- --stack gcp-dev`: the GCP example stack planned offline with the GCP invoke mocks and a GCP fake
// cluster, the same every run.
import { describe, expect, it } from "vitest";
import { runPlanCli } from "../../../tools/plan/cli";
import type { PlanDocument, PlanNode } from "../../../tools/plan/planDocument";

async function plan(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runPlanCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const flatten = (nodes: PlanNode[]): PlanNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe("npm run plan -- --stack gcp-dev", () => {
  it("shows the PSC endpoint of us-central1 with automatic DNS, the same way every run", async () => {
    const first = await plan("--stack", "gcp-dev");
    const second = await plan("--stack", "gcp-dev");
    expect(first.code, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    for (const expected of [
      "as GCP STANDARD in us-central1",
      "└─ crdb-private-endpoints:index:GcpPrivateServiceConnect crdb-us-central1",
      "gcp:compute/forwardingRule:ForwardingRule crdb-us-central1-endpoint",
      "name: crdb-analytics",
      "allowPscGlobalAccess: true",
      "addressType: INTERNAL",
      "serviceDirectoryRegistrations: {namespace: crdb-9a1b2c3d}  <- crdb-us-central1-namespace",
      "endpointId: (known after deploy)  <- crdb-us-central1-endpoint",
      "service: servicedirectory.googleapis.com",
      "privateSqlHost: private-gcp-dev-",
    ]) {
      expect(first.stdout).toContain(expected);
    }
    // The header names where each cloud's facts came from, for the clouds the stack has resources in only.
    expect(first.stdout).toContain("\n  GCP facts: mock data");
    expect(first.stdout).not.toContain("AWS facts");
  });

  it("as JSON: the rule targets the fake cluster's service attachment with scheme \"\"; no zone, no external address", async () => {
    const { code, stdout } = await plan("--stack", "gcp-dev", "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as PlanDocument;
    const nodes = flatten(doc.resources);
    const rule = nodes.find((n) => n.type === "gcp:compute/forwardingRule:ForwardingRule");
    expect(rule?.inputs).toMatchObject({ loadBalancingScheme: "", region: "us-central1", project: "app-project-dev" });
    expect(String(rule?.inputs.target)).toMatch(/^projects\/crl-prod-[0-9a-f]{6}\/regions\/us-central1\/serviceAttachments\//);
    expect(nodes.filter((n) => n.type === "gcp:dns/managedZone:ManagedZone")).toEqual([]);
    expect(nodes.filter((n) => n.type === "gcp:compute/address:Address").map((n) => n.inputs.addressType)).toEqual(["INTERNAL"]);
  });

  it("on a new Advanced cluster: the attachment and host are known after deploy, with warnings saying why", async () => {
    const { code, stdout } = await plan("--stack", "gcp-dev", "--cluster-plan", "ADVANCED");
    expect(code).toBe(0);
    expect(stdout).toContain("target: (known after deploy)  <- crdb-services-9a1b2c3d-0000-4000-8000-000000000001");
    expect(stdout).toContain("is not AVAILABLE yet (not created)");
    expect(stdout).toContain("reports no private endpoint host in us-central1 yet");
  });
});

describe("the cost line of a GCP stack", () => {
  it("says the PSC endpoint is not priced rather than calling the stack free", async () => {
    const { code, stdout } = await plan("--stack", "gcp-dev", "--markdown");
    expect(code).toBe(0);
    expect(stdout).toContain("not included: 1 GCP Private Service Connect endpoint, billed by Google per hour and per GB");
  });
});
