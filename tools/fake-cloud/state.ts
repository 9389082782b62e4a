// Everything the fake knows: clusters, settings and the request log. Shared by the HTTP handlers and the test
// controls, which both read time-based state through the same clock.
import { FakeCluster, type ClusterClock } from "./clusters";
import { notFound } from "./errors";
import { FaultDice } from "./faults";
import type { FakeQuirks, Hold } from "./quirks";
import type { FakeCloudOptions, FakeClusterSeed, FakeTiming, RecordedRequest, Role } from "./types";

export type ResolvedTiming = Required<FakeTiming>;

export const DEFAULT_API_KEYS: Record<string, Role> = { "fake-api-key": "CLUSTER_ADMIN" };

const DEFAULT_TIMING: ResolvedTiming = {
  serviceCreateMs: 300,
  connectionPendingMs: 100,
  connectionAcceptMs: 300,
  allowlistPropagationMs: 1000,
};

export class FakeState {
  readonly clusters = new Map<string, FakeCluster>();
  readonly requests: RecordedRequest[] = [];
  readonly apiKeys: Record<string, Role>;
  readonly allowlistPageSize: number;
  readonly dice: FaultDice;
  timing: ResolvedTiming;
  /** Misbehaviours switched on by tests (see quirks.ts). */
  quirks: FakeQuirks = {};
  /** Requests to park when they arrive, each taken by the first match. */
  readonly holds: Hold[] = [];

  constructor(options: FakeCloudOptions) {
    this.apiKeys = { ...(options.apiKeys ?? DEFAULT_API_KEYS) };
    this.allowlistPageSize = options.allowlistPageSize ?? 500;
    this.timing = { ...DEFAULT_TIMING, ...definedOnly(options.timing) };
    this.dice = new FaultDice(options.faults);
    for (const seed of options.clusters ?? []) this.addCluster(seed);
  }

  now(): number {
    return Date.now();
  }

  addCluster(seed: FakeClusterSeed): void {
    if (this.clusters.has(seed.id)) throw new Error(`fake-cloud: cluster ${seed.id} already exists`);
    this.clusters.set(seed.id, new FakeCluster(seed, () => this.clock()));
  }

  setTiming(timing: FakeTiming): void {
    this.timing = { ...this.timing, ...definedOnly(timing) };
  }

  clock(): ClusterClock {
    return { now: this.now(), serviceCreateMs: this.timing.serviceCreateMs };
  }

  /** Lookup for API handlers: unknown clusters are the API's 404. */
  findCluster(clusterId: string): FakeCluster {
    const cluster = this.clusters.get(clusterId);
    if (!cluster) throw notFound(`cluster ${clusterId} not found`);
    return cluster;
  }

  /** Lookup for test controls: an unknown cluster is a mistake in the test, so fail loudly. */
  requireCluster(clusterId: string): FakeCluster {
    const cluster = this.clusters.get(clusterId);
    if (!cluster) throw new Error(`fake-cloud: no cluster ${clusterId}`);
    return cluster;
  }
}

/** Drops keys whose value is undefined, so `{ x: undefined }` does not override a default. */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
