// The engine's step logic on its own (no runner, no provider host): registrations as the monitor would hand them
// over, AWS resources at the fake, state through the real state file.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Deployment, type Providers, dependencyOrder } from "../../../tools/engine/deployment";
import { FakeAws } from "../../../tools/engine/fakeAws";
import type { Registration } from "../../../tools/engine/monitor";
import { SECRET_SIG, SIG_KEY, secret } from "../../../tools/engine/protocol";
import { type StackState, StateFile } from "../../../tools/engine/state";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const urn = (type: string, name: string) => `urn:pulumi:t::p::${type}::${name}`;

function reg(type: string, name: string, inputs: Record<string, unknown>, dependencies: string[] = [], extra: Partial<Registration> = {}): Registration {
  return {
    urn: urn(type, name), type, name, parent: "", custom: true, inputs, dependencies, propertyDependencies: {}, provider: "",
    deleteBeforeReplace: false, ignoreChanges: [], replaceOnChanges: [], additionalSecretOutputs: [], atMs: 0, ...extra,
  };
}

const noDynamic = () => Promise.reject(new Error("no dynamic resources in this test"));
const noInvoke = () => Promise.reject(new Error("no invokes in this test"));

/** One `up` (or preview) of the given registrations, in order, each after the previous completed. */
async function deploy(aws: FakeAws, state: StackState, regs: ((ids: Record<string, string>) => Registration)[], preview = false) {
  const providers: Providers = { aws, dynamic: noDynamic };
  const deployment = new Deployment(state, preview, providers, noInvoke);
  const ids: Record<string, string> = {};
  for (const make of regs) {
    const r = make(ids);
    ids[r.name] = (await deployment.register(r)).id;
  }
  return { state: await deployment.finish(), steps: deployment.steps, ids };
}

const vpc = (cidr: string) => () => reg(VPC, "vpc", { cidrBlock: cidr, tags: { a: "1" } });
const subnet = (cidr: string) => (ids: Record<string, string>) => reg(SUBNET, "subnet", { vpcId: ids.vpc, cidrBlock: cidr }, [urn(VPC, "vpc")]);

let tmp: string | undefined;
afterEach(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
});

describe("engine steps", () => {
  it("a preview creates nothing and returns no IDs", async () => {
    const aws = new FakeAws("us-east-1");
    const { steps, ids } = await deploy(aws, { resources: [] }, [vpc("10.0.0.0/16"), subnet("10.0.0.0/20")], true);
    expect(steps.map((s) => s.op)).toEqual(["create", "create"]);
    expect(ids).toEqual({ vpc: "", subnet: "" });
    expect(aws.events).toEqual([]);
  });

  it("replaces create-before-delete: the new subnet exists before the old one is deleted", async () => {
    const aws = new FakeAws("us-east-1");
    const first = await deploy(aws, { resources: [] }, [vpc("10.0.0.0/16"), subnet("10.0.0.0/20")]);
    const second = await deploy(aws, first.state, [vpc("10.0.0.0/16"), subnet("10.0.16.0/20")]);
    expect(second.steps.map((s) => [s.op, s.urn.split("::").pop(), s.keys])).toEqual([
      ["same", "vpc", []],
      ["replace", "subnet", ["cidrBlock"]],
      ["delete", "subnet", []],
    ]);
    const created = aws.events.find((e) => e.action === "create" && e.id === second.ids.subnet)!;
    const deleted = aws.events.find((e) => e.action === "delete" && e.id === first.ids.subnet)!;
    expect(created.seq).toBeLessThan(deleted.seq);
    expect(aws.ids(SUBNET)).toEqual([second.ids.subnet]);
  });

  it("a tag change is an update in place, keeping the ID", async () => {
    const aws = new FakeAws("us-east-1");
    const first = await deploy(aws, { resources: [] }, [vpc("10.0.0.0/16")]);
    const second = await deploy(aws, first.state, [() => reg(VPC, "vpc", { cidrBlock: "10.0.0.0/16", tags: { a: "2" } })]);
    expect(second.steps.map((s) => [s.op, s.keys])).toEqual([["update", ["tags"]]]);
    expect(second.ids.vpc).toBe(first.ids.vpc);
    expect(aws.read(VPC, first.ids.vpc!)).toMatchObject({ tags: { a: "2" } });
  });

  it("deletes what the program no longer registers, dependents first", async () => {
    const aws = new FakeAws("us-east-1");
    const first = await deploy(aws, { resources: [] }, [vpc("10.0.0.0/16"), subnet("10.0.0.0/20")]);
    const second = await deploy(aws, first.state, []);
    expect(second.steps.map((s) => [s.op, s.urn.split("::").pop()])).toEqual([["delete", "subnet"], ["delete", "vpc"]]);
    expect(second.state.resources).toEqual([]);
    expect(aws.resources.size).toBe(0);
  });

  it("keeps resources in dependency order whatever order they are listed in", () => {
    const r = (name: string, deps: string[]) => ({ urn: name, type: "t", custom: true, id: "", parent: "", provider: "aws" as const, inputs: {}, outputs: {}, dependencies: deps });
    expect(dependencyOrder([r("c", ["b"]), r("b", ["a"]), r("a", [])]).map((x) => x.urn)).toEqual(["a", "b", "c"]);
  });
});

describe("state file", () => {
  it("stores secret values (including additionalSecretOutputs) encrypted, and reads them back", async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "engine-state-"));
    const file = new StateFile(path.join(tmp, "state.json"), "passphrase");
    const aws = new FakeAws("us-east-1");
    const { state } = await deploy(aws, { resources: [] }, [
      () => reg(VPC, "vpc", { cidrBlock: "10.0.0.0/16", tags: { token: secret("s3cret-tag-value") } }, [], { additionalSecretOutputs: ["arn"] }),
    ]);
    file.save(state);
    const text = fs.readFileSync(file.path, "utf8");
    expect(text).not.toContain("s3cret-tag-value");
    expect(text).not.toContain("arn:aws:ec2");
    const loaded = file.load().resources[0]!;
    expect(loaded.inputs.tags).toEqual({ token: { [SIG_KEY]: SECRET_SIG, value: "s3cret-tag-value" } });
    expect(loaded.outputs.arn).toEqual({ [SIG_KEY]: SECRET_SIG, value: expect.stringMatching(/^arn:aws:ec2:us-east-1:/) });
    expect(() => new StateFile(file.path, "wrong passphrase").load()).toThrow();
  });
});
