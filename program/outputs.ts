// Stack outputs: one entry per region, keyed by region code, so `pulumi stack output regions` reads as a table; and
// the cluster-level resources under `cluster`.
import type * as pulumi from "@pulumi/pulumi";
import type { AwsPrivateLink, DnsEntry } from "../components/aws";
import type { ConnectionOutputs } from "./connection";

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
  regions: Record<string, RegionOutputs>;
  /** Set when the stack configures cluster-level resources (allowlist, trusted owners). */
  cluster?: Record<string, unknown>;
}

export function stackOutputs(
  links: { region: string; link: AwsPrivateLink; connection: ConnectionOutputs }[],
  cluster?: Record<string, unknown>,
): StackOutputs {
  const regions: Record<string, RegionOutputs> = {};
  for (const { region, link, connection } of links) {
    regions[region] = {
      vpcId: link.vpcId,
      subnetIds: link.subnetIds,
      securityGroupId: link.securityGroupId,
      endpointId: link.endpointId,
      endpointDnsEntries: link.endpointDnsEntries,
      privateSqlHost: link.privateSqlHost,
      connectionStatus: link.connectionStatus,
      ...connection,
    };
  }
  return cluster === undefined ? { regions } : { regions, cluster };
}
