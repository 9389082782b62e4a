// The fake TiDB Cloud Serverless API: tests, and `npm run plan` for the lookup path.
export { startFakeTidb, type FakeTidb, type FakeTidbOptions, type FakeTidbRequest } from "./server";
export { fakeTidbCluster, fakeTidbServiceName, type FakeTidbCluster, type FakeTidbClusterOptions } from "./clusters";
