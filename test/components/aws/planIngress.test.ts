import { describe, expect, it } from "vitest";
import { ingressRuleKey, planIngressRules } from "../../../components/aws/planIngress";

describe("ingress rules", () => {
  it("keys each rule by its source, name-safe", () => {
    expect(ingressRuleKey("10.40.0.0/16")).toBe("10-40-0-0-16");
    expect(ingressRuleKey("sg-0123456789abcdef0")).toBe("sg-0123456789abcdef0");
  });

  it("makes one rule per source with exactly one source field", () => {
    const rules = planIngressRules(["10.0.0.0/8", "192.168.1.0/24"], ["sg-0123456789abcdef0"], 26257);
    expect(rules.map((r) => r.key)).toEqual(["10-0-0-0-8", "192-168-1-0-24", "sg-0123456789abcdef0"]);
    expect(rules[0]).toMatchObject({ cidrIpv4: "10.0.0.0/8" });
    expect(rules[0]?.referencedSecurityGroupId).toBeUndefined();
    expect(rules[2]).toMatchObject({ referencedSecurityGroupId: "sg-0123456789abcdef0" });
    expect(rules[2]?.cidrIpv4).toBeUndefined();
  });

  it("keeps a source's key whatever else is added or removed", () => {
    const before = planIngressRules(["10.0.0.0/8"], ["sg-0123456789abcdef0"], 26257).map((r) => r.key);
    const after = planIngressRules(["172.16.0.0/12", "10.0.0.0/8"], [], 26257).map((r) => r.key);
    expect(after).toContain(before[0]);
  });
});
