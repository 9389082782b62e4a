// Fault dice. Every request that is eligible for faults draws the same number of values from a seeded PRNG, so a run
// with the same seed and the same request sequence injects exactly the same faults.
import type { FakeFaults } from "./types";

export type BeforeFault = "drop-before" | "unavailable" | "rate-limit";

export interface FaultDecision {
  /** A fault that replaces handling entirely. */
  before?: BeforeFault;
  /** Delay handling by slowMs. */
  slow: boolean;
  /** Apply the mutation, then drop the socket instead of answering. */
  dropAfter: boolean;
}

export type ResolvedFaults = Required<Omit<FakeFaults, "methods">> & { methods?: string[] };

const NO_FAULT: FaultDecision = { slow: false, dropAfter: false };
const DRAWS_PER_REQUEST = 5;

export function resolveFaults(faults: FakeFaults = {}): ResolvedFaults {
  return {
    unavailableRate: faults.unavailableRate ?? 0,
    rateLimitRate: faults.rateLimitRate ?? 0,
    retryAfterSeconds: faults.retryAfterSeconds ?? 1,
    dropBeforeRate: faults.dropBeforeRate ?? 0,
    dropAfterRate: faults.dropAfterRate ?? 0,
    slowRate: faults.slowRate ?? 0,
    slowMs: faults.slowMs ?? 0,
    methods: faults.methods?.map((m) => m.toUpperCase()),
    seed: faults.seed ?? 1,
  };
}

/** mulberry32: a tiny, well-distributed 32-bit PRNG; returns values in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isMutation(method: string): boolean {
  return MUTATING_METHODS.has(method.toUpperCase());
}

export class FaultDice {
  private faults: ResolvedFaults;
  private random: () => number;

  constructor(faults?: FakeFaults) {
    this.faults = resolveFaults(faults);
    this.random = mulberry32(this.faults.seed);
  }

  get settings(): ResolvedFaults {
    return this.faults;
  }

  /** Replaces the settings and restarts the dice from the (new) seed. */
  reset(faults?: FakeFaults): void {
    this.faults = resolveFaults(faults);
    this.random = mulberry32(this.faults.seed);
  }

  decide(method: string): FaultDecision {
    const f = this.faults;
    const upper = method.toUpperCase();
    if (f.methods && !f.methods.includes(upper)) return NO_FAULT;
    const draws = Array.from({ length: DRAWS_PER_REQUEST }, this.random);
    const [dropBefore, unavailable, rateLimit, slow, dropAfter] = draws as [number, number, number, number, number];
    const decision: FaultDecision = {
      slow: slow < f.slowRate,
      dropAfter: isMutation(upper) && dropAfter < f.dropAfterRate,
    };
    if (dropBefore < f.dropBeforeRate) decision.before = "drop-before";
    else if (unavailable < f.unavailableRate) decision.before = "unavailable";
    else if (rateLimit < f.rateLimitRate) decision.before = "rate-limit";
    return decision;
  }
}
