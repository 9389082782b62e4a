// The engine model behind the deploy critical-path bench: readiness, slots, first-ready-first-served, lower bound.
import { describe, expect, it } from "vitest";
import { lowerBound, schedule, serialTime, SlotScheduler, type Task } from "../../bench/deploy/scheduler";

// One region as the bench models it (services existing): the endpoint waits for subnets, SG and services.
const REGION: Task[] = [
  { id: "services", durationS: 6, deps: [] },
  { id: "vpc", durationS: 12, deps: [] },
  { id: "subnet-a", durationS: 1, deps: ["vpc"] },
  { id: "subnet-b", durationS: 1, deps: ["vpc"] },
  { id: "sg", durationS: 4, deps: ["vpc"] },
  { id: "rule", durationS: 1, deps: ["sg"] },
  { id: "endpoint", durationS: 60, deps: ["subnet-a", "subnet-b", "sg", "services"] },
  { id: "connection", durationS: 30, deps: ["endpoint"] },
  { id: "dns", durationS: 2, deps: ["connection"] },
  { id: "ready", durationS: 120, deps: ["dns", "rule"] },
];

function region(prefix: string): Task[] {
  return REGION.map((t) => ({ ...t, id: `${prefix}/${t.id}`, deps: t.deps.map((d) => `${prefix}/${d}`) }));
}

describe("lowerBound", () => {
  it("is the longest chain, and names it", () => {
    const { makespanS, path } = lowerBound(REGION);
    expect(makespanS).toBe(12 + 4 + 60 + 30 + 2 + 120);
    expect(path).toEqual(["vpc", "sg", "endpoint", "connection", "dns", "ready"]);
  });

  it("moves to the services branch when it is the longer one", () => {
    const slowServices = REGION.map((t) => (t.id === "services" ? { ...t, durationS: 300 } : t));
    expect(lowerBound(slowServices)).toEqual({ makespanS: 300 + 212, path: ["services", "endpoint", "connection", "dns", "ready"] });
  });

  it("rejects a cycle and an unknown dependency", () => {
    expect(() => lowerBound([{ id: "a", durationS: 1, deps: ["b"] }, { id: "b", durationS: 1, deps: ["a"] }])).toThrow(/cycle/);
    expect(() => lowerBound([{ id: "a", durationS: 1, deps: ["ghost"] }])).toThrow("task a depends on unknown task ghost");
  });
});

describe("schedule", () => {
  it("equals the lower bound when slots are not scarce", () => {
    expect(schedule(REGION, 8).makespanS).toBe(lowerBound(REGION).makespanS);
  });

  it("runs everything one after another with one slot", () => {
    expect(schedule(REGION, 1).makespanS).toBe(serialTime(REGION));
    expect(serialTime(REGION)).toBe(237);
  });

  it("starts an operation when its last dependency finishes, not before", () => {
    const byId = new Map(schedule(REGION, 8).tasks.map((t) => [t.id, t]));
    expect(byId.get("endpoint")).toEqual({ id: "endpoint", readyS: 16, startS: 16, finishS: 76 });
    expect(byId.get("ready")).toEqual({ id: "ready", readyS: 108, startS: 108, finishS: 228 });
  });

  it("queues ready operations first come, first served when the slots are taken", () => {
    const waits: Task[] = ["a", "b", "c"].map((id) => ({ id, durationS: 10, deps: [] }));
    const result = schedule(waits, 2);
    expect(result.makespanS).toBe(20);
    expect(result.tasks.find((t) => t.id === "c")).toEqual({ id: "c", readyS: 0, startS: 10, finishS: 20 });
  });

  it("lets slot-free operations (components) run beside full slots", () => {
    const tasks: Task[] = [
      { id: "long", durationS: 100, deps: [] },
      { id: "component", durationS: 0, deps: [], usesSlot: false },
      { id: "after", durationS: 5, deps: ["component"] },
    ];
    expect(schedule(tasks, 1).tasks.find((t) => t.id === "after")).toEqual({ id: "after", readyS: 0, startS: 100, finishS: 105 });
    expect(schedule(tasks, 2).makespanS).toBe(100);
  });

  it("makes twenty regions wait for slots at parallelism 8, and not at 200", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => region(`r${i}`)).flat();
    const atEight = schedule(twenty, 8).makespanS;
    expect(atEight).toBeGreaterThan(2 * lowerBound(twenty).makespanS);
    expect(schedule(twenty, 200).makespanS).toBe(228);
  });
});

describe("SlotScheduler", () => {
  it("advances to the next completion and reports what finished then", () => {
    const s = new SlotScheduler(1);
    s.submit("x", 5);
    s.submit("y", 3);
    expect(s.advance()).toEqual([{ id: "x", readyS: 0, startS: 0, finishS: 5 }]);
    expect(s.now).toBe(5);
    expect(s.advance()).toEqual([{ id: "y", readyS: 0, startS: 5, finishS: 8 }]);
    expect(s.idle).toBe(true);
    expect(s.advance()).toEqual([]);
  });

  it("refuses nonsense", () => {
    expect(() => new SlotScheduler(0)).toThrow("parallelism must be at least 1, got 0");
    expect(() => new SlotScheduler(1).submit("x", -1)).toThrow("task x: duration must be >= 0 seconds, got -1");
  });
});
