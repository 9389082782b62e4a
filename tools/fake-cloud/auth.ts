// Who may call what. The real API authenticates a bearer API key and authorizes per operation by the roles listed in
// the OpenAPI spec; the fake gives each key one role on every cluster. Messages never contain the key.
import { ApiError, GrpcCode, permissionDenied, unauthenticated } from "./errors";
import type { Role } from "./types";

/** Cc-Version values the fake accepts: the current API version and the older published ones. */
export const SUPPORTED_CC_VERSIONS = ["2024-09-16", "2023-04-10", "2022-09-20", "2022-03-31"];

export const READ_CLUSTER_ROLES: readonly Role[] = ["CLUSTER_ADMIN", "CLUSTER_OPERATOR_WRITER", "CLUSTER_DEVELOPER"];
export const NETWORK_WRITER_ROLES: readonly Role[] = ["CLUSTER_ADMIN", "CLUSTER_OPERATOR_WRITER"];
export const CLUSTER_ADMIN_ONLY: readonly Role[] = ["CLUSTER_ADMIN"];

export function authenticate(authorization: string | undefined, apiKeys: Record<string, Role>): Role {
  const match = /^Bearer (\S+)$/i.exec(authorization?.trim() ?? "");
  if (!match) throw unauthenticated("Unauthenticated: missing bearer API key in the Authorization header");
  const role = Object.hasOwn(apiKeys, match[1]!) ? apiKeys[match[1]!] : undefined;
  if (!role) throw unauthenticated("Unauthenticated: the API key is not valid");
  return role;
}

/** ORG_ADMIN may do everything; other roles need to be listed for the operation. */
export function authorize(role: Role, allowed: readonly Role[], operation: string): void {
  if (role === "ORG_ADMIN" || allowed.includes(role)) return;
  const needed = ["ORG_ADMIN", ...allowed].join(", ");
  throw permissionDenied(`PermissionDenied: the caller lacks the required role for ${operation} (one of ${needed})`);
}

/** An absent header means "latest"; a present but unknown one is rejected like the real API does. */
export function checkCcVersion(ccVersion: string | undefined): void {
  if (ccVersion !== undefined && !SUPPORTED_CC_VERSIONS.includes(ccVersion.trim())) {
    throw new ApiError(400, GrpcCode.INVALID_ARGUMENT, "invalid Cc-Version");
  }
}
