// Stack outputs: one entry per region, keyed by region code, so `pulumi stack output regions` reads as a table.
import type * as pulumi from "@pulumi/pulumi";
import type { AwsPrivateLink } from "../components/aws/awsPrivateLink";
import type { DnsEntry } from "../components/aws/vpcEndpointReady";

export interface RegionOutputs {
  vpcId: pulumi.Output<string>;
  subnetIds: pulumi.Output<string[]>;
  securityGroupId: pulumi.Output<string>;
  endpointId: pulumi.Output<string>;
  endpointDnsEntries: pulumi.Output<DnsEntry[]>;
  /** Connect SQL clients here (port `port`), from inside the VPC or a network routed to it. */
  privateSqlHost: pulumi.Output<string>;
  connectionStatus: pulumi.Output<string>;
}

export interface StackOutputs {
  regions: Record<string, RegionOutputs>;
}

export function stackOutputs(links: { region: string; link: AwsPrivateLink }[]): StackOutputs {
  const regions: Record<string, RegionOutputs> = {};
  for (const { region, link } of links) {
    regions[region] = {
      vpcId: link.vpcId,
      subnetIds: link.subnetIds,
      securityGroupId: link.securityGroupId,
      endpointId: link.endpointId,
      endpointDnsEntries: link.endpointDnsEntries,
      privateSqlHost: link.privateSqlHost,
      connectionStatus: link.connectionStatus,
    };
  }
  return { regions };
}
