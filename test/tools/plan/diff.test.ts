// diffPlans on hand-made plans: deletes, plans written by older versions (unknowns as text, no URNs), and a
// replacement rippling through unknown inputs into our dynamic resources.
import { describe, expect, it } from "vitest";
import { diffPlans } from "../../../tools/plan/diff";
import type { PlanDocument, PlanNode } from "../../../tools/plan/planDocument";

const U = { unknown: true };

function node(type: string, name: string, inputs: Record<string, unknown>, inputSources: Record<string, string[]> = {}): PlanNode {
  return { urn: `urn:pulumi:dev::p::${type}::${name}`, type, name, inputs, inputSources, dependsOn: [], children: [] };
}

function plan(resources: PlanNode[]): PlanDocument {
  return {
    stack: "dev",
    project: "p",
    sources: { cockroach: "", aws: "", secretsLeftOut: [] },
    resourceCount: resources.length,
    resources,
    outputs: {},
    warnings: [],
    policies: [],
  };
}

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const CONNECTION = "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("diffPlans", () => {
  it("deletes what only the base has and leaves equal resources alone", () => {
    const keep = node(RULE, "keep", { cidrIpv4: "10.0.0.0/16", fromPort: 26257 });
    const gone = node(RULE, "gone", { cidrIpv4: "10.1.0.0/16", fromPort: 26257 });
    const diff = diffPlans(plan([keep, gone]), plan([keep]), "main");
    expect(diff).toEqual({ base: "main", unchanged: 1, changes: [{ urn: gone.urn, type: RULE, name: "gone", action: "delete", inputs: [] }] });
  });

  it("reads plans of older versions: unknowns written as text and URNs computed from the tree", () => {
    const old = { ...node(ENDPOINT, "ep", { serviceName: "(known after deploy)", subnetIds: ["(known after deploy)"] }), urn: undefined } as unknown as PlanNode;
    const now = node(ENDPOINT, "ep", { serviceName: U, subnetIds: [U] });
    now.urn = "urn:pulumi:dev::p::aws:ec2/vpcEndpoint:VpcEndpoint::ep";
    expect(diffPlans(plan([old]), plan([now]), "v0.1").changes).toEqual([]);
  });

  it("replaces what is built on a replaced resource, through unknown inputs, dynamic resources included", () => {
    const base = plan([
      node(ENDPOINT, "ep", { serviceName: "svc-a", vpcId: U }),
      node(CONNECTION, "conn", { clusterId: "c", endpointId: U }, { endpointId: ["ep"] }),
      node(RULE, "rule", { cidrIpv4: "10.0.0.0/16", securityGroupId: "sg-1" }),
    ]);
    const head = plan([
      node(ENDPOINT, "ep", { serviceName: "svc-b", vpcId: U }),
      node(CONNECTION, "conn", { clusterId: "c", endpointId: U }, { endpointId: ["ep"] }),
      node(RULE, "rule", { cidrIpv4: "10.0.0.0/8", securityGroupId: "sg-1" }),
    ]);
    const diff = diffPlans(base, head, "main");
    expect(diff.changes.map((c) => [c.action, c.name, c.inputs])).toEqual([
      ["replace", "ep", [{ key: "serviceName", old: "svc-a", new: "svc-b", replaces: true }]],
      ["replace", "conn", [{ key: "endpointId", old: U, new: U, replaces: true }]],
      // The VPC-level rule changes its source in place.
      ["update", "rule", [{ key: "cidrIpv4", old: "10.0.0.0/16", new: "10.0.0.0/8", replaces: false }]],
    ]);
    expect(diff.unchanged).toBe(0);
  });
});
