// The CockroachDB target as a value, and its endpoint-service rule: the planner and the services provider ask the
// same function who creates the services, so they cannot disagree about a plan.
import { describe, expect, it } from "vitest";
import { cockroachTarget, deploymentCreatesEndpointServices } from "../../../components/cockroach/target";
import { serviceOutlook } from "../../../components/aws/planService";
import type { ClusterFacts, EndpointServiceFacts } from "../../../components/aws/facts";

const cluster = (plan: string): ClusterFacts =>
  ({ id: "1f69fdd2-600a-4cfc-a9ba-16995df0d77d", name: "orders", plan, cloudProvider: "AWS", state: "CREATED", regions: [] }) as unknown as ClusterFacts;

describe("cockroachTarget", () => {
  it("carries CockroachDB's facts: port, registration, private DNS after acceptance, the private host", () => {
    expect(cockroachTarget.port).toBe(26257);
    expect(cockroachTarget.registersEndpoint).toBe(true);
    expect(cockroachTarget.privateDns).toBe("afterRegistration");
    expect(cockroachTarget.privateHost({ internalDns: "internal-orders.aws-us-east-1.cockroachlabs.cloud" })).toBe(
      "internal-orders.aws-us-east-1.cockroachlabs.cloud",
    );
    expect(cockroachTarget.privateHost(undefined)).toBe("");
    expect(cockroachTarget.securityGroupDescription("c-1")).toBe("CockroachDB SQL over PrivateLink to cluster c-1");
  });

  it("a deployment creates endpoint services on Advanced only (or a dedicated cluster without a plan)", () => {
    expect(deploymentCreatesEndpointServices({ plan: "ADVANCED" })).toBe(true);
    expect(deploymentCreatesEndpointServices({ plan: "STANDARD" })).toBe(false);
    expect(deploymentCreatesEndpointServices({ plan: "BASIC", dedicated: true })).toBe(false);
    expect(deploymentCreatesEndpointServices({ plan: "", dedicated: true })).toBe(true);
    expect(deploymentCreatesEndpointServices({})).toBe(false);
  });

  it("planning follows the same rule: missing or CREATE_FAILED is deferred on Advanced, a problem on Standard", () => {
    const failed: EndpointServiceFacts = { regionName: "us-east-1", status: "CREATE_FAILED", availabilityZoneIds: [] };
    for (const service of [undefined, failed]) {
      const advanced = serviceOutlook(cluster("ADVANCED"), "us-east-1", service, "one subnet per AZ");
      expect(advanced.problem).toBeUndefined();
      expect(advanced.warning).toMatch(/at deploy time/);
      const standard = serviceOutlook(cluster("STANDARD"), "us-east-1", service, "one subnet per AZ");
      expect(standard.warning).toBeUndefined();
      expect(standard.problem?.argument).toBe("region");
    }
  });
});
