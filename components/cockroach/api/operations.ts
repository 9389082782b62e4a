// What each Cloud API operation is called and which roles it needs, for error messages (API spec, 2024-09-16).

export interface Operation {
  /** Operation name as in the API spec (operationId without the `CockroachCloud_` prefix). */
  name: string;
  /** Roles of which the API key's service account needs one. */
  roles: string[];
}

const READ_CLUSTER = [
  "ORG_ADMIN",
  "CLUSTER_ADMIN",
  "CLUSTER_OPERATOR_WRITER",
  "CLUSTER_DEVELOPER",
  "FOLDER_ADMIN",
  "FOLDER_MOVER",
  "METRICS_VIEWER",
  "CLUSTER_MONITOR",
];
const NETWORKING = ["CLUSTER_ADMIN", "CLUSTER_OPERATOR_WRITER"];
const ADMIN_ONLY = ["CLUSTER_ADMIN"];

export const OPERATIONS = {
  getCluster: { name: "GetCluster", roles: READ_CLUSTER },
  listPrivateEndpointServices: { name: "ListPrivateEndpointServices", roles: NETWORKING },
  createPrivateEndpointServices: { name: "CreatePrivateEndpointServices", roles: NETWORKING },
  listPrivateEndpointConnections: { name: "ListPrivateEndpointConnections", roles: NETWORKING },
  addPrivateEndpointConnection: { name: "AddPrivateEndpointConnection", roles: NETWORKING },
  deletePrivateEndpointConnection: { name: "DeletePrivateEndpointConnection", roles: NETWORKING },
  listTrustedOwners: { name: "ListPrivateEndpointTrustedOwners", roles: NETWORKING },
  addTrustedOwner: { name: "AddPrivateEndpointTrustedOwner", roles: ADMIN_ONLY },
  getTrustedOwner: { name: "GetPrivateEndpointTrustedOwner", roles: NETWORKING },
  removeTrustedOwner: { name: "RemovePrivateEndpointTrustedOwner", roles: ADMIN_ONLY },
  listAllowlistEntries: { name: "ListAllowlistEntries", roles: [...NETWORKING, "CLUSTER_DEVELOPER"] },
  addAllowlistEntry: { name: "AddAllowlistEntry", roles: NETWORKING },
  updateAllowlistEntry: { name: "UpdateAllowlistEntry", roles: NETWORKING },
  deleteAllowlistEntry: { name: "DeleteAllowlistEntry", roles: NETWORKING },
  getConnectionString: { name: "GetConnectionString", roles: READ_CLUSTER },
  getClusterCert: { name: "GetClusterCert", roles: [] },
} satisfies Record<string, Operation>;
