// CockroachDB Cloud: dynamic resources mirroring @pulumiverse/cockroach, their providers, lookups and the API client.
export { PrivateEndpointServices, type PrivateEndpointServicesArgs } from "./privateEndpointServices";
export { PrivateEndpointConnection, type PrivateEndpointConnectionArgs } from "./privateEndpointConnection";
export { PrivateEndpointTrustedOwner, type PrivateEndpointTrustedOwnerArgs } from "./privateEndpointTrustedOwner";
export { AllowList, type AllowListArgs } from "./allowList";
export { AllowListEntryRemoval, type AllowListEntryRemovalArgs } from "./allowListEntryRemoval";

export {
  PrivateEndpointServicesProvider,
  type PrivateEndpointServicesInputs,
  type PrivateEndpointServicesOutputs,
} from "./providers/privateEndpointServicesProvider";
export {
  PrivateEndpointConnectionProvider,
  type PrivateEndpointConnectionInputs,
  type PrivateEndpointConnectionOutputs,
} from "./providers/privateEndpointConnectionProvider";
export {
  PrivateEndpointTrustedOwnerProvider,
  type PrivateEndpointTrustedOwnerInputs,
  type PrivateEndpointTrustedOwnerOutputs,
} from "./providers/privateEndpointTrustedOwnerProvider";
export { AllowListProvider, type AllowListInputs, type AllowListOutputs } from "./providers/allowListProvider";
export {
  AllowListEntryRemovalProvider,
  type AllowListEntryRemovalInputs,
  type AllowListEntryRemovalOutputs,
} from "./providers/allowListEntryRemovalProvider";
export type { ProviderTuning } from "./providers/tuning";

export type { PrivateEndpointServiceInfo, PrivateEndpointServiceAws } from "./shapes";
export {
  getClusterCert,
  getClusterCertOutput,
  getCockroachCluster,
  getCockroachClusterOutput,
  getConnectionString,
  getConnectionStringOutput,
  getPrivateEndpointServices,
  getPrivateEndpointServicesOutput,
  type GetClusterCertArgs,
  type GetClusterCertResult,
  type GetCockroachClusterArgs,
  type GetCockroachClusterDedicated,
  type GetCockroachClusterRegion,
  type GetCockroachClusterResult,
  type GetCockroachClusterServerless,
  type GetConnectionStringArgs,
  type GetConnectionStringResult,
  type GetPrivateEndpointServicesArgs,
  type GetPrivateEndpointServicesResult,
  type LookupOptions,
} from "./lookups";
export { cockroachTarget } from "./target";

export {
  CockroachCloudClient,
  type CockroachCloudClientOptions,
  type AllowlistFlags,
  type ConnectionStringQuery,
} from "./api/client";
export { CockroachApiError } from "./api/errors";
export type { RetryOptions } from "./api/backoff";
export type { RateLimitOptions } from "./api/rateLimiter";
export type * as CockroachWire from "./api/types";
