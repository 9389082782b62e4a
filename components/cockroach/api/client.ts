// Typed operations of the Cloud API v1 used by this library. Server and key are resolved per request (see settings).
import { sendRequest, type ApiRequest, type HttpMethod, type TransportOptions } from "./http";
import { OPERATIONS, type Operation } from "./operations";
import { resolveApiKey, resolveServer, withoutCredentials, type ConfiguredSettings } from "./settings";
import type {
  AllowlistEntry,
  AllowlistPage,
  Cluster,
  ConnectionString,
  PrivateEndpointConnection,
  PrivateEndpointConnections,
  PrivateEndpointService,
  PrivateEndpointServices,
  TrustedOwner,
} from "./types";

export interface CockroachCloudClientOptions extends TransportOptions {
  /** Base URL. @default per request: configured `cockroach:server`, else env COCKROACH_SERVER, else https://cockroachlabs.cloud */
  server?: string;
  /** @default per request: configured `cockroach:apikey`, else env COCKROACH_API_KEY */
  apiKey?: string;
  /** Stack config, as handed to a provider's `configure()` or read in the program. */
  configured?: ConfiguredSettings;
}

export interface AllowlistFlags {
  ui: boolean;
  sql: boolean;
  name?: string;
}

export interface ConnectionStringQuery {
  database?: string;
  sqlUser?: string;
  /** "MAC" | "LINUX" | "WINDOWS"; it only matters for Advanced clusters (sslrootcert path). */
  os?: string;
}

/** Allowlist page size asked for; the API's maximum. */
const ALLOWLIST_PAGE_LIMIT = 500;
/**
 * Pages read at most: 100 pages of 500 are far beyond any real allowlist, so a server that hands out a new page token
 * on every page is stopped here (and by the operation deadline) instead of keeping a read going forever.
 */
export const MAX_ALLOWLIST_PAGES = 100;

export class CockroachCloudClient {
  private declare readonly options: CockroachCloudClientOptions;

  constructor(options: CockroachCloudClientOptions = {}) {
    this.options = options;
  }

  /** The same client with every request bounded by `deadline` (epoch ms): see TransportOptions.deadline. */
  withDeadline(deadline: number): CockroachCloudClient {
    return new CockroachCloudClient({ ...this.options, deadline });
  }

  getCluster(clusterId: string): Promise<Cluster> {
    return this.call(OPERATIONS.getCluster, "GET", clusterId, "", { notFound: `cluster ${clusterId}` });
  }

  async listPrivateEndpointServices(clusterId: string): Promise<PrivateEndpointService[]> {
    const answer = await this.call<PrivateEndpointServices>(
      OPERATIONS.listPrivateEndpointServices,
      "GET",
      clusterId,
      "/networking/private-endpoint-services",
    );
    return answer.services ?? [];
  }

  /** POST without a body. Advanced clusters only: Basic and Standard have their services built in and reject it. */
  async createPrivateEndpointServices(clusterId: string): Promise<PrivateEndpointService[]> {
    const answer = await this.call<PrivateEndpointServices>(
      OPERATIONS.createPrivateEndpointServices,
      "POST",
      clusterId,
      "/networking/private-endpoint-services",
    );
    return answer.services ?? [];
  }

  async listPrivateEndpointConnections(clusterId: string): Promise<PrivateEndpointConnection[]> {
    const answer = await this.call<PrivateEndpointConnections>(
      OPERATIONS.listPrivateEndpointConnections,
      "GET",
      clusterId,
      "/networking/private-endpoint-connections",
    );
    return answer.connections ?? [];
  }

  addPrivateEndpointConnection(clusterId: string, endpointId: string): Promise<PrivateEndpointConnection> {
    return this.call(OPERATIONS.addPrivateEndpointConnection, "POST", clusterId, "/networking/private-endpoint-connections", {
      body: { endpoint_id: endpointId },
    });
  }

  /** Azure endpoint IDs contain "/", hence the encoding. The entry becomes STATUS_REJECTED rather than vanishing. */
  async deletePrivateEndpointConnection(clusterId: string, endpointId: string): Promise<void> {
    await this.call(
      OPERATIONS.deletePrivateEndpointConnection,
      "DELETE",
      clusterId,
      `/networking/private-endpoint-connections/${encodeURIComponent(endpointId)}`,
      { notFound: `private endpoint connection ${endpointId} on cluster ${clusterId}` },
    );
  }

  async listTrustedOwners(clusterId: string): Promise<TrustedOwner[]> {
    const answer = await this.call<{ trusted_owners?: TrustedOwner[] }>(
      OPERATIONS.listTrustedOwners,
      "GET",
      clusterId,
      "/networking/private-endpoint-trusted-owners",
    );
    return answer.trusted_owners ?? [];
  }

  async addTrustedOwner(clusterId: string, owner: { type: string; externalOwnerId: string }): Promise<TrustedOwner> {
    const answer = await this.call<{ trusted_owner: TrustedOwner }>(
      OPERATIONS.addTrustedOwner,
      "POST",
      clusterId,
      "/networking/private-endpoint-trusted-owners",
      { body: { type: owner.type, external_owner_id: owner.externalOwnerId } },
    );
    return answer.trusted_owner;
  }

  async getTrustedOwner(clusterId: string, ownerId: string): Promise<TrustedOwner> {
    const answer = await this.call<{ trusted_owner: TrustedOwner }>(
      OPERATIONS.getTrustedOwner,
      "GET",
      clusterId,
      `/networking/private-endpoint-trusted-owners/${encodeURIComponent(ownerId)}`,
      { notFound: `trusted owner entry ${ownerId} on cluster ${clusterId}` },
    );
    return answer.trusted_owner;
  }

  async removeTrustedOwner(clusterId: string, ownerId: string): Promise<void> {
    await this.call(
      OPERATIONS.removeTrustedOwner,
      "DELETE",
      clusterId,
      `/networking/private-endpoint-trusted-owners/${encodeURIComponent(ownerId)}`,
      { notFound: `trusted owner entry ${ownerId} on cluster ${clusterId}` },
    );
  }

  /** Every entry, all pages. */
  async listAllowlistEntries(clusterId: string): Promise<AllowlistEntry[]> {
    const entries: AllowlistEntry[] = [];
    const seenPages = new Set<string>();
    let page: string | undefined;
    for (;;) {
      const query = new URLSearchParams({ "pagination.limit": String(ALLOWLIST_PAGE_LIMIT) });
      if (page) query.set("pagination.page", page);
      const answer = await this.call<AllowlistPage>(
        OPERATIONS.listAllowlistEntries,
        "GET",
        clusterId,
        `/networking/allowlist?${query.toString()}`,
      );
      entries.push(...(answer.allowlist ?? []));
      page = answer.pagination?.next_page;
      // A server that hands out the same page token twice would otherwise keep us here forever.
      if (!page || seenPages.has(page)) return entries;
      seenPages.add(page);
      if (seenPages.size >= MAX_ALLOWLIST_PAGES) {
        throw new Error(
          `CockroachDB Cloud API ListAllowlistEntries (cluster ${clusterId}) kept handing out new page tokens: stopped ` +
            `after ${MAX_ALLOWLIST_PAGES} pages (${entries.length} entries). The server's pagination is broken; try again later.`,
        );
      }
    }
  }

  addAllowlistEntry(clusterId: string, entry: AllowlistEntry): Promise<AllowlistEntry> {
    return this.call(OPERATIONS.addAllowlistEntry, "POST", clusterId, "/networking/allowlist", { body: entry });
  }

  updateAllowlistEntry(clusterId: string, cidrIp: string, cidrMask: number, flags: AllowlistFlags): Promise<AllowlistEntry> {
    return this.call(OPERATIONS.updateAllowlistEntry, "PATCH", clusterId, allowlistPath(cidrIp, cidrMask), {
      body: flags,
      notFound: `allowlist entry ${cidrIp}/${cidrMask} on cluster ${clusterId}`,
    });
  }

  async deleteAllowlistEntry(clusterId: string, cidrIp: string, cidrMask: number): Promise<void> {
    await this.call(OPERATIONS.deleteAllowlistEntry, "DELETE", clusterId, allowlistPath(cidrIp, cidrMask), {
      notFound: `allowlist entry ${cidrIp}/${cidrMask} on cluster ${clusterId}`,
    });
  }

  /** The public connection string; for private connectivity use the region's internal_dns/private_endpoint_dns. */
  getConnectionString(clusterId: string, query: ConnectionStringQuery = {}): Promise<ConnectionString> {
    const params = new URLSearchParams();
    if (query.database) params.set("database", query.database);
    if (query.sqlUser) params.set("sql_user", query.sqlUser);
    if (query.os) params.set("os", query.os);
    const suffix = params.size > 0 ? `?${params.toString()}` : "";
    return this.call(OPERATIONS.getConnectionString, "GET", clusterId, `/connection-string${suffix}`, {
      notFound: `cluster ${clusterId}`,
    });
  }

  /** The cluster's CA certificate (PEM). Unauthenticated, and not under /api/v1. */
  getClusterCert(clusterId: string): Promise<string> {
    return sendRequest<string>(
      {
        method: "GET",
        url: `${this.server()}/clusters/${encodeURIComponent(clusterId)}/cert`,
        operation: OPERATIONS.getClusterCert,
        clusterId,
        responseType: "text",
        notFound: `CA certificate of cluster ${clusterId}`,
      },
      this.options,
    );
  }

  private server(): string {
    const server = this.options.server === undefined ? resolveServer(this.options.configured) : withoutCredentials(this.options.server);
    return server.replace(/\/+$/, "");
  }

  private call<T>(
    operation: Operation,
    method: HttpMethod,
    clusterId: string,
    pathAfterCluster: string,
    extra: Pick<ApiRequest, "body" | "notFound"> = {},
  ): Promise<T> {
    const apiKey = this.options.apiKey ?? resolveApiKey(this.options.configured);
    const url = `${this.server()}/api/v1/clusters/${encodeURIComponent(clusterId)}${pathAfterCluster}`;
    return sendRequest<T>(
      { method, url, operation, clusterId, apiKey, notFound: extra.notFound ?? `cluster ${clusterId}`, body: extra.body },
      this.options,
    );
  }
}

function allowlistPath(cidrIp: string, cidrMask: number): string {
  return `/networking/allowlist/${encodeURIComponent(cidrIp)}/${encodeURIComponent(String(cidrMask))}`;
}
