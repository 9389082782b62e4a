// The program: one component per region, one endpoint services resource per cluster, stable names, the stack
// outputs; and every bad config rejected with key, value and what is allowed, before anything is registered.
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StackConfigError, runProgram } from "../../program";
import type { RegionOutputs } from "../../program";
import type { StackOutputs } from "../../program";
import { CLUSTER_ID, EXISTING_SUBNETS, EXISTING_VPC, fakeLookups, serviceName } from "../components/aws/support/fixtures";
import { BAD_CONFIGS } from "./badConfigCases";
import { CLUSTER_CASES } from "./badConfigCases.cluster";
import { KEY_CASES } from "./badConfigCases.keys";
import { type MockWorld, TYPES, byName, byType, setUpMocks, valueOf } from "../components/aws/support/mocks";
import { NS, stackConfig } from "./support";
import { waitForRegistrations } from "../../tools/mocks/pulumiInternals";

let world: MockWorld;
beforeAll(async () => {
  world = await setUpMocks();
});
beforeEach(() => world.reset());

async function run(config: Record<string, string>, env: Record<string, string> = {}): Promise<StackOutputs> {
  const outputs = await runProgram({ config, lookups: fakeLookups(), env });
  await valueOf(pulumi.output(outputs));
  await waitForRegistrations();
  return outputs;
}

const SERVICES = `crdb-services-${CLUSTER_ID}`;
const parentName = (urn: string | undefined) => urn?.split("::").pop();

const MULTI = stackConfig({
  tags: { owner: "platform", environment: "shared" },
  regions: [
    { region: "us-east-1", vpc: { vpcId: EXISTING_VPC.id, subnetIds: EXISTING_SUBNETS.map((s) => s.id) }, tags: { environment: "prod" } },
    { region: "us-west-2", vpc: { cidrBlock: "10.41.0.0/16" }, port: 26000 },
  ],
});

describe("the program, one region", () => {
  it("builds one AwsPrivateLink named after aws:region, with the cluster's services at the top level", async () => {
    await run(stackConfig());
    expect(byType(world.resources, TYPES.component).map((r) => r.name)).toEqual(["crdb-us-east-1"]);
    const services = byName(world.resources, SERVICES);
    expect(services.parentUrn).toBeUndefined();
    expect(services.dependencyUrns).toEqual([]);
    expect(byName(world.resources, "crdb-us-east-1-endpoint").inputs.serviceName).toBe(serviceName("us-east-1"));
    for (const r of world.resources.filter((x) => x.name.startsWith("crdb-us-east-1-"))) {
      expect(parentName(r.parentUrn), r.name).toBe("crdb-us-east-1");
    }
  });

  it("exports the region's outputs", async () => {
    const outputs = await run(stackConfig());
    expect(Object.keys(outputs.regions)).toEqual(["us-east-1"]);
    const region = outputs.regions["us-east-1"] as RegionOutputs;
    expect(await valueOf(region.privateSqlHost)).toBe("internal-orders-abc12.aws-us-east-1.cockroachlabs.cloud");
    expect(await valueOf(region.endpointId)).toBe("crdb-us-east-1-endpoint_id");
    expect(await valueOf(region.vpcId)).toBe("crdb-us-east-1-vpc_id");
    expect(await valueOf(region.subnetIds)).toHaveLength(3);
    expect(await valueOf(region.connectionStatus)).toBe("STATUS_AVAILABLE");
  });

  it("takes tag values YAML reads as numbers or booleans as their text (AWS tag values are strings)", async () => {
    await run(stackConfig({ tags: { costCenter: 1234, billable: true, ratio: 0.5, team: "platform" } }));
    expect(byName(world.resources, "crdb-us-east-1-vpc").inputs.tags).toEqual({
      Name: "crdb-us-east-1-vpc",
      costCenter: "1234",
      billable: "true",
      ratio: "0.5",
      team: "platform",
    });
  });

  it("reads the stack's config from the Pulumi runtime by default", async () => {
    pulumi.runtime.setAllConfig(stackConfig({ "aws:region": "us-west-2", vpc: { cidrBlock: "10.41.0.0/16" } }));
    await runProgram({ lookups: fakeLookups() });
    await waitForRegistrations();
    expect(byType(world.resources, TYPES.component).map((r) => r.name)).toEqual(["crdb-us-west-2"]);
  });
});

describe("the program, several regions in one stack", () => {
  it("builds one component per entry and one services resource for their cluster", async () => {
    const outputs = await run(MULTI);
    expect(byType(world.resources, TYPES.component).map((r) => r.name).sort()).toEqual(["crdb-us-east-1", "crdb-us-west-2"]);
    expect(byType(world.resources, TYPES.services).map((r) => r.name)).toEqual([SERVICES]);
    for (const region of ["us-east-1", "us-west-2"]) {
      const endpoint = byName(world.resources, `crdb-${region}-endpoint`);
      expect(endpoint.inputs).toMatchObject({ serviceName: serviceName(region), region });
      expect(endpoint.propertyDependencyUrns.serviceName?.map((u) => u.split("::").pop())).toEqual([SERVICES]);
    }
    expect(Object.keys(outputs.regions).sort()).toEqual(["us-east-1", "us-west-2"]);
    const names = world.resources.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("looks the shared cluster and its endpoint services up once, not once per region; the AZs once per region", async () => {
    const lookups = fakeLookups();
    const calls = { cluster: 0, endpointServices: 0, accountAzIds: [] as string[] };
    const counted = {
      ...lookups,
      cluster: (id: string) => ((calls.cluster += 1), lookups.cluster(id)),
      endpointServices: (id: string) => ((calls.endpointServices += 1), lookups.endpointServices(id)),
      accountAzIds: (region: string) => (calls.accountAzIds.push(region), lookups.accountAzIds(region)),
    };
    await valueOf(pulumi.output(await runProgram({ config: MULTI, lookups: counted, env: {} })));
    await waitForRegistrations();
    expect(byType(world.resources, TYPES.component).map((r) => r.name)).toEqual(["crdb-us-east-1", "crdb-us-west-2"]);
    // Building from the prepared plans looks nothing up again.
    expect({ ...calls, accountAzIds: calls.accountAzIds.sort() }).toEqual({
      cluster: 1,
      endpointServices: 1,
      accountAzIds: ["us-east-1", "us-west-2"],
    });
  });

  it("lets entries override the defaults, merging tags", async () => {
    await run(MULTI);
    // us-east-1: existing VPC, default source = its CIDR, default port.
    expect(byType(world.resources, TYPES.vpc).map((r) => r.name)).toEqual(["crdb-us-west-2-vpc"]);
    expect(byName(world.resources, "crdb-us-east-1-sql-10-20-0-0-16").inputs).toMatchObject({ fromPort: 26257, region: "us-east-1" });
    expect(byName(world.resources, "crdb-us-east-1-sg").inputs.tags).toEqual({
      Name: "crdb-us-east-1-sg",
      owner: "platform",
      environment: "prod",
    });
    // us-west-2: its own VPC, its own port, the top-level tags.
    expect(byName(world.resources, "crdb-us-west-2-sql-10-41-0-0-16").inputs).toMatchObject({ fromPort: 26000, toPort: 26000 });
    expect(byName(world.resources, "crdb-us-west-2-vpc").inputs.tags).toEqual({
      Name: "crdb-us-west-2-vpc",
      owner: "platform",
      environment: "shared",
    });
    expect(byType(world.resources, TYPES.subnet).map((r) => r.inputs.availabilityZoneId).sort()).toEqual([
      "usw2-az1",
      "usw2-az2",
      "usw2-az3",
    ]);
  });

  it("keeps every existing name when a region is added", async () => {
    await run(stackConfig({ regions: [{ region: "us-east-1" }] }));
    const before = world.resources.map((r) => `${r.type}::${r.name}`);
    await world.reset();
    await run(stackConfig({ regions: [{ region: "us-east-1" }, { region: "us-west-2", vpc: { cidrBlock: "10.41.0.0/16" } }] }));
    const after = world.resources.map((r) => `${r.type}::${r.name}`);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after.filter((n) => !before.includes(n)).every((n) => n.includes("crdb-us-west-2"))).toBe(true);
  });

  it.each(["AWS_REGION", "AWS_DEFAULT_REGION"])(
    "needs no aws:region when %s gives the default AWS provider its region",
    async (variable) => {
      await run(stackConfig({ "aws:region": undefined, regions: [{ region: "us-west-2" }] }), { [variable]: "eu-west-3" });
      expect(byType(world.resources, TYPES.component).map((r) => r.name)).toEqual(["crdb-us-west-2"]);
    },
  );

  it("names the single-region stack's resources like the same region in a regions list", async () => {
    await run(stackConfig());
    const single = world.resources.map((r) => `${r.type}::${r.name}`).sort();
    await world.reset();
    await run(stackConfig({ "aws:region": "eu-west-1", regions: [{ region: "us-east-1" }] }));
    expect(world.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual(single);
  });
});

describe("bad stack config", () => {
  afterEach(() => world.reset());

  it("covers at least 20 cases", () => {
    expect(BAD_CONFIGS.length).toBeGreaterThanOrEqual(20);
  });

  it.each([...BAD_CONFIGS, ...KEY_CASES, ...CLUSTER_CASES])("$name: names $key, its value and what is allowed; registers nothing", async (bad) => {
    const error = await runProgram({
      config: bad.config,
      lookups: bad.lookups ?? fakeLookups(),
      env: bad.env ?? {},
      secretKeys: bad.secretKeys,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StackConfigError);
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    const line = (error as Error).message.split("\n").find((l) => l.trim().startsWith(`${bad.key} = ${bad.value}: `));
    expect(line, (error as Error).message).toBeDefined();
    const [, reason, allowed] = /: (.*)\. Allowed: (.*)\.$/.exec(line as string) ?? [];
    expect(reason).toMatch(bad.reason);
    expect(allowed).toMatch(bad.allowed);
    if (bad.secret !== undefined) expect((error as Error).message).not.toContain(bad.secret);
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
  });

  it("reports an inherited problem once, at the top-level key", async () => {
    const config = stackConfig({ vpc: {}, regions: [{ region: "us-east-1" }, { region: "us-west-2" }] });
    const error = await runProgram({ config, lookups: fakeLookups() }).catch((e: StackConfigError) => e);
    expect((error as StackConfigError).issues.map((i) => i.key)).toEqual([`${NS}:vpc`]);
  });

  it("reports every problem of a config in one message", async () => {
    const config = stackConfig({ port: 0, privateDns: "no", vpc: { cidrBlock: "10.40.0.0/33" } });
    const error = (await runProgram({ config, lookups: fakeLookups() }).catch((e) => e)) as StackConfigError;
    expect(error.issues.map((i) => i.key).sort()).toEqual([`${NS}:port`, `${NS}:privateDns`, `${NS}:vpc.cidrBlock`]);
    expect(error.message).toMatch(/^Invalid stack configuration \(3 problems\):\n {2}crdb-private-endpoints:/);
  });

  it("does not look anything up when the config itself is wrong", async () => {
    let lookedUp = false;
    const lookups = { ...fakeLookups(), cluster: async () => ((lookedUp = true), Promise.reject(new Error("no"))) };
    await expect(runProgram({ config: stackConfig({ port: 0 }), lookups })).rejects.toThrow(StackConfigError);
    expect(lookedUp).toBe(false);
  });
});
