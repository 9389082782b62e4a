// Wire types of the Cloud API v1 (snake_case, as sent). Enums are open strings: the live API is newer than the
// spec (e.g. connection status STATUS_STALE), and an unknown value must be reported, not crash a type guard.

export interface Region {
  name: string;
  sql_dns: string;
  ui_dns: string;
  /** Host for AWS PrivateLink, Azure Private Link and GCP VPC peering. */
  internal_dns: string;
  /** Host for GCP Private Service Connect. */
  private_endpoint_dns?: string;
  node_count: number;
  primary?: boolean;
  s3_vpc_endpoint_id?: string;
}

export interface UsageLimits {
  /** int64 values arrive as strings. */
  provisioned_virtual_cpus?: string | number;
  request_unit_limit?: string | number;
  storage_mib_limit?: string | number;
}

export interface ServerlessClusterConfig {
  routing_id: string;
  upgrade_type?: string;
  usage_limits?: UsageLimits;
  spend_limit?: number;
}

export interface DedicatedHardwareConfig {
  machine_type: string;
  num_virtual_cpus: number;
  storage_gib: number;
  memory_gib: number;
  disk_iops: number;
}

export interface Cluster {
  id: string;
  name: string;
  /** "AWS" | "GCP" | "AZURE" */
  cloud_provider: string;
  /** "BASIC" | "STANDARD" | "ADVANCED" */
  plan: string;
  /** "CREATING" | "CREATED" | "CREATION_FAILED" | "DELETED" | "LOCKED" */
  state: string;
  operation_status?: string;
  upgrade_status?: string;
  cockroach_version?: string;
  account_id?: string;
  creator_id?: string;
  parent_id?: string;
  /** "ENABLED" | "DISABLED" */
  delete_protection?: string;
  /** "PUBLIC" | "PRIVATE" */
  network_visibility?: string;
  cidr_range?: string;
  config?: { serverless?: ServerlessClusterConfig; dedicated?: DedicatedHardwareConfig };
  regions: Region[];
  labels?: Record<string, string>;
}

export interface AwsPrivateLinkServiceDetail {
  service_name: string;
  service_id: string;
  availability_zone_ids: string[];
}

export interface PrivateEndpointService {
  region_name: string;
  cloud_provider: string;
  /** "CREATING" | "AVAILABLE" | "CREATE_FAILED" | "DELETING" | "DELETE_FAILED" */
  status: string;
  name: string;
  endpoint_service_id: string;
  availability_zone_ids: string[];
  aws?: AwsPrivateLinkServiceDetail;
}

export interface PrivateEndpointServices {
  services: PrivateEndpointService[];
}

export interface PrivateEndpointConnection {
  endpoint_id: string;
  endpoint_service_id: string;
  service_name: string;
  cloud_provider: string;
  region_name: string;
  /** STATUS_PENDING, STATUS_PENDING_ACCEPTANCE, STATUS_AVAILABLE, STATUS_REJECTED, STATUS_STALE, ... */
  status: string;
  external_owner_id?: string;
}

export interface PrivateEndpointConnections {
  connections: PrivateEndpointConnection[];
}

export interface TrustedOwner {
  id: string;
  cluster_id: string;
  /** "AWS_ACCOUNT_ID" */
  type: string;
  external_owner_id: string;
  created_at?: string;
}

export interface AllowlistEntry {
  cidr_ip: string;
  cidr_mask: number;
  ui: boolean;
  sql: boolean;
  name?: string;
}

export interface AllowlistPage {
  allowlist: AllowlistEntry[];
  propagating?: boolean;
  pagination?: { next_page?: string; previous_page?: string };
}

export interface ConnectionString {
  connection_string: string;
  /** Keys are capitalised on the wire; Port is a string. */
  params: { Host: string; Port: string; Database: string; Username?: string };
}
