// One VPC endpoint as EC2 DescribeVpcEndpoints reports it, and what each failure of that call means for a wait.
// Runs inside the VpcEndpointReady dynamic provider from its serialized closure: the SDK is required inside the
// functions that use it, and nothing is read at module load.
import type { MaybeRetryable } from "../../core/poll";

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
  /** Longest one DescribeVpcEndpoints may take, also cut to what is left of the wait. */
  requestTimeoutMs: number;
}

export interface Ec2EndpointReader {
  /** The region the SDK resolved and signs for. */
  region: string;
  /**
   * The endpoint, or undefined when EC2 says it does not exist (InvalidVpcEndpointId.NotFound, nothing else).
   * Other failures throw an Ec2CallError. The call, credentials included, never runs past `deadline` (epoch ms).
   */
  describe(vpcEndpointId: string, deadline: number): Promise<ObservedVpcEndpoint | undefined>;
  close(): void;
}

/**
 * A failed EC2 call, with whether observing again later may succeed (the `MaybeRetryable` contract of pollUntil).
 * It sets `message` itself and has a method of its own: serialized, `super(message)` sets nothing and a class without
 * methods loses the Error prototype (docs/design.md), and the engine would print an empty message.
 */
export class Ec2CallError extends Error implements MaybeRetryable {
  readonly retryable: boolean;
  readonly code: string;

  constructor(message: string, retryable: boolean, code: string) {
    super(message);
    Object.defineProperty(this, "message", { value: message, writable: true, configurable: true });
    this.name = "Ec2CallError";
    this.retryable = retryable;
    this.code = code;
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

const credentialsHelp =
  "This wait calls AWS itself with the AWS SDK's default credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY" +
  "/AWS_SESSION_TOKEN, AWS_PROFILE or stack config aws:profile, SSO, web identity, or the container/instance role. " +
  "It does not see aws:assumeRoles or keys configured only on the Pulumi AWS provider. " +
  "Those credentials need the read-only permission ec2:DescribeVpcEndpoints.";

/** One client per wait, so connections and the SDK's clock-skew correction carry over between observations. */
export async function openEc2EndpointReader(settings: Ec2Settings): Promise<Ec2EndpointReader> {
  const sdk = require("@aws-sdk/client-ec2") as Ec2Sdk;
  const client = new sdk.EC2Client({
    region: settings.region,
    profile: settings.profile,
    endpoint: settings.endpoint,
    credentials: settings.credentials,
    // pollUntil is the one retry loop: it spaces observations and bounds the whole wait.
    maxAttempts: 1,
    // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes, and waits on.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: settings.requestTimeoutMs, throwOnRequestTimeout: true },
  });
  const secrets = secretsOf(settings.credentials);
  let region: string;
  try {
    region = await client.config.region();
  } catch (err) {
    client.destroy();
    throw new Ec2CallError(
      `no AWS region for the VPC endpoint wait (${redact(messageOf(err), secrets)}): set the region argument, ` +
        `stack config aws:region, or AWS_REGION`,
      false,
      "RegionMissing",
    );
  }
  return {
    region,
    async describe(vpcEndpointId, deadline) {
      const what = `DescribeVpcEndpoints for ${vpcEndpointId} in ${region}`;
      const result = await sendBefore(deadline, settings.requestTimeoutMs, what, (abortSignal) =>
        client.send(new sdk.DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] }), { abortSignal }),
      ).catch((err: unknown) => {
        if (err instanceof Ec2CallError) throw err;
        if (errorCode(err) === "InvalidVpcEndpointId.NotFound") return "not found" as const;
        throw describeFailure(err, vpcEndpointId, region, secrets);
      });
      if (result === "not found") return undefined;
      const found = result.VpcEndpoints?.find((e) => e.VpcEndpointId === vpcEndpointId);
      // EC2 answers an ID it does not know with InvalidVpcEndpointId.NotFound. An answer without the endpoint (an
      // empty body, a proxy's empty page) proves nothing: observe again rather than report the endpoint missing.
      if (!found) {
        throw new Ec2CallError(
          `${what} answered without the endpoint (an empty answer; only InvalidVpcEndpointId.NotFound means it ` +
            `does not exist)`,
          true,
          "EmptyAnswer",
        );
      }
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

/**
 * Runs one SDK call that ends by `deadline` whatever happens inside: the abort signal cuts the HTTP request, and the
 * race also covers what the signal does not reach (credential providers, retries of the credential chain).
 */
async function sendBefore<T>(
  deadline: number,
  requestTimeoutMs: number,
  what: string,
  send: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) throw new Ec2CallError(`${what} was not sent: the wait's time is up`, true, "DeadlineReached");
  const budget = Math.min(requestTimeoutMs, remaining);
  const end = Date.now() + budget;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cut = new Promise<never>((_resolve, reject) => {
    const fire = () => {
      // Timers and Date.now() use different clocks: never report the wait's time up before the wall clock agrees.
      const left = end - Date.now();
      if (left > 0) {
        timer = setTimeout(fire, left);
        return;
      }
      const limit = budget < requestTimeoutMs ? "what was left of the wait" : "the request timeout";
      // Reject first, so the race reports this rather than the SDK's AbortError.
      reject(new Ec2CallError(`${what} got no answer within ${budget} ms (${limit}); request cut`, true, "RequestTimeout"));
      controller.abort();
    };
    timer = setTimeout(fire, budget);
  });
  try {
    return await Promise.race([send(controller.signal), cut]);
  } finally {
    clearTimeout(timer);
  }
}

function errorCode(err: unknown): string {
  const e = err as { name?: string; code?: string; Code?: string };
  return e.Code ?? e.code ?? e.name ?? "Error";
}

/** Sort a failed DescribeVpcEndpoints into "try again later" (throttling, 5xx, network) or "fail now" (auth, other). */
export function describeFailure(
  err: unknown,
  vpcEndpointId: string,
  region: string,
  secrets: readonly string[] = secretsOf(undefined),
): Ec2CallError {
  const code = errorCode(err);
  const e = err as { message?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const what = `DescribeVpcEndpoints for ${vpcEndpointId} in ${region}`;
  const detail = `${code}${status ? ` (HTTP ${status})` : ""}: ${redact(messageOf(err), secrets)}`;

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

/** An SDK or network error's message; "" and "[object Object]" tell the user nothing. */
function messageOf(err: unknown): string {
  const message = (err as { message?: unknown })?.message;
  if (typeof message === "string" && message !== "") return message;
  const text = String(err);
  return text === "[object Object]" ? "no message" : text;
}

/** Secret parts of the credentials the wait may use: static ones given to it, and those in the environment. */
function secretsOf(credentials: StaticAwsCredentials | undefined): string[] {
  return [
    credentials?.secretAccessKey,
    credentials?.sessionToken,
    process.env.AWS_SECRET_ACCESS_KEY,
    process.env.AWS_SESSION_TOKEN,
  ].filter((s): s is string => typeof s === "string" && s.length >= 4);
}

/** Errors echo what a server or a credential file said; never let a secret through. */
function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
}

/**
 * The part of @aws-sdk/client-ec2 used here. A local type keeps the SDK's ~1,000 declaration files out of every type
 * check of the program (BENCHMARKS.md, type-check time); the tests run the real SDK against the fake EC2, so a drift
 * from the SDK's shape fails there.
 */
interface Ec2Sdk {
  EC2Client: new (config: {
    region?: string;
    profile?: string;
    endpoint?: string;
    credentials?: StaticAwsCredentials;
    maxAttempts: number;
    requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
  }) => {
    config: { region(): Promise<string> };
    send(command: unknown, options: { abortSignal: AbortSignal }): Promise<{
      VpcEndpoints?: {
        VpcEndpointId?: string;
        State?: string;
        PrivateDnsEnabled?: boolean;
        DnsEntries?: { DnsName?: string; HostedZoneId?: string }[];
        LastError?: { Code?: string; Message?: string };
        FailureReason?: string;
      }[];
    }>;
    destroy(): void;
  };
  DescribeVpcEndpointsCommand: new (input: { VpcEndpointIds: string[] }) => unknown;
}
