// The vendor-neutral interface endpoint path with a target that is not CockroachDB (TiDB-like: port 4000, no
// registration, private DNS at creation): what it registers, under whose component, and in which order of waits.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type InterfaceEndpointPlan, buildInterfaceEndpoint } from "../../../components/aws/endpoint/interfaceEndpoint";
import { waitForRegistrations } from "../../../tools/mocks/pulumiInternals";
import { type MockWorld, TYPES, byName, byType, setUpMocks } from "./support/mocks";

let world: MockWorld;
beforeAll(async () => {
  world = await setUpMocks();
});
beforeEach(() => world.reset());

class Caller extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Caller", name, {}, {});
  }
}

class Registration extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super("test:index:Registration", name, props, opts);
  }
}

const PLAN: InterfaceEndpointPlan = {
  region: "us-east-1",
  vpcCidrBlock: "10.50.0.0/16",
  subnets: [
    { azId: "use1-az1", cidrBlock: "10.50.16.0/20" },
    { azId: "use1-az2", cidrBlock: "10.50.32.0/20" },
  ],
  serviceAzIds: ["use1-az1", "use1-az2"],
  ingressRules: [{ key: "10-50-0-0-16", cidrIpv4: "10.50.0.0/16", description: "the VPC" }],
  port: 4000,
  privateDns: true,
  tags: { team: "data" },
};

const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

describe("buildInterfaceEndpoint", () => {
  it("with private DNS at creation and no registration: DNS on the endpoint, no EndpointPrivateDns, the wait after the endpoint", async () => {
    const caller = new Caller("tidb");
    const path = buildInterfaceEndpoint(caller, "tidb", PLAN, {
      serviceName: SERVICE,
      securityGroupDescription: "TiDB over PrivateLink",
      privateDns: "atCreation",
    });
    await waitForRegistrations();

    expect(path.registration).toBeUndefined();
    expect(path.endpointPrivateDns).toBeUndefined();
    const children = world.resources.filter((r) => r.parentUrn?.endsWith("test:index:Caller::tidb"));
    expect(children.map((r) => r.name).sort()).toEqual(
      ["tidb-vpc", "tidb-subnet-use1-az1", "tidb-subnet-use1-az2", "tidb-sg", "tidb-sql-10-50-0-0-16", "tidb-endpoint", "tidb-ready"].sort(),
    );
    // The URN's type chain runs through the caller: no component of the path's own in between.
    expect(byName(world.resources, "tidb-endpoint").urn).toContain("test:index:Caller$aws:ec2/vpcEndpoint:VpcEndpoint::tidb-endpoint");

    const endpoint = byName(world.resources, "tidb-endpoint");
    expect(endpoint.inputs).toMatchObject({ serviceName: SERVICE, privateDnsEnabled: true, vpcEndpointType: "Interface" });
    const [rule] = byType(world.resources, TYPES.ingressRule);
    expect(rule?.inputs).toMatchObject({ fromPort: 4000, toPort: 4000, cidrIpv4: "10.50.0.0/16" });
    expect(byName(world.resources, "tidb-sg").inputs.description).toBe("TiDB over PrivateLink");
    const ready = byName(world.resources, "tidb-ready");
    expect(ready.dependencyUrns).toEqual(expect.arrayContaining([endpoint.urn, rule?.urn]));
  });

  it("with private DNS after registration: the registration is the caller's child, DNS waits for it", async () => {
    const caller = new Caller("crdb");
    const path = buildInterfaceEndpoint(caller, "crdb", PLAN, {
      serviceName: SERVICE,
      securityGroupDescription: "SQL",
      privateDns: "afterRegistration",
      register: (endpointId, parent) => new Registration("crdb-connection", { endpointId }, { parent }),
    });
    await waitForRegistrations();

    const endpoint = byName(world.resources, "crdb-endpoint");
    expect(endpoint.inputs.privateDnsEnabled).toBeUndefined();
    const registration = byName(world.resources, "crdb-connection");
    expect(registration.parentUrn).toMatch(/test:index:Caller::crdb$/);
    expect(registration.propertyDependencyUrns.endpointId).toEqual([endpoint.urn]);
    const dns = byName(world.resources, "crdb-private-dns");
    expect(dns.dependencyUrns).toContain(registration.urn);
    expect(byName(world.resources, "crdb-ready").dependencyUrns).toContain(dns.urn);
    expect(path.endpointPrivateDns).toBeDefined();
  });
});
