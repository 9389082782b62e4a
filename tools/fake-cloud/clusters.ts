// One fake cluster: its identity, lifecycle state (LOCKED until a deadline, computed on read) and the networking
// state held by the other modules, plus the Cluster object the API returns for it.
import { Allowlist } from "./allowlist";
import { ConnectionBook } from "./connections";
import { digestHex, digestUuid } from "./ids";
import { clusterAccountId, clusterHostLabel, regionHosts } from "./naming";
import { EndpointServices, type ServiceView } from "./services";
import { TrustedOwnerBook } from "./trustedOwners";
import type { CloudProvider, ClusterState, FakeClusterSeed, FakeRegionSeed, Plan } from "./types";

const COCKROACH_VERSION = "v25.2.4";
/** Fixed creation time, so Cluster objects are identical across runs. */
const CREATED_AT = "2025-01-15T10:00:00.000Z";
/** Default CIDR of GCP ADVANCED clusters (what the API reports when none was chosen at creation). */
const GCP_DEFAULT_CIDR = "172.28.0.0/14";

/** The parts of the fake's settings that a cluster's computed state depends on. */
export interface ClusterClock {
  now: number;
  serviceCreateMs: number;
}

export class FakeCluster {
  readonly id: string;
  readonly name: string;
  readonly plan: Plan;
  readonly cloudProvider: CloudProvider;
  readonly regions: FakeRegionSeed[];
  readonly services: EndpointServices;
  readonly connections: ConnectionBook;
  readonly allowlist = new Allowlist();
  readonly trustedOwners: TrustedOwnerBook;
  private state: ClusterState;
  private unlockAt: number | undefined;
  private readonly clock: () => ClusterClock;

  constructor(seed: FakeClusterSeed, clock: () => ClusterClock) {
    this.clock = clock;
    if (seed.regions.length === 0) throw new Error(`fake-cloud: cluster ${seed.id} needs at least one region`);
    this.id = seed.id;
    this.name = seed.name ?? `fake-${seed.plan.toLowerCase()}`;
    this.plan = seed.plan;
    this.cloudProvider = seed.cloudProvider;
    this.regions = seed.regions.map((r) => ({ ...r }));
    this.state = seed.state ?? "CREATED";
    this.services = new EndpointServices(
      seed.id,
      seed.cloudProvider,
      this.regions,
      seed.servicesExist ?? seed.plan !== "ADVANCED",
      seed.failServiceCreateIn,
    );
    this.connections = new ConnectionBook({
      plan: this.plan,
      cloudProvider: this.cloudProvider,
      regionNames: this.regions.map((r) => r.name),
      service: (regionName: string): ServiceView | undefined => {
        const { now, serviceCreateMs } = clock();
        return this.services.find(regionName, now, serviceCreateMs);
      },
    });
    this.trustedOwners = new TrustedOwnerBook(seed.id);
  }

  get isServerless(): boolean {
    return this.plan !== "ADVANCED";
  }

  setState(state: ClusterState, now: number, unlockAfterMs?: number): void {
    this.state = state;
    this.unlockAt = state === "LOCKED" && unlockAfterMs !== undefined ? now + unlockAfterMs : undefined;
  }

  stateAt(now: number): ClusterState {
    if (this.state === "LOCKED" && this.unlockAt !== undefined && now >= this.unlockAt) {
      this.state = "CREATED";
      this.unlockAt = undefined;
    }
    return this.state;
  }

  /** The Cluster object of GET /api/v1/clusters/{id}, snake_case as on the wire. */
  toApi(now: number): Record<string, unknown> {
    const label = clusterHostLabel(this.id, this.name);
    const regions = this.regions.map((region, index) => {
      const hosts = regionHosts(label, this.cloudProvider, region.name, this.isServerless);
      return {
        name: region.name,
        sql_dns: hosts.sqlDns,
        ui_dns: hosts.uiDns,
        internal_dns: hosts.internalDns,
        private_endpoint_dns: this.privateEndpointDnsReady(region.name) ? hosts.privateEndpointDns : "",
        node_count: this.isServerless ? 0 : 3,
        primary: this.isServerless && index === 0,
      };
    });
    return {
      id: this.id,
      name: this.name,
      cockroach_version: COCKROACH_VERSION,
      upgrade_status: "FINALIZED",
      plan: this.plan,
      cloud_provider: this.cloudProvider,
      state: this.stateAt(now),
      creator_id: digestUuid("creator", this.id),
      operation_status: "UNSPECIFIED",
      config: this.isServerless ? { serverless: this.serverlessConfig(label) } : { dedicated: this.dedicatedConfig() },
      regions,
      sql_dns: regions[0]?.sql_dns ?? "",
      cidr_range: this.plan === "ADVANCED" && this.cloudProvider === "GCP" ? GCP_DEFAULT_CIDR : "",
      labels: {},
      is_customer_cloud_account: false,
      account_id: clusterAccountId(this.id, this.cloudProvider),
      network_visibility: "PUBLIC",
      egress_traffic_policy: "UNSPECIFIED",
      delete_protection: "DISABLED",
      parent_id: "root",
      created_at: CREATED_AT,
      updated_at: CREATED_AT,
    };
  }

  /**
   * On GCP the API fills in `private_endpoint_dns` only once the region's endpoint service exists (AVAILABLE): before
   * that it is "". (AWS clusters keep reporting it, as the fake always did.)
   */
  private privateEndpointDnsReady(regionName: string): boolean {
    if (this.cloudProvider !== "GCP") return true;
    const { now, serviceCreateMs } = this.clock();
    return this.services.find(regionName, now, serviceCreateMs)?.status === "AVAILABLE";
  }

  private serverlessConfig(label: string): Record<string, unknown> {
    // int64 limits are JSON strings on the wire. STANDARD is provisioned capacity; BASIC is usage-based.
    const usageLimits =
      this.plan === "STANDARD"
        ? { provisioned_virtual_cpus: "2" }
        : { request_unit_limit: "50000000", storage_mib_limit: "10240" };
    return {
      routing_id: `${label}-${parseInt(digestHex("routing", this.id).slice(0, 4), 16) % 10000}`,
      upgrade_type: "AUTOMATIC",
      usage_limits: usageLimits,
    };
  }

  private dedicatedConfig(): Record<string, unknown> {
    const aws = this.cloudProvider === "AWS";
    return {
      machine_type: aws ? "m6i.xlarge" : "n2-standard-4",
      num_virtual_cpus: 4,
      storage_gib: 150,
      memory_gib: 16,
      // Only AWS reports provisioned IOPS; other clouds say 0 ("cloud default").
      disk_iops: aws ? 3000 : 0,
    };
  }
}
