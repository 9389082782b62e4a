// Plan-time lookup: the interface endpoints a VPC already has to one endpoint service. AWS provider 7.48 has only
// the singular `ec2.getVpcEndpoint` invoke, which fails when there is none, so this lists with EC2
// DescribeVpcEndpoints (filters vpc-id and service-name, every page) through the AWS SDK, in the program process.
// The SDK is required inside the function so that importing this module costs nothing.

/** An endpoint found in the VPC. */
export interface ExistingVpcEndpoint {
  id: string;
  /** As EC2 spells it: `available`, `pending`, `deleted`, ... */
  state: string;
  privateDnsEnabled: boolean;
  tags: Record<string, string>;
}

export interface VpcEndpointListSettings {
  region: string;
  /** A shared-config profile (stack config `aws:profile`); undefined lets the SDK use AWS_PROFILE or `default`. */
  profile?: string;
  /** EC2 API URL override (tests point this at a fake). */
  endpoint?: string;
  /** Static credentials (tests); undefined uses the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** @default 20 s per request */
  requestTimeoutMs?: number;
}

/** States of an endpoint that no longer holds the service's private DNS domain in the VPC. */
const GONE = ["deleted", "deleting", "rejected", "failed", "expired"];

/** Endpoints of `vpcId` to `serviceName` that are not gone (gone ones cannot conflict). */
export async function listVpcEndpointsToService(
  vpcId: string,
  serviceName: string,
  settings: VpcEndpointListSettings,
): Promise<ExistingVpcEndpoint[]> {
  const sdk = require("@aws-sdk/client-ec2") as Ec2Sdk;
  const client = new sdk.EC2Client({
    region: settings.region,
    profile: settings.profile,
    endpoint: settings.endpoint,
    credentials: settings.credentials,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: settings.requestTimeoutMs ?? 20_000, throwOnRequestTimeout: true },
  });
  const found: ExistingVpcEndpoint[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new sdk.DescribeVpcEndpointsCommand({
          Filters: [
            { Name: "vpc-id", Values: [vpcId] },
            { Name: "service-name", Values: [serviceName] },
          ],
          NextToken: nextToken,
        }),
      );
      for (const e of page.VpcEndpoints ?? []) {
        if (!e.VpcEndpointId || GONE.includes((e.State ?? "").toLowerCase())) continue;
        found.push({
          id: e.VpcEndpointId,
          state: e.State ?? "unknown",
          privateDnsEnabled: e.PrivateDnsEnabled ?? false,
          tags: Object.fromEntries((e.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
        });
      }
      nextToken = page.NextToken || undefined;
    } while (nextToken);
  } catch (err) {
    const e = err as { name?: string; Code?: string; message?: string };
    const secrets = [settings.credentials?.secretAccessKey, settings.credentials?.sessionToken, process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN]
      .filter((s): s is string => typeof s === "string" && s.length >= 4);
    const said = secrets.reduce((text, secret) => text.split(secret).join("[redacted]"), e?.message ?? String(err));
    throw new Error(
      `DescribeVpcEndpoints (VPC ${vpcId}, service ${serviceName}) in ${settings.region} failed: ${e?.Code ?? e?.name ?? "Error"}: ${said}. ` +
        `The check for an endpoint already in the VPC calls AWS with the AWS SDK's default credentials (environment, ` +
        `AWS_PROFILE or aws:profile, SSO, web identity, instance role) and needs ec2:DescribeVpcEndpoints.`,
    );
  } finally {
    client.destroy();
  }
  return found;
}

/** The part of @aws-sdk/client-ec2 used here (a local type keeps the SDK's declarations out of the type check). */
interface Ec2Sdk {
  EC2Client: new (config: {
    region: string;
    profile?: string;
    endpoint?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    maxAttempts: number;
    requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
  }) => {
    send(command: unknown): Promise<{
      VpcEndpoints?: {
        VpcEndpointId?: string;
        State?: string;
        PrivateDnsEnabled?: boolean;
        Tags?: { Key?: string; Value?: string }[];
      }[];
      NextToken?: string;
    }>;
    destroy(): void;
  };
  DescribeVpcEndpointsCommand: new (input: { Filters: { Name: string; Values: string[] }[]; NextToken?: string }) => unknown;
}
