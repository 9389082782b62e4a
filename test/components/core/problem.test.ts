// The one shape of a problem with an input: its one-line format, the collector that throws every problem at once,
// and the library errors and value checks that speak it.
import { describe, expect, it } from "vitest";
import { AwsPrivateLinkArgumentError, ProblemList as AwsProblemList } from "../../../components/aws/errors";
import { checkAwsPrivateLinkArgs } from "../../../components/aws/planArgs";
import { checkSourceCidr } from "../../../components/core/checks";
import { describeProblem, formatValue, type Problem, ProblemList } from "../../../components/core/problem";

describe("describeProblem", () => {
  it("writes key, value as JSON, reason and what is allowed on one line", () => {
    const problem = { value: ["10.0.0.1/8"], reason: "host bits are set", allowed: "a network address" };
    expect(describeProblem("allowedCidrs", problem)).toBe('allowedCidrs = ["10.0.0.1/8"]: host bits are set. Allowed: a network address.');
  });

  it("says (not set) for a missing value and cuts a long one at 120 characters", () => {
    expect(formatValue(undefined)).toBe("(not set)");
    const long = formatValue("x".repeat(500));
    expect(long).toHaveLength(120);
    expect(long.endsWith("...")).toBe(true);
  });
});

describe("ProblemList", () => {
  it("throws nothing while empty, then every problem at once as the caller's error", () => {
    const problems = new ProblemList();
    expect(() => problems.throwIfAny(() => new Error("never"))).not.toThrow();
    problems.add("port", 0, "not a TCP port", "an integer from 1 to 65535");
    problems.addProblem({ argument: "region", value: "mars-1", reason: "not an AWS region code", allowed: "us-east-1" });
    let seen: Problem[] = [];
    expect(() =>
      problems.throwIfAny((all) => {
        seen = all;
        return new Error(`${all.length} problems`);
      }),
    ).toThrow("2 problems");
    expect(seen.map((p) => p.argument)).toEqual(["port", "region"]);
  });

  it("AWS's list throws an AwsPrivateLinkArgumentError naming the component", () => {
    const problems = new AwsProblemList();
    problems.add("port", 0, "not a TCP port", "an integer from 1 to 65535");
    expect(() => problems.throwIfAny("orders")).toThrow(AwsPrivateLinkArgumentError);
    expect(() => problems.throwIfAny("orders")).toThrow('AwsPrivateLink "orders": port = 0: not a TCP port. Allowed: an integer from 1 to 65535.');
  });
});

describe("the library speaks it", () => {
  it("a value check's verdict is the reason and allowed of the argument error's problem", () => {
    const invalid = checkSourceCidr("10.0.0.1/8");
    try {
      checkAwsPrivateLinkArgs("orders", { clusterId: "1f69fdd2-600a-4cfc-a9ba-16995df0d77d", vpc: { cidrBlock: "10.40.0.0/16" }, allowedCidrs: ["10.0.0.1/8"] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AwsPrivateLinkArgumentError);
      expect((err as AwsPrivateLinkArgumentError).problems[0]).toEqual({ argument: "allowedCidrs[0]", value: "10.0.0.1/8", ...invalid });
    }
  });
});
