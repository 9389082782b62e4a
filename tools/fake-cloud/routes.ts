// The Cloud API v1 operations the fake serves: path pattern, required roles, and a handler that turns the request
// into calls on the cluster's state. Cross-cutting checks (auth, cluster lookup, lock) happen in the server first.
import { CLUSTER_ADMIN_ONLY, NETWORK_WRITER_ROLES, READ_CLUSTER_ROLES } from "./auth";
import { asObject, optionalString, requireBoolean, type JsonObject } from "./body";
import { parseCidr, type AllowlistRules } from "./allowlist";
import type { FakeCluster } from "./clusters";
import { failedPrecondition, invalidArgument } from "./errors";
import type { FakeState } from "./state";
import type { Role } from "./types";

export interface RouteContext {
  state: FakeState;
  cluster: FakeCluster;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The parsed JSON body ({} when empty); throws 400 when it is not JSON. */
  body(): unknown;
  now: number;
}

export interface RouteResult {
  status?: number;
  body: unknown;
}

export interface Route {
  method: string;
  /** Path segments; ":name" segments capture URL-decoded parameters. */
  pattern: string[];
  operation: string;
  roles: readonly Role[];
  handle(ctx: RouteContext): RouteResult;
}

const CLUSTER = "/api/v1/clusters/:cluster_id";
const SERVICES = `${CLUSTER}/networking/private-endpoint-services`;
const CONNECTIONS = `${CLUSTER}/networking/private-endpoint-connections`;
const OWNERS = `${CLUSTER}/networking/private-endpoint-trusted-owners`;
const ALLOWLIST = `${CLUSTER}/networking/allowlist`;
const CONNECTION_STRING_OS = ["MAC", "LINUX", "WINDOWS"];
const SQL_PORT = "26257";

type RouteSpec = Omit<Route, "pattern"> & { path: string };

function route({ path, ...spec }: RouteSpec): Route {
  return { ...spec, pattern: path.split("/").filter(Boolean) };
}

function allowlistRules(body: JsonObject): AllowlistRules {
  return { ui: requireBoolean(body, "ui"), sql: requireBoolean(body, "sql"), name: optionalString(body, "name") };
}

const pathCidr = (ctx: RouteContext) => parseCidr(ctx.params.cidr_ip, ctx.params.cidr_mask);
const listServices = (ctx: RouteContext) => ({
  services: ctx.cluster.services.list(ctx.now, ctx.state.timing.serviceCreateMs),
});

function connectionString(ctx: RouteContext): RouteResult {
  const { database = "defaultdb", sql_user: sqlUser, os } = ctx.query;
  if (os !== undefined && !CONNECTION_STRING_OS.includes(os)) {
    throw invalidArgument(`os must be one of ${CONNECTION_STRING_OS.join(", ")}`);
  }
  // The API only ever returns the public host; private hosts come from the cluster's regions.
  const host = String(ctx.cluster.toApi(ctx.now).sql_dns);
  const userPart = sqlUser ? `${encodeURIComponent(sqlUser)}@` : "";
  const params: Record<string, string> = { Host: host, Port: SQL_PORT, Database: database };
  if (sqlUser) params.Username = sqlUser;
  const url = `postgresql://${userPart}${host}:${SQL_PORT}/${encodeURIComponent(database)}?sslmode=verify-full`;
  return { body: { connection_string: url, params } };
}

export const ROUTES: Route[] = [
  route({
    method: "GET",
    path: CLUSTER,
    operation: "GetCluster",
    roles: READ_CLUSTER_ROLES,
    handle: (ctx) => ({ body: ctx.cluster.toApi(ctx.now) }),
  }),
  route({
    method: "GET",
    path: `${CLUSTER}/connection-string`,
    operation: "GetConnectionString",
    roles: READ_CLUSTER_ROLES,
    handle: connectionString,
  }),

  route({
    method: "GET",
    path: SERVICES,
    operation: "ListPrivateEndpointServices",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => ({ body: listServices(ctx) }),
  }),
  route({
    method: "POST",
    path: SERVICES,
    operation: "CreatePrivateEndpointServices",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => {
      if (ctx.cluster.isServerless) {
        throw failedPrecondition("private endpoint services are created automatically for serverless clusters");
      }
      ctx.cluster.services.create(ctx.now, ctx.state.timing.serviceCreateMs);
      return { body: listServices(ctx) };
    },
  }),

  route({
    method: "GET",
    path: CONNECTIONS,
    operation: "ListPrivateEndpointConnections",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => ({ body: { connections: ctx.cluster.connections.list(ctx.now, ctx.state.timing) } }),
  }),
  route({
    method: "POST",
    path: CONNECTIONS,
    operation: "AddPrivateEndpointConnection",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => {
      const body = asObject(ctx.body());
      return { body: ctx.cluster.connections.add(body.endpoint_id, ctx.now, ctx.state.timing) };
    },
  }),
  route({
    method: "DELETE",
    path: `${CONNECTIONS}/:endpoint_id`,
    operation: "DeletePrivateEndpointConnection",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => {
      ctx.cluster.connections.reject(ctx.params.endpoint_id!);
      return { body: {} };
    },
  }),

  route({
    method: "GET",
    path: OWNERS,
    operation: "ListPrivateEndpointTrustedOwners",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => ({ body: { trusted_owners: ctx.cluster.trustedOwners.list() } }),
  }),
  route({
    method: "POST",
    path: OWNERS,
    operation: "AddPrivateEndpointTrustedOwner",
    roles: CLUSTER_ADMIN_ONLY,
    handle: (ctx) => {
      const body = asObject(ctx.body());
      return { body: { trusted_owner: ctx.cluster.trustedOwners.add(body.type, body.external_owner_id, ctx.now) } };
    },
  }),
  route({
    method: "GET",
    path: `${OWNERS}/:owner_id`,
    operation: "GetPrivateEndpointTrustedOwner",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => ({ body: { trusted_owner: ctx.cluster.trustedOwners.get(ctx.params.owner_id!) } }),
  }),
  route({
    method: "DELETE",
    path: `${OWNERS}/:owner_id`,
    operation: "RemovePrivateEndpointTrustedOwner",
    roles: CLUSTER_ADMIN_ONLY,
    handle: (ctx) => ({ body: { trusted_owner: ctx.cluster.trustedOwners.remove(ctx.params.owner_id!) } }),
  }),

  // Listing the allowlist is open to CLUSTER_DEVELOPER too; changing it is not (per the spec's role lists).
  route({
    method: "GET",
    path: ALLOWLIST,
    operation: "ListAllowlistEntries",
    roles: READ_CLUSTER_ROLES,
    handle: (ctx) => ({
      body: ctx.cluster.allowlist.page(
        {
          page: ctx.query["pagination.page"],
          limit: ctx.query["pagination.limit"],
          sortOrder: ctx.query["pagination.sort_order"],
        },
        ctx.state.allowlistPageSize,
        ctx.now,
        ctx.state.timing.allowlistPropagationMs,
      ),
    }),
  }),
  route({
    method: "POST",
    path: ALLOWLIST,
    operation: "AddAllowlistEntry",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => {
      const body = asObject(ctx.body());
      const cidr = parseCidr(body.cidr_ip, body.cidr_mask);
      return { body: ctx.cluster.allowlist.add(cidr, allowlistRules(body), ctx.now) };
    },
  }),
  route({
    method: "PUT",
    path: `${ALLOWLIST}/:cidr_ip/:cidr_mask`,
    operation: "AddAllowlistEntry2",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => {
      const cidr = pathCidr(ctx);
      return { body: ctx.cluster.allowlist.upsert(cidr, allowlistRules(asObject(ctx.body())), ctx.now) };
    },
  }),
  route({
    method: "PATCH",
    path: `${ALLOWLIST}/:cidr_ip/:cidr_mask`,
    operation: "UpdateAllowlistEntry",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => {
      const cidr = pathCidr(ctx);
      return { body: ctx.cluster.allowlist.update(cidr, allowlistRules(asObject(ctx.body())), ctx.now) };
    },
  }),
  route({
    method: "DELETE",
    path: `${ALLOWLIST}/:cidr_ip/:cidr_mask`,
    operation: "DeleteAllowlistEntry",
    roles: NETWORK_WRITER_ROLES,
    handle: (ctx) => ({ body: ctx.cluster.allowlist.remove(pathCidr(ctx), ctx.now) }),
  }),
];

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "wrong-method" }
  | { kind: "none" };

/** Matches raw (still percent-encoded) path segments, so an encoded "/" stays inside its parameter. */
export function matchRoute(routes: Route[], method: string, rawSegments: string[]): RouteMatch {
  let pathMatched = false;
  for (const candidate of routes) {
    const params = matchPattern(candidate.pattern, rawSegments);
    if (!params) continue;
    if (candidate.method === method) return { kind: "found", route: candidate, params };
    pathMatched = true;
  }
  return pathMatched ? { kind: "wrong-method" } : { kind: "none" };
}

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i]!;
    if (part.startsWith(":")) {
      params[part.slice(1)] = decodeSegment(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidArgument(`malformed percent-encoding in path segment "${segment}"`);
  }
}
