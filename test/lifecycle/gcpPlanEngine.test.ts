// `npm run plan:engine -- --stack gcp-dev`: a real preview of the GCP stack through the language host's runner and
// the dynamic-provider host, with its cluster seeded on GCP (as `npm run plan` seeds it) and the fake GCP project.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "./gcpHarness";

describe("npm run plan:engine -- --stack gcp-dev", () => {
  it("previews the PSC path against a GCP cluster, and prints the connection string as [secret]", async () => {
    const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
    const { stdout } = await promisify(execFile)(tsx, ["tools/engine/plan.ts", "--stack", "gcp-dev"], { cwd: ROOT, env: { ...process.env, COCKROACH_SERVER: "" } });
    const created = stdout.split("\n").filter((l) => /^\s*\+ /.test(l)).map((l) => l.trim().slice(2));
    expect(created).toEqual(expect.arrayContaining([
      "gcp:compute/network:Network crdb-us-central1-network",
      "gcp:compute/subnetwork:Subnetwork crdb-us-central1-subnet",
      "gcp:compute/address:Address crdb-us-central1-address",
      "gcp:compute/forwardingRule:ForwardingRule crdb-us-central1-endpoint",
      "gcp:servicedirectory/namespace:Namespace crdb-us-central1-namespace",
      "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection crdb-us-central1-connection",
    ]));
    expect(created.filter((l) => l.startsWith("aws:"))).toEqual([]);
    // The target is the GCP cluster's service attachment, looked up in the fake Cloud API at preview.
    expect(stdout).toMatch(/target: "projects\/[a-z0-9-]+\/regions\/us-central1\/serviceAttachments\/[a-z0-9-]+"/);
    expect(stdout).toContain("Resources: 10 to create");
    expect(stdout).toContain("connectionString: [secret]");
    expect(stdout).not.toContain("postgresql://");
  }, 300_000);
});
