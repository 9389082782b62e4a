// The TiDB Cloud Serverless target as a value: what any path needs to know about connecting to TiDB Serverless
// (Starter/Essential), in one place, beside the CockroachDB one (components/cockroach/target.ts). Plain data and pure
// functions, no imports.
//
// How it differs from CockroachDB: the SQL port is 4000 (or what the cluster reports); no registration step and no
// acceptance to wait for; private DNS is turned on when the endpoint is created; one endpoint per region and VPC
// serves every TiDB Serverless cluster of the organization there, so a second one in the same VPC fails (its private
// DNS domain would conflict).

/** The TiDB cluster ID rule: TiDB Cloud's cluster IDs are decimal numbers (e.g. `10289758592817381`). */
export function checkTidbClusterId(value: string): { reason: string; allowed: string } | undefined {
  if (/^[0-9]{1,20}$/.test(value)) return undefined;
  return { reason: "not a TiDB Cloud cluster ID", allowed: "the cluster's numeric ID, e.g. 10289758592817381 (TiDB Cloud console, cluster overview)" };
}

export const tidbTarget = Object.freeze({
  /** TiDB Serverless serves the MySQL protocol on this port, unless the cluster reports another. */
  port: 4000,
  /** No registration: an endpoint to the service is accepted at once (authorization, if any, is Console-only). */
  registersEndpoint: false,
  privateDns: "atCreation" as "afterRegistration" | "atCreation",
  /** What the port carries, in rule descriptions and warnings. */
  protocol: "TiDB SQL (MySQL protocol)",
  /** The security group's description (ASCII only, as EC2 requires). */
  securityGroupDescription(serviceName: string): string {
    return `TiDB Cloud Serverless SQL over PrivateLink to ${serviceName}`;
  },
  /** The host clients use over the private path: the service's private host (resolves privately with private DNS). */
  privateHost(service: { host: string }): string {
    return service.host;
  },
});
