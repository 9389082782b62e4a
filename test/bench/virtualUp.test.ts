// The simulated `pulumi up` runs the real program: its graph is the program's, and the program adds no wait the graph
// does not need (simulated time equals the graph's lower bound when slots are not scarce).
import { describe, expect, it } from "vitest";
import { tasksOf } from "../../bench/deploy/graph";
import { lowerBound, schedule } from "../../bench/deploy/scheduler";
import { devStackConfig, multiRegionConfig } from "../../bench/deploy/stacks";
import { virtualUp } from "../../bench/deploy/virtualUp";

describe("virtualUp", () => {
  it("deploys the dev stack in the graph's lower bound, along endpoint -> connection -> DNS -> ready", async () => {
    const up = await virtualUp("dev", devStackConfig(), { parallelism: 8, scenario: "existing" });
    const tasks = tasksOf(up.resources, "existing");
    const bound = lowerBound(tasks);
    expect(up.makespanS).toBe(bound.makespanS);
    expect(up.makespanS).toBe(12 + 4 + 60 + 30 + 2 + 120);
    expect(bound.path.map((urn) => urn.split("::").at(-1))).toEqual([
      "crdb-us-east-1-vpc",
      "crdb-us-east-1-sg",
      "crdb-us-east-1-endpoint",
      "crdb-us-east-1-connection",
      "crdb-us-east-1-private-dns",
      "crdb-us-east-1-ready",
    ]);
    // 1 services + VPC + 3 subnets + SG + 1 rule + endpoint + connection + DNS + ready.
    expect(tasks).toHaveLength(11);
  });

  it("puts the services' creation on the path when they are created in this run", async () => {
    const up = await virtualUp("dev", devStackConfig(), { parallelism: 8, scenario: "created" });
    expect(up.makespanS).toBe(300 + 60 + 30 + 2 + 120);
  });

  it("queues three regions behind two slots like the engine model does", async () => {
    const up = await virtualUp("three", multiRegionConfig(3), { parallelism: 2, scenario: "existing" });
    const tasks = tasksOf(up.resources, "existing");
    expect(tasks).toHaveLength(1 + 3 * 10);
    expect(up.makespanS).toBeGreaterThan(lowerBound(tasks).makespanS);
    // The same slots over the recorded graph, give or take the order the program registers in.
    expect(Math.abs(up.makespanS - schedule(tasks, 2).makespanS)).toBeLessThanOrEqual(0.05 * up.makespanS);
  });
});
