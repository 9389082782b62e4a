// Private endpoint connections: the customer's endpoints registered with a cluster. Status is derived from the time of
// the last (re-)attach: PENDING -> PENDING_ACCEPTANCE -> AVAILABLE. DELETE leaves the entry in place as REJECTED, and
// POSTing the same ID again re-attaches it, as the real API does.
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from "./errors";
import type { ServiceView } from "./services";
import type { CloudProvider, FakeConnection, FakeEndpointDeclaration, Plan } from "./types";

export const DEFAULT_ENDPOINT_OWNER_ACCOUNT = "123456789012";

const ENDPOINT_ID_SHAPES: Record<CloudProvider, { pattern: RegExp; hint: string }> = {
  AWS: { pattern: /^vpce-[0-9a-f]{8,17}$/, hint: "an AWS VPC endpoint ID like vpce-0123456789abcdef0" },
  GCP: { pattern: /^[0-9]{1,20}$/, hint: "a GCP Private Service Connect connection ID (digits)" },
};

export interface ConnectionTiming {
  connectionPendingMs: number;
  connectionAcceptMs: number;
}

/** What the connection book needs to know about its cluster. */
export interface ConnectionCluster {
  plan: Plan;
  cloudProvider: CloudProvider;
  regionNames: string[];
  service(regionName: string): ServiceView | undefined;
}

interface ConnectionEntry {
  endpointId: string;
  region: string;
  ownerAccountId: string;
  attachedAt: number;
  rejected: boolean;
  /** Set by the test control setConnectionStatus; wins until the next re-attach. */
  forcedStatus?: string;
}

export class ConnectionBook {
  private readonly entries = new Map<string, ConnectionEntry>();
  private readonly registrationCounts = new Map<string, number>();
  private readonly declarations = new Map<string, FakeEndpointDeclaration>();

  constructor(private readonly cluster: ConnectionCluster) {}

  declare(endpointId: string, declaration: FakeEndpointDeclaration): void {
    this.declarations.set(endpointId, { ...this.declarations.get(endpointId), ...declaration });
  }

  add(endpointId: unknown, now: number, timing: ConnectionTiming): FakeConnection {
    if (typeof endpointId !== "string" || endpointId === "") throw invalidArgument("endpoint_id is required");
    const { plan, cloudProvider } = this.cluster;
    if (plan === "BASIC") throw failedPrecondition("private endpoints are not available on BASIC clusters");
    const shape = ENDPOINT_ID_SHAPES[cloudProvider];
    if (!shape.pattern.test(endpointId)) {
      throw invalidArgument(`invalid endpoint_id "${endpointId}": expected ${shape.hint}`);
    }

    const declared = this.declarations.get(endpointId) ?? {};
    const region = declared.region ?? this.cluster.regionNames[0] ?? "";
    if (!this.cluster.regionNames.includes(region)) {
      throw failedPrecondition(`endpoint ${endpointId} is in region ${region}, where the cluster has no nodes`);
    }
    if (this.cluster.service(region)?.status !== "AVAILABLE") {
      throw failedPrecondition(`no AVAILABLE private endpoint service in region ${region}`);
    }

    const existing = this.entries.get(endpointId);
    if (existing && this.statusOf(existing, now, timing) !== "STATUS_REJECTED") {
      throw alreadyExists(`private endpoint connection ${endpointId} already exists`);
    }
    const entry: ConnectionEntry = {
      endpointId,
      region,
      ownerAccountId: declared.ownerAccountId ?? DEFAULT_ENDPOINT_OWNER_ACCOUNT,
      attachedAt: now,
      rejected: false,
    };
    this.entries.set(endpointId, entry);
    this.registrationCounts.set(endpointId, this.registrations(endpointId) + 1);
    return this.view(entry, now, timing);
  }

  /** The API's DELETE: the entry stays, as REJECTED. */
  reject(endpointId: string): void {
    const entry = this.entries.get(endpointId);
    if (!entry) throw notFound(`private endpoint connection ${endpointId} not found`);
    entry.rejected = true;
    entry.forcedStatus = undefined;
  }

  forceStatus(endpointId: string, status: string): void {
    const entry = this.entries.get(endpointId);
    if (!entry) throw new Error(`fake-cloud: no connection ${endpointId}`);
    entry.forcedStatus = status;
  }

  remove(endpointId: string): void {
    this.entries.delete(endpointId);
  }

  registrations(endpointId: string): number {
    return this.registrationCounts.get(endpointId) ?? 0;
  }

  list(now: number, timing: ConnectionTiming): FakeConnection[] {
    return [...this.entries.values()].map((entry) => this.view(entry, now, timing));
  }

  private statusOf(entry: ConnectionEntry, now: number, timing: ConnectionTiming): string {
    if (entry.forcedStatus !== undefined) return entry.forcedStatus;
    if (entry.rejected) return "STATUS_REJECTED";
    const age = now - entry.attachedAt;
    if (age < timing.connectionPendingMs && age < timing.connectionAcceptMs) return "STATUS_PENDING";
    if (age < timing.connectionAcceptMs) return "STATUS_PENDING_ACCEPTANCE";
    return "STATUS_AVAILABLE";
  }

  private view(entry: ConnectionEntry, now: number, timing: ConnectionTiming): FakeConnection {
    const service = this.cluster.service(entry.region);
    const connection: FakeConnection = {
      endpoint_id: entry.endpointId,
      endpoint_service_id: service?.endpoint_service_id ?? "",
      service_name: service?.name ?? "",
      cloud_provider: this.cluster.cloudProvider,
      region_name: entry.region,
      status: this.statusOf(entry, now, timing),
    };
    if (this.cluster.cloudProvider === "AWS") connection.external_owner_id = entry.ownerAccountId;
    return connection;
  }
}
