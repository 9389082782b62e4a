// The multi-region example under the real runtime and provider host: a first `up` interrupted by killing the
// provider host right after the Cloud API accepted the registration POST, the `up` that finishes it (registering
// nothing twice), adding a region, and destroy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OperationFailedError } from "../../tools/engine/lifecycle";
import { readStackConfig } from "../../tools/engine/stackConfig";
import { CLUSTER_ID, type Harness, PROJECT, ROOT, startHarness } from "./harness";

const LONG = 300_000;
const STACK = "multi-region.example";
const CONNECTION = "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const WEST_VPC = { vpcId: "vpc-0a1b2c3d4e5f60789", region: "us-west-2", cidrBlock: "10.60.0.0/16", subnets: { "subnet-0a1b2c3d4e5f60001": 1, "subnet-0a1b2c3d4e5f60002": 2 } };

/** The example stack file's config, with only the first `count` entries of its regions list. */
function exampleWithRegions(count: number): Record<string, string> {
  const full = readStackConfig(ROOT, STACK);
  const regions = JSON.parse(full[`${PROJECT}:regions`]!) as unknown[];
  return { ...full, [`${PROJECT}:regions`]: JSON.stringify(regions.slice(0, count)) };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ stack: STACK, config: exampleWithRegions(1), regions: ["us-east-1", "us-west-2"], existingVpcs: [WEST_VPC] });
}, LONG);
afterAll(async () => {
  await h?.close();
});

const changed = (steps: { op: string; urn: string }[]) =>
  steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}`).sort();

describe("multi-region example lifecycle under the real runtime and provider host", () => {
  it("an up interrupted after the registration POST, then up again: the endpoint is registered exactly once", async () => {
    let killed = false;
    h.onCloudRequest(
      (r) => r.method === "POST" && r.path.endsWith("/private-endpoint-connections") && r.status >= 200 && r.status < 300,
      () => {
        killed = true;
        void h.host()?.stop(true);
      },
    );
    const interrupted = await h.engine.up().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(interrupted).toBeInstanceOf(OperationFailedError);
    expect(killed).toBe(true);
    const endpointId = h.aws.ids(ENDPOINT)[0]!;
    // The checkpoint holds what completed: the endpoint, but not the connection whose create was cut off.
    const saved = h.engine.state.resources;
    expect(saved.some((r) => r.type === ENDPOINT && r.id === endpointId)).toBe(true);
    expect(saved.some((r) => r.type === CONNECTION)).toBe(false);

    const resumed = await h.engine.up();
    expect(changed(resumed.steps)).toEqual(["create crdb-us-east-1-connection", "create crdb-us-east-1-private-dns", "create crdb-us-east-1-ready"]);
    expect(h.cloud.registrations(CLUSTER_ID, endpointId)).toBe(1);
    expect(h.cloud.connections(CLUSTER_ID)).toEqual([expect.objectContaining({ endpoint_id: endpointId, status: "STATUS_AVAILABLE" })]);
  }, LONG);

  it("adding a region creates only that region's resources", async () => {
    h.engine.setConfig(exampleWithRegions(2));
    const result = await h.engine.up();
    const notSame = result.steps.filter((s) => s.op !== "same");
    expect(notSame.every((s) => s.op === "create")).toBe(true);
    expect(notSame.map((s) => s.urn.split("::").pop()).every((name) => name!.startsWith("crdb-us-west-2"))).toBe(true);
    expect(changed(result.steps)).toEqual(
      [
        "create crdb-us-west-2",
        "create crdb-us-west-2-sg",
        "create crdb-us-west-2-sql-sg-0a1b2c3d4e5f60789",
        "create crdb-us-west-2-endpoint",
        "create crdb-us-west-2-connection",
        "create crdb-us-west-2-private-dns",
        "create crdb-us-west-2-ready",
      ].sort(),
    );
    expect(h.cloud.connections(CLUSTER_ID).map((c) => [c.region_name, c.status]).sort()).toEqual([
      ["us-east-1", "STATUS_AVAILABLE"],
      ["us-west-2", "STATUS_AVAILABLE"],
    ]);
  }, LONG);

  it("destroy leaves nothing at either fake", async () => {
    await h.engine.destroy();
    expect(h.aws.resources.size).toBe(0);
    expect(h.cloud.connections(CLUSTER_ID).map((c) => c.status)).toEqual(["STATUS_REJECTED", "STATUS_REJECTED"]);
    expect(h.engine.state.resources).toEqual([]);
  }, LONG);
});
