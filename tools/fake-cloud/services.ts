// Private endpoint services: one per cluster region. Serverless clusters have them from the start; ADVANCED clusters
// get them from POST, CREATING for serviceCreateMs and then AVAILABLE (or CREATE_FAILED). Status is computed on read.
import { endpointServiceNames } from "./naming";
import { defaultAwsZoneIds } from "./zones";
import type { CloudProvider, FakeRegionSeed } from "./types";

export type ServiceStatus = "CREATING" | "AVAILABLE" | "CREATE_FAILED";

export interface ServiceView {
  region_name: string;
  cloud_provider: CloudProvider;
  status: ServiceStatus;
  name: string;
  endpoint_service_id: string;
  availability_zone_ids: string[];
  aws?: { service_name: string; service_id: string; availability_zone_ids: string[] };
}

interface ServiceEntry {
  region: FakeRegionSeed;
  /** When the create started; undefined for services that existed before the fake started. */
  createdAt?: number;
  fails: boolean;
}

export class EndpointServices {
  private readonly entries = new Map<string, ServiceEntry>();
  private failNextCreateIn: string | undefined;

  constructor(
    private readonly clusterId: string,
    private readonly cloud: CloudProvider,
    private readonly regions: FakeRegionSeed[],
    preexisting: boolean,
    failServiceCreateIn?: string,
  ) {
    this.failNextCreateIn = failServiceCreateIn;
    if (preexisting) for (const region of regions) this.entries.set(region.name, { region, fails: false });
  }

  /**
   * The ADVANCED create: starts a service in every region that has none, and restarts failed ones. Services already
   * CREATING or AVAILABLE are left alone, which makes a repeated POST a no-op.
   */
  create(now: number, createMs: number): void {
    for (const region of this.regions) {
      const entry = this.entries.get(region.name);
      if (entry && this.statusOf(entry, now, createMs) !== "CREATE_FAILED") continue;
      const fails = !entry && this.failNextCreateIn === region.name;
      this.entries.set(region.name, { region, createdAt: now, fails });
    }
    this.failNextCreateIn = undefined;
  }

  list(now: number, createMs: number): ServiceView[] {
    return [...this.entries.values()].map((entry) => this.view(entry, now, createMs));
  }

  find(regionName: string, now: number, createMs: number): ServiceView | undefined {
    const entry = this.entries.get(regionName);
    return entry && this.view(entry, now, createMs);
  }

  private statusOf(entry: ServiceEntry, now: number, createMs: number): ServiceStatus {
    if (entry.createdAt === undefined || now - entry.createdAt >= createMs) {
      return entry.fails ? "CREATE_FAILED" : "AVAILABLE";
    }
    return "CREATING";
  }

  private view(entry: ServiceEntry, now: number, createMs: number): ServiceView {
    const { name, endpointServiceId } = endpointServiceNames(this.clusterId, this.cloud, entry.region.name);
    const zoneIds =
      this.cloud === "AWS" ? (entry.region.availabilityZoneIds ?? defaultAwsZoneIds(entry.region.name)) : [];
    const view: ServiceView = {
      region_name: entry.region.name,
      cloud_provider: this.cloud,
      status: this.statusOf(entry, now, createMs),
      name,
      endpoint_service_id: endpointServiceId,
      availability_zone_ids: [...zoneIds],
    };
    if (this.cloud === "AWS") {
      view.aws = { service_name: name, service_id: endpointServiceId, availability_zone_ids: [...zoneIds] };
    }
    return view;
  }
}
