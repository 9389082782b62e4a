// Cluster-level settings from stack config: the allowlist and trusted owners become exactly the resources the
// config names; cluster IDs in any case are one cluster; the Cloud API being unusable is reported as that.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { awsPrivateLinkLookups } from "../../components/aws/lookups";
import { CockroachCloudClient } from "../../components/cockroach";
import { CloudApiAccessError, StackConfigError, runProgram } from "../../program";
import { startFakeCloud, type FakeCloud } from "../../tools/fake-cloud";
import { waitForRegistrations } from "../../tools/mocks/pulumiInternals";
import { CLUSTER_ID, fakeLookups } from "../components/aws/support/fixtures";
import { type MockWorld, TYPES, byName, byType, setUpMocks, valueOf } from "../components/aws/support/mocks";
import { NS, stackConfig } from "./support";

const ALLOW_LIST = "pulumi-nodejs:dynamic/cockroach:AllowList";
const TRUSTED_OWNER = "pulumi-nodejs:dynamic/cockroach:PrivateEndpointTrustedOwner";
/** A resource's inputs without the dynamic provider's code. */
const inputsOf = (r: { inputs: Record<string, unknown> }) => {
  const { __provider: _, ...inputs } = r.inputs;
  return inputs;
};

let world: MockWorld;
beforeAll(async () => {
  world = await setUpMocks();
});
beforeEach(() => world.reset());
afterEach(() => vi.restoreAllMocks());

async function run(config: Record<string, string>) {
  const outputs = await runProgram({ config, lookups: fakeLookups(), env: {} });
  await valueOf(pulumi.output(outputs));
  await waitForRegistrations();
  return outputs;
}

describe("the allowlist from stack config", () => {
  it("registers one AllowList per entry, named after its key, with exactly the configured inputs", async () => {
    const outputs = await run(
      stackConfig({
        allowlist: {
          office: { cidr: "203.0.113.0/24" },
          vpn: { cidr: "198.51.100.7/32", sql: true, ui: true },
          console: { cidr: "192.0.2.0/28", sql: false, ui: true },
        },
      }),
    );
    const entries = byType(world.resources, ALLOW_LIST);
    expect(entries.map((r) => r.name).sort()).toEqual(["crdb-allowlist-console", "crdb-allowlist-office", "crdb-allowlist-vpn"]);
    expect(inputsOf(byName(world.resources, "crdb-allowlist-office"))).toEqual({
      clusterId: CLUSTER_ID,
      cidrIp: "203.0.113.0",
      cidrMask: 24,
      sql: true,
      ui: false,
      name: "office",
    });
    expect(byName(world.resources, "crdb-allowlist-vpn").inputs).toMatchObject({ cidrIp: "198.51.100.7", cidrMask: 32, sql: true, ui: true });
    expect(byName(world.resources, "crdb-allowlist-console").inputs).toMatchObject({ cidrMask: 28, sql: false, ui: true });
    for (const entry of entries) expect(entry.parentUrn, entry.name).toBeUndefined();
    expect(await valueOf(pulumi.output(outputs.cluster))).toEqual({
      allowlist: {
        office: { cidr: "203.0.113.0/24", sql: true, ui: false },
        vpn: { cidr: "198.51.100.7/32", sql: true, ui: true },
        console: { cidr: "192.0.2.0/28", sql: false, ui: true },
      },
      trustedOwners: [],
    });
  });

  it("accepts 0.0.0.0/0 only with the acknowledgement, and then warns loudly", async () => {
    const warn = vi.spyOn(pulumi.log, "warn");
    await run(stackConfig({ allowlist: { anywhere: { cidr: "0.0.0.0/0" } }, allowlistOpenToInternet: true }));
    expect(byName(world.resources, "crdb-allowlist-anywhere").inputs).toMatchObject({ cidrIp: "0.0.0.0", cidrMask: 0 });
    const messages = warn.mock.calls.map(([message]) => message);
    expect(messages).toContainEqual(expect.stringMatching(/^!!! crdb-private-endpoints:allowlist\.anywhere is 0\.0\.0\.0\/0: ANY address on the internet may try to connect to the cluster \(SQL\)/));
  });

  it("removes the default 0.0.0.0/0 entry only after every region's private path is ready and the entries exist", async () => {
    const outputs = await run(
      stackConfig({
        removeDefaultAllowlistEntry: true,
        allowlist: { office: { cidr: "203.0.113.0/24" } },
        regions: [{ region: "us-east-1" }, { region: "us-west-2", vpc: { cidrBlock: "10.41.0.0/16" } }],
      }),
    );
    const removal = byName(world.resources, "crdb-allowlist-remove-default");
    expect(removal.type).toBe("pulumi-nodejs:dynamic/cockroach:AllowListEntryRemoval");
    expect(inputsOf(removal)).toMatchObject({ clusterId: CLUSTER_ID, cidrIp: "0.0.0.0", cidrMask: 0 });
    expect(removal.dependencyUrns.map((urn) => urn.split("::").pop()).sort()).toEqual([
      "crdb-allowlist-office",
      "crdb-us-east-1-ready",
      "crdb-us-west-2-ready",
    ]);
    expect(removal.parentUrn).toBeUndefined();
    expect(Object.keys((await valueOf(pulumi.output(outputs.cluster))) ?? {})).toContain("defaultEntryRemoved");
  });

  it("registers nothing cluster-level when the keys are absent, and the stack outputs have no cluster entry", async () => {
    const outputs = await run(stackConfig());
    expect(byType(world.resources, ALLOW_LIST)).toEqual([]);
    expect(byType(world.resources, TRUSTED_OWNER)).toEqual([]);
    expect(outputs.cluster).toBeUndefined();
  });
});

describe("trusted owners from stack config", () => {
  it("registers one PrivateEndpointTrustedOwner per account ID", async () => {
    await run(stackConfig({ trustedOwners: ["012345678901", "210987654321"] }));
    const owners = byType(world.resources, TRUSTED_OWNER);
    expect(owners.map((r) => [r.name, inputsOf(r)])).toEqual([
      ["crdb-trusted-owner-012345678901", { clusterId: CLUSTER_ID, type: "AWS_ACCOUNT_ID", externalOwnerId: "012345678901" }],
      ["crdb-trusted-owner-210987654321", { clusterId: CLUSTER_ID, type: "AWS_ACCOUNT_ID", externalOwnerId: "210987654321" }],
    ]);
  });
});

describe("cluster IDs in upper or mixed case", () => {
  const upper = CLUSTER_ID.toUpperCase();

  it("are the one lower-case cluster: one PrivateEndpointServices, lower-case names and inputs", async () => {
    await run(stackConfig({ clusterId: upper, regions: [{ region: "us-east-1" }, { region: "us-west-2", clusterId: CLUSTER_ID, vpc: { cidrBlock: "10.41.0.0/16" } }] }));
    expect(byType(world.resources, TYPES.services).map((r) => [r.name, r.inputs.clusterId])).toEqual([
      [`crdb-services-${CLUSTER_ID}`, CLUSTER_ID],
    ]);
    for (const r of byType(world.resources, TYPES.connection)) expect(r.inputs.clusterId).toBe(CLUSTER_ID);
  });

  it("a case-only edit changes no name and no input", async () => {
    await run(stackConfig({ trustedOwners: ["012345678901"] }));
    const before = world.resources.map((r) => [r.type, r.name, r.inputs]);
    await world.reset();
    await run(stackConfig({ clusterId: upper, trustedOwners: ["012345678901"] }));
    expect(world.resources.map((r) => [r.type, r.name, r.inputs])).toEqual(before);
  });
});

describe("every config problem in one run", () => {
  it("a stack file with only aws:region reports clusterId and vpc together", async () => {
    const error = (await runProgram({ config: { "aws:region": "us-east-1" }, lookups: fakeLookups() }).catch((e) => e)) as StackConfigError;
    expect(error).toBeInstanceOf(StackConfigError);
    expect(error.issues.map((i) => [i.key, i.reason])).toEqual([
      [`${NS}:clusterId`, "is required"],
      [`${NS}:vpc`, "is required"],
    ]);
  });

  it("a bad regions entry does not hide the problems of the others", async () => {
    const config = stackConfig({ regions: [{ region: "US East" }, { region: "us-west-2", vpc: {} }] });
    const error = (await runProgram({ config, lookups: fakeLookups() }).catch((e) => e)) as StackConfigError;
    expect(error.issues.map((i) => `${i.key}: ${i.reason}`)).toEqual([
      `${NS}:regions[0].region: not a region code`,
      `${NS}:regions[1].vpc: sets neither cidrBlock nor vpcId`,
    ]);
  });

  it("leaves other packages' generic keys alone, and flags our distinctive ones in another namespace", async () => {
    const config = stackConfig({ "kubernetes:tags": { a: "b" }, "myproject:clusterId": "x" });
    const error = (await runProgram({ config, lookups: fakeLookups() }).catch((e) => e)) as StackConfigError;
    expect(error.issues.map((i) => [i.key, i.reason])).toEqual([
      ["myproject:clusterId", 'is not a key this program reads (did you mean "crdb-private-endpoints:clusterId"?)'],
    ]);
  });

  it("schema problems, region problems and argument problems come in one message", async () => {
    const config = stackConfig({ clusterId: undefined, port: 0, vpc: {}, trustedOwners: ["1"], "aws:regoin": "x" });
    const error = (await runProgram({ config, lookups: fakeLookups() }).catch((e) => e)) as StackConfigError;
    expect(error.issues.map((i) => i.key).sort()).toEqual(
      ["aws:regoin", `${NS}:clusterId`, `${NS}:port`, `${NS}:trustedOwners[0]`, `${NS}:vpc`].sort(),
    );
  });
});

describe("a Cloud API that cannot be used", () => {
  let cloud: FakeCloud;
  beforeAll(async () => {
    cloud = await startFakeCloud({
      clusters: [{ id: CLUSTER_ID, name: "orders", plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] }],
    });
  });
  afterAll(() => cloud.close());

  const lookupsWith = (client: CockroachCloudClient) => ({
    ...fakeLookups(),
    ...awsPrivateLinkLookups({ cockroach: { client } }),
    providerRegion: async () => "us-east-1",
    accountAzIds: fakeLookups().accountAzIds,
  });

  it.each([
    ["refuses the key (401)", "not-a-key", /refused the API key .*HTTP 401.* Check: that COCKROACH_API_KEY or the secret cockroach:apikey holds a current/],
  ])("%s: says so and what to check, not that clusterId is invalid", async (_, apiKey, message) => {
    const client = new CockroachCloudClient({ server: cloud.url, apiKey, retry: { attempts: 1 } });
    const error = (await runProgram({ config: stackConfig(), lookups: lookupsWith(client), env: {} }).catch((e) => e)) as Error;
    expect(error).toBeInstanceOf(CloudApiAccessError);
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^Cannot use the CockroachDB Cloud API:\n/);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/Invalid stack configuration|crdb-private-endpoints:clusterId/);
    expect(error.message).not.toContain(apiKey);
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
  });

  it("is unreachable: says no answer came and what to check", async () => {
    const closed = await startFakeCloud({ clusters: [] });
    const url = closed.url;
    await closed.close();
    const client = new CockroachCloudClient({ server: url, apiKey: "fake-api-key", retry: { attempts: 1 }, requestTimeoutMs: 5000 });
    const error = (await runProgram({ config: stackConfig(), lookups: lookupsWith(client), env: {} }).catch((e) => e)) as Error;
    expect(error).toBeInstanceOf(CloudApiAccessError);
    expect(error.message).toMatch(/no answer from the CockroachDB Cloud API \(.*\)\. Check: the server \(COCKROACH_SERVER or cockroach:server/);
  });

  it("forbids a read (403): names the roles to check", async () => {
    const forbidden = await startFakeCloud({
      clusters: [{ id: CLUSTER_ID, name: "orders", plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] }],
      apiKeys: { "no-role-key": "CLUSTER_DEVELOPER" },
    });
    try {
      const client = new CockroachCloudClient({ server: forbidden.url, apiKey: "no-role-key", retry: { attempts: 1 } });
      const error = (await runProgram({ config: stackConfig(), lookups: lookupsWith(client), env: {} }).catch((e) => e)) as Error;
      // A developer may read the cluster but not list its endpoint services.
      expect(error).toBeInstanceOf(CloudApiAccessError);
      expect(error.message).toMatch(/may not read the cluster .*ListPrivateEndpointServices.*HTTP 403.* Check: the service account's roles/);
    } finally {
      await forbidden.close();
    }
  });
});
