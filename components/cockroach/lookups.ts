// Lookups that run in the program process (at preview too), shaped like the @pulumiverse/cockroach functions.
// `@pulumi/pulumi` is required lazily, only by the *Output forms and when reading stack config.
import type * as pulumi from "@pulumi/pulumi";
import { CockroachCloudClient } from "./api/client";
import { settingsFromProgramConfig } from "./programConfig";
import type { Cluster } from "./api/types";
import { toServiceInfo, toServicesMap, type PrivateEndpointServiceInfo } from "./shapes";

export interface LookupOptions {
  /** Client to use. @default one built from stack config (`cockroach:apikey`, `cockroach:server`) and env */
  client?: CockroachCloudClient;
}

export interface GetCockroachClusterArgs {
  /** Cluster ID (UUID). */
  id: string;
}

export interface GetCockroachClusterRegion {
  /** Region code, e.g. "us-east-1". */
  name: string;
  /** Public SQL host (IP allowlisting). */
  sqlDns: string;
  /** DB Console host. */
  uiDns: string;
  /** Host to use over AWS PrivateLink, Azure Private Link and GCP VPC peering. */
  internalDns: string;
  /** Host to use over GCP Private Service Connect. */
  privateEndpointDns: string;
  /** 0 on Basic and Standard clusters. */
  nodeCount: number;
  /** Primary region of a multi-region Basic/Standard cluster. */
  primary: boolean;
}

export interface GetCockroachClusterServerless {
  routingId: string;
  upgradeType?: string;
  usageLimits?: { provisionedVirtualCpus?: number; requestUnitLimit?: number; storageMibLimit?: number };
}

export interface GetCockroachClusterDedicated {
  machineType: string;
  numVirtualCpus: number;
  storageGib: number;
  memoryGib: number;
  diskIops: number;
  /** Only set on GCP. */
  cidrRange: string;
  privateNetworkVisibility: boolean;
}

export interface GetCockroachClusterResult {
  id: string;
  name: string;
  /** "AWS" | "GCP" | "AZURE" */
  cloudProvider: string;
  /** "BASIC" | "STANDARD" | "ADVANCED" */
  plan: string;
  /** "CREATED", "LOCKED", ... */
  state: string;
  operationStatus: string;
  upgradeStatus: string;
  cockroachVersion: string;
  accountId: string;
  creatorId: string;
  parentId: string;
  deleteProtection: boolean;
  regions: GetCockroachClusterRegion[];
  /** Basic and Standard clusters. */
  serverless?: GetCockroachClusterServerless;
  /** Advanced clusters. */
  dedicated?: GetCockroachClusterDedicated;
}

export interface GetPrivateEndpointServicesArgs {
  clusterId: string;
}

export interface GetPrivateEndpointServicesResult {
  clusterId: string;
  services: PrivateEndpointServiceInfo[];
  servicesMap: Record<string, PrivateEndpointServiceInfo>;
}

export interface GetConnectionStringArgs {
  /** Cluster ID (UUID). */
  id: string;
  /** @default "defaultdb" */
  database?: string;
  sqlUser?: string;
  /** "MAC" | "LINUX" | "WINDOWS"; matters only for Advanced clusters. @default the OS this runs on */
  os?: string;
}

export interface GetConnectionStringResult {
  id: string;
  database: string;
  sqlUser?: string;
  os: string;
  /** The public connection string (no password). For private connectivity use the region's internal DNS. */
  connectionString: string;
  connectionParams: { host: string; port: string; database: string; username?: string };
}

export interface GetClusterCertArgs {
  /** Cluster ID (UUID). */
  id: string;
}

export interface GetClusterCertResult {
  id: string;
  /** The cluster's CA certificate, PEM. */
  cert: string;
}

/** The cluster, as `@pulumiverse/cockroach`'s getCockroachCluster returns it. */
export async function getCockroachCluster(
  args: GetCockroachClusterArgs,
  options: LookupOptions = {},
): Promise<GetCockroachClusterResult> {
  return toClusterResult(await clientOf(options).getCluster(args.id));
}

export function getCockroachClusterOutput(
  args: { id: pulumi.Input<string> },
  options: LookupOptions = {},
): pulumi.Output<GetCockroachClusterResult> {
  return pulumiModule()
    .output(args)
    .apply((a) => getCockroachCluster(a, options));
}

/** The cluster's endpoint services as they are now (no create, no wait). */
export async function getPrivateEndpointServices(
  args: GetPrivateEndpointServicesArgs,
  options: LookupOptions = {},
): Promise<GetPrivateEndpointServicesResult> {
  const services = (await clientOf(options).listPrivateEndpointServices(args.clusterId)).map(toServiceInfo);
  return { clusterId: args.clusterId, services, servicesMap: toServicesMap(services) };
}

export function getPrivateEndpointServicesOutput(
  args: { clusterId: pulumi.Input<string> },
  options: LookupOptions = {},
): pulumi.Output<GetPrivateEndpointServicesResult> {
  return pulumiModule()
    .output(args)
    .apply((a) => getPrivateEndpointServices(a, options));
}

export async function getConnectionString(
  args: GetConnectionStringArgs,
  options: LookupOptions = {},
): Promise<GetConnectionStringResult> {
  const database = args.database ?? "defaultdb";
  const os = args.os ?? localOs();
  const answer = await clientOf(options).getConnectionString(args.id, { database, sqlUser: args.sqlUser, os });
  const result: GetConnectionStringResult = {
    id: args.id,
    database,
    os,
    connectionString: answer.connection_string,
    connectionParams: {
      host: answer.params.Host,
      port: answer.params.Port,
      database: answer.params.Database,
    },
  };
  if (args.sqlUser !== undefined) result.sqlUser = args.sqlUser;
  if (answer.params.Username !== undefined) result.connectionParams.username = answer.params.Username;
  return result;
}

export function getConnectionStringOutput(
  args: { id: pulumi.Input<string>; database?: pulumi.Input<string>; sqlUser?: pulumi.Input<string>; os?: pulumi.Input<string> },
  options: LookupOptions = {},
): pulumi.Output<GetConnectionStringResult> {
  return pulumiModule()
    .output(args)
    .apply((a) => getConnectionString(a as GetConnectionStringArgs, options));
}

export async function getClusterCert(args: GetClusterCertArgs, options: LookupOptions = {}): Promise<GetClusterCertResult> {
  return { id: args.id, cert: await clientOf(options).getClusterCert(args.id) };
}

export function getClusterCertOutput(
  args: { id: pulumi.Input<string> },
  options: LookupOptions = {},
): pulumi.Output<GetClusterCertResult> {
  return pulumiModule()
    .output(args)
    .apply((a) => getClusterCert(a, options));
}

function clientOf(options: LookupOptions): CockroachCloudClient {
  return options.client ?? new CockroachCloudClient({ configured: settingsFromProgramConfig() });
}

function pulumiModule(): typeof import("@pulumi/pulumi") {
  return require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
}

function localOs(): string {
  if (process.platform === "darwin") return "MAC";
  if (process.platform === "win32") return "WINDOWS";
  return "LINUX";
}

function toClusterResult(cluster: Cluster): GetCockroachClusterResult {
  const result: GetCockroachClusterResult = {
    id: cluster.id,
    name: cluster.name,
    cloudProvider: cluster.cloud_provider,
    plan: cluster.plan,
    state: cluster.state,
    operationStatus: cluster.operation_status ?? "",
    upgradeStatus: cluster.upgrade_status ?? "",
    cockroachVersion: cluster.cockroach_version ?? "",
    accountId: cluster.account_id ?? "",
    creatorId: cluster.creator_id ?? "",
    parentId: cluster.parent_id ?? "",
    deleteProtection: cluster.delete_protection === "ENABLED",
    regions: (cluster.regions ?? []).map((r) => ({
      name: r.name,
      sqlDns: r.sql_dns,
      uiDns: r.ui_dns,
      internalDns: r.internal_dns,
      privateEndpointDns: r.private_endpoint_dns ?? "",
      nodeCount: r.node_count ?? 0,
      primary: r.primary ?? false,
    })),
  };
  const serverless = cluster.config?.serverless;
  if (serverless) {
    result.serverless = { routingId: serverless.routing_id, upgradeType: serverless.upgrade_type };
    const limits = serverless.usage_limits;
    if (limits) {
      result.serverless.usageLimits = {
        provisionedVirtualCpus: int64(limits.provisioned_virtual_cpus),
        requestUnitLimit: int64(limits.request_unit_limit),
        storageMibLimit: int64(limits.storage_mib_limit),
      };
    }
  }
  const dedicated = cluster.config?.dedicated;
  if (dedicated) {
    result.dedicated = {
      machineType: dedicated.machine_type,
      numVirtualCpus: dedicated.num_virtual_cpus,
      storageGib: dedicated.storage_gib,
      memoryGib: dedicated.memory_gib,
      diskIops: dedicated.disk_iops,
      cidrRange: cluster.cidr_range ?? "",
      privateNetworkVisibility: cluster.network_visibility === "PRIVATE",
    };
  }
  return result;
}

/** int64 values arrive as JSON strings. */
function int64(value: string | number | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
