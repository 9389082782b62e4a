// Public surface of the TiDB Cloud Serverless target: the target value, the TiDB x AWS component, its plan, facts and
// lookups, and the API client. Named one by one.
export { checkTidbClusterId, tidbTarget } from "./target";
export { TidbPrivateLink, type TidbPrivateLinkCreateOptions } from "./tidbPrivateLink";
export type { TidbPrivateLinkArgs, TidbServiceArgs } from "./args";
export { TidbPrivateLinkArgumentError } from "./errors";
export { checkTidbPrivateLinkArgs, type CheckedTidbArgs } from "./planArgs";
export { lookupTidbPrivateLinkFacts, type TidbClusterFacts, type TidbPrivateLinkFacts, type TidbPrivateLinkLookups } from "./facts";
export { tidbClusterFacts, tidbPrivateLinkLookups, type TidbPrivateLinkLookupOptions } from "./lookups";
export { OWNER_TAG, planTidbPrivateLink, type TidbPrivateLinkPlan } from "./plan";
export { checkServiceName, type TidbService } from "./service";
export { serviceAzIdsOf, type AccountZones } from "./zones";
export { tidbServerlessClient, type TidbServerlessClient } from "./api/client";
export { TidbApiError } from "./api/errors";
export { DEFAULT_SERVERLESS_ENDPOINT, type TidbApiKeys, type TidbApiSettings } from "./api/settings";
export type { TidbClusterWire } from "./api/types";
