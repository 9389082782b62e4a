// Stack outputs: one entry per region, keyed by region code, so `pulumi stack output regions` reads as a table; and
// the cluster-level resources under `cluster`.
import type * as pulumi from "@pulumi/pulumi";
import type { DnsEntry } from "../components/aws";

/** The outputs of a region that CockroachDB over AWS PrivateLink reaches. */
export interface RegionOutputs {
  vpcId: pulumi.Output<string>;
  subnetIds: pulumi.Output<string[]>;
  securityGroupId: pulumi.Output<string>;
  endpointId: pulumi.Output<string>;
  endpointDnsEntries: pulumi.Output<DnsEntry[]>;
  /** Connect SQL clients here (port `sqlPort`), from inside the VPC or a network routed to it. */
  privateSqlHost: pulumi.Output<string>;
  connectionStatus: pulumi.Output<string>;
  sqlPort: number;
  /** The CA file `connectionString` names. */
  sslRootCert: string;
  /** Secret: `postgresql://<user>@<host>:<port>/<database>?sslmode=verify-full&sslrootcert=<path>`. */
  connectionString: pulumi.Output<string>;
  /** Advanced clusters: the cluster's CA certificate (PEM), to save at `sslRootCert`. */
  caCert?: pulumi.Output<string>;
}

export interface StackOutputs {
  /** Per region, what its route outputs (`RegionOutputs` for CockroachDB over AWS). */
  regions: Record<string, RegionOutputs | Record<string, unknown>>;
  /** Set when the stack configures cluster-level resources (allowlist, trusted owners). */
  cluster?: Record<string, unknown>;
}

/** The regions' outputs keyed by region code, and the target's stack-level outputs under `cluster` when it has any. */
export function stackOutputs(regions: readonly { region: string; outputs: Record<string, unknown> }[], cluster?: Record<string, unknown>): StackOutputs {
  const byRegion: Record<string, Record<string, unknown>> = {};
  for (const { region, outputs } of regions) byRegion[region] = outputs;
  return cluster === undefined ? { regions: byRegion } : { regions: byRegion, cluster };
}
