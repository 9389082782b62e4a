// One VPC endpoint as EC2 DescribeVpcEndpoints reports it, and what each failure of that call means for a wait.
// Runs inside the VpcEndpointReady dynamic provider from its serialized closure: the SDK is required inside the
// functions that use it, and nothing is read at module load.
import type { MaybeRetryable } from "../shared/poll";

export interface DnsEntry {
  dnsName: string;
  hostedZoneId: string;
}

export interface ObservedVpcEndpoint {
  vpcEndpointId: string;
  /** As EC2 spells it on the wire: `pendingAcceptance`, `pending`, `available`, `rejected`, ... */
  state: string;
  privateDnsEnabled: boolean;
  dnsEntries: DnsEntry[];
  /** EC2's `lastError` / `failureReason`, when it gives one, for failure messages. */
  lastError?: string;
}

export interface StaticAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Ec2Settings {
  /** Undefined lets the SDK resolve it (AWS_REGION, the profile's region). */
  region?: string;
  /** A shared-config profile; undefined lets the SDK use AWS_PROFILE or `default`. */
  profile?: string;
  /** EC2 API URL override (tests point this at a fake). */
  endpoint?: string;
  /** Undefined uses the SDK default chain: env, profile, SSO, web identity, container/instance role. */
  credentials?: StaticAwsCredentials;
}

export interface Ec2EndpointReader {
  /** The region the SDK resolved and signs for. */
  region: string;
  /** The endpoint, or undefined when EC2 says it does not exist. Other failures throw an Ec2CallError. */
  describe(vpcEndpointId: string): Promise<ObservedVpcEndpoint | undefined>;
  close(): void;
}

/** A failed EC2 call, with whether observing again later may succeed (the `MaybeRetryable` contract of pollUntil). */
export class Ec2CallError extends Error implements MaybeRetryable {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code: string,
  ) {
    super(message);
    this.name = "Ec2CallError";
  }
}

const credentialsHelp =
  "This wait calls AWS itself with the AWS SDK's default credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY" +
  "/AWS_SESSION_TOKEN, AWS_PROFILE or stack config aws:profile, SSO, web identity, or the container/instance role. " +
  "It does not see aws:assumeRoles or keys configured only on the Pulumi AWS provider. " +
  "Those credentials need the read-only permission ec2:DescribeVpcEndpoints.";

/** One client per wait, so connections and the SDK's clock-skew correction carry over between observations. */
export async function openEc2EndpointReader(settings: Ec2Settings): Promise<Ec2EndpointReader> {
  const sdk = require("@aws-sdk/client-ec2") as typeof import("@aws-sdk/client-ec2");
  const client = new sdk.EC2Client({
    region: settings.region,
    profile: settings.profile,
    endpoint: settings.endpoint,
    credentials: settings.credentials,
    // pollUntil is the one retry loop: it spaces observations and bounds the whole wait.
    maxAttempts: 1,
    // A hung connection must not outlive the wait's deadline by much.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
  });
  let region: string;
  try {
    region = await client.config.region();
  } catch (err) {
    client.destroy();
    throw new Ec2CallError(
      `no AWS region for the VPC endpoint wait (${(err as Error).message}): set the region argument, ` +
        `stack config aws:region, or AWS_REGION`,
      false,
      "RegionMissing",
    );
  }
  return {
    region,
    async describe(vpcEndpointId) {
      let result;
      try {
        result = await client.send(new sdk.DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] }));
      } catch (err) {
        if (errorCode(err) === "InvalidVpcEndpointId.NotFound") return undefined;
        throw describeFailure(err, vpcEndpointId, region);
      }
      const found = result.VpcEndpoints?.find((e) => e.VpcEndpointId === vpcEndpointId);
      if (!found) return undefined;
      const lastError = found.LastError?.Message
        ? [found.LastError.Code, found.LastError.Message].filter(Boolean).join(": ")
        : found.FailureReason;
      return {
        vpcEndpointId,
        state: found.State ?? "unknown",
        privateDnsEnabled: found.PrivateDnsEnabled ?? false,
        dnsEntries: (found.DnsEntries ?? []).map((d) => ({
          dnsName: d.DnsName ?? "",
          hostedZoneId: d.HostedZoneId ?? "",
        })),
        ...(lastError ? { lastError } : {}),
      };
    },
    close: () => client.destroy(),
  };
}

function errorCode(err: unknown): string {
  const e = err as { name?: string; code?: string; Code?: string };
  return e.Code ?? e.code ?? e.name ?? "Error";
}

/** Sort a failed DescribeVpcEndpoints into "try again later" (throttling, 5xx, network) or "fail now" (auth, other). */
export function describeFailure(err: unknown, vpcEndpointId: string, region: string): Ec2CallError {
  const code = errorCode(err);
  const e = err as { message?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const what = `DescribeVpcEndpoints for ${vpcEndpointId} in ${region}`;
  const detail = `${code}${status ? ` (HTTP ${status})` : ""}: ${e.message ?? String(err)}`;

  const auth = [
    "AuthFailure",
    "UnauthorizedOperation",
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "ExpiredTokenException",
    "UnrecognizedClientException",
    "OptInRequired",
    "Blocked",
    "CredentialsProviderError",
  ];
  if (auth.includes(code) || status === 401 || status === 403) {
    return new Ec2CallError(`AWS refused ${what}: ${detail}. ${credentialsHelp}`, false, code);
  }
  if (code === "ENOTFOUND") {
    const hint = "There is no EC2 API at that address: is the region right?";
    return new Ec2CallError(`${what} failed: ${detail}. ${hint}`, false, code);
  }
  const transient = [
    "RequestLimitExceeded",
    "Throttling",
    "ThrottlingException",
    "RequestThrottled",
    "TooManyRequestsException",
    "InternalError",
    "InternalFailure",
    "ServiceUnavailable",
    "Unavailable",
    "RequestTimeTooSkewed",
    "TimeoutError",
    "AbortError",
    "RequestTimeout",
    "ECONNRESET",
    "ECONNREFUSED",
    "ECONNABORTED",
    "ETIMEDOUT",
    "EPIPE",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
  ];
  const serverError = status !== undefined && status >= 500 && status !== 501;
  const retryable = transient.includes(code) || status === 429 || serverError || !!e.$retryable;
  return new Ec2CallError(`${what} failed: ${detail}`, retryable, code);
}
