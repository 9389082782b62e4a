// Public contract of the fake CockroachDB Cloud API. Tests of the client and the dynamic resources code against
// this interface; the server implementation may grow, but must not break it.

import type { FakeQuirks, HeldRequest } from "./quirks";

export type { FakeQuirks, HeldRequest };
export type Plan = "BASIC" | "STANDARD" | "ADVANCED";
export type CloudProvider = "AWS" | "GCP";
export type ClusterState = "CREATING" | "CREATED" | "CREATION_FAILED" | "DELETED" | "LOCKED";
export type Role = "ORG_ADMIN" | "CLUSTER_ADMIN" | "CLUSTER_OPERATOR_WRITER" | "CLUSTER_DEVELOPER";

export interface FakeRegionSeed {
  /** Cloud region code, e.g. "us-east-1". */
  name: string;
  /** AZ IDs of the region's endpoint service. @default derived from the region, e.g. use1-az1..az3 */
  availabilityZoneIds?: string[];
}

export interface FakeClusterSeed {
  id: string;
  name?: string;
  plan: Plan;
  cloudProvider: CloudProvider;
  regions: FakeRegionSeed[];
  /** @default "CREATED" */
  state?: ClusterState;
  /** Whether endpoint services already exist. @default plan !== "ADVANCED" (Standard/Basic have them built in) */
  servicesExist?: boolean;
  /**
   * Make the next services create end in CREATE_FAILED for this region. The flag is used up by that create: a later
   * POST restarts the failed service, which then becomes AVAILABLE. @default none
   */
  failServiceCreateIn?: string;
}

export interface FakeTiming {
  /** CREATING -> AVAILABLE for endpoint services created through POST. @default 300 */
  serviceCreateMs?: number;
  /** Connection PENDING -> PENDING_ACCEPTANCE. @default 100 */
  connectionPendingMs?: number;
  /** Connection PENDING_ACCEPTANCE -> AVAILABLE (measured from the add). @default 300 */
  connectionAcceptMs?: number;
  /** How long the allowlist list reports `propagating: true` after a change. @default 1000 */
  allowlistPropagationMs?: number;
}

export interface FakeFaults {
  /** Fraction of requests answered 503 before they are handled. @default 0 */
  unavailableRate?: number;
  /** Fraction of requests answered 429 with Retry-After before they are handled. @default 0 */
  rateLimitRate?: number;
  /** Retry-After value sent with injected 429s, in seconds (may be fractional, e.g. "0.05"). @default 1 */
  retryAfterSeconds?: number;
  /** Fraction of requests whose socket is destroyed before they are handled. @default 0 */
  dropBeforeRate?: number;
  /** Fraction of mutations that are applied, after which the socket is destroyed (the client never sees the answer). @default 0 */
  dropAfterRate?: number;
  /** Fraction of requests delayed by slowMs. @default 0 */
  slowRate?: number;
  /** @default 0 */
  slowMs?: number;
  /** Only inject faults on requests whose method is in this list. @default all methods */
  methods?: string[];
  /** Seed of the fault dice, so a faulty run is reproducible. @default 1 */
  seed?: number;
}

export interface FakeCloudOptions {
  /** API keys the fake accepts, with the role each has on every cluster. @default { "fake-api-key": "CLUSTER_ADMIN" } */
  apiKeys?: Record<string, Role>;
  clusters?: FakeClusterSeed[];
  timing?: FakeTiming;
  faults?: FakeFaults;
  /** Page size of the allowlist list endpoint when the client does not ask for one. @default 500 */
  allowlistPageSize?: number;
  /** Port to listen on, 0 for a random free port. @default 0 */
  port?: number;
  /**
   * Called once the outcome of each request is known (status sent, or 0 when dropped). The record holds the
   * Authorization header: print only the fields you need. @default none
   */
  onRequestDone?: (request: RecordedRequest) => void;
}

export interface RecordedRequest {
  method: string;
  /** Path without query string, e.g. /api/v1/clusters/<id>/networking/private-endpoint-connections */
  path: string;
  query: Record<string, string>;
  /** HTTP status sent, or 0 when the socket was dropped. */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
  /** Whether a fault was injected into this request, and which ("drop-after" wins when a request was also slow). */
  fault?: "unavailable" | "rate-limit" | "drop-before" | "drop-after" | "slow";
  /** The Authorization header as received (tests assert it is sent; the fake never logs it). */
  authorization?: string;
  ccVersion?: string;
  userAgent?: string;
}

export interface FakeConnection {
  endpoint_id: string;
  endpoint_service_id: string;
  service_name: string;
  cloud_provider: CloudProvider;
  region_name: string;
  status: string;
  external_owner_id?: string;
}

/** Facts about a customer endpoint that the fake cannot see on its own (it has no AWS or GCP behind it). */
export interface FakeEndpointDeclaration {
  /** Region the endpoint lives in. @default the cluster's first region */
  region?: string;
  /** AWS account that owns the endpoint, reported as external_owner_id. @default "123456789012" */
  ownerAccountId?: string;
}

export interface FakeCloud {
  /** Base URL to use as COCKROACH_SERVER, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;

  addCluster(seed: FakeClusterSeed): void;
  /** LOCKED makes mutations fail with 409 "cluster lock is held"; unlockAfterMs returns it to CREATED. */
  setClusterState(clusterId: string, state: ClusterState, unlockAfterMs?: number): void;
  /** Replaces every fault setting (omitted ones fall back to their defaults) and reseeds the dice. */
  setFaults(faults: FakeFaults): void;
  /** Merges into the current timing. State is computed on read, so new timing applies to existing entries too. */
  setTiming(timing: FakeTiming): void;
  /** Force a connection's status (e.g. STATUS_STALE, STATUS_REJECTED) to simulate drift. */
  setConnectionStatus(clusterId: string, endpointId: string, status: string): void;
  /** Remove a connection entry entirely (it vanishes from the list). */
  removeConnection(clusterId: string, endpointId: string): void;

  /** Current state as the API would report it now. */
  connections(clusterId: string): FakeConnection[];
  services(clusterId: string): unknown[];
  allowlist(clusterId: string): { cidr_ip: string; cidr_mask: number; ui: boolean; sql: boolean; name?: string }[];
  trustedOwners(clusterId: string): { id: string; type: string; external_owner_id: string }[];
  /** How many times an endpoint was registered: POSTs that created or re-attached (REJECTED -> PENDING) an entry. */
  registrations(clusterId: string, endpointId: string): number;
  /** How many services-create POSTs the fake received for the cluster, whatever their outcome (errors, faults too). */
  serviceCreateCalls(clusterId: string): number;
  /** Largest number of requests that arrived within any rolling 1000 ms window. */
  maxRequestsPerSecond(): number;

  /**
   * Say where an endpoint lives and who owns it, before or after it is added. Used by the next add or re-attach.
   * Optional in this interface; the object startFakeCloud returns always has it (see FakeCloudServer).
   */
  declareEndpoint?(clusterId: string, endpointId: string, declaration: FakeEndpointDeclaration): void;
  /** The Cluster object GET /api/v1/clusters/{id} would return now. Always present on FakeCloudServer. */
  cluster?(clusterId: string): unknown;
  /** Replaces the misbehaviours (see FakeQuirks); `{}` switches them all off. Always present on FakeCloudServer. */
  setQuirks?(quirks: FakeQuirks): void;
  /**
   * Parks the first request whose method matches and whose path ends with `pathEnd` until released. Always
   * present on FakeCloudServer.
   */
  hold?(method: string, pathEnd: string): HeldRequest;
}

/** What startFakeCloud actually returns: the contract with every optional control method present. */
export type FakeCloudServer = FakeCloud & Required<Pick<FakeCloud, "declareEndpoint" | "cluster" | "setQuirks" | "hold">>;

export type StartFakeCloud = (options?: FakeCloudOptions) => Promise<FakeCloud>;
