// Where the TiDB Cloud Serverless API is and which key pair to use, resolved when a request is made (as the official
// TiDB Terraform provider does): TIDBCLOUD_PUBLIC_KEY / TIDBCLOUD_PRIVATE_KEY, and TIDBCLOUD_SERVERLESS_ENDPOINT to
// point at another server (a proxy, or the fake in tests).

export const DEFAULT_SERVERLESS_ENDPOINT = "https://serverless.tidbapi.com";

/** A key pair for HTTP Digest auth: the public key is the user name, the private key the password. */
export interface TidbApiKeys {
  publicKey: string;
  privateKey: string;
}

/** Settings given explicitly (library callers, tests); each one not given comes from the environment. */
export interface TidbApiSettings {
  /** @default env TIDBCLOUD_SERVERLESS_ENDPOINT, else https://serverless.tidbapi.com */
  endpoint?: string;
  /** @default env TIDBCLOUD_PUBLIC_KEY / TIDBCLOUD_PRIVATE_KEY */
  keys?: TidbApiKeys;
  /** Longest one request may take. @default 30 s */
  requestTimeoutMs?: number;
  /** Attempts of a GET that meets a network error, 429 or 5xx. @default 3 */
  attempts?: number;
  /** First pause between attempts, doubled each time. @default 500 ms */
  backoffMs?: number;
}

export function resolveEndpoint(settings: TidbApiSettings = {}): string {
  const endpoint = settings.endpoint ?? nonEmpty(process.env.TIDBCLOUD_SERVERLESS_ENDPOINT) ?? DEFAULT_SERVERLESS_ENDPOINT;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`The TiDB Cloud Serverless endpoint ${JSON.stringify(endpoint)} is not a URL (TIDBCLOUD_SERVERLESS_ENDPOINT)`);
  }
  // The key pair authenticates; a password in the URL would be echoed by every error that names it.
  if (url.username !== "" || url.password !== "") {
    throw new Error(
      `The TiDB Cloud Serverless endpoint contains a user or password (${url.protocol}//***@${url.host}); remove them ` +
        `from TIDBCLOUD_SERVERLESS_ENDPOINT: the API key pair authenticates.`,
    );
  }
  return endpoint.replace(/\/+$/, "");
}

export function resolveKeys(settings: TidbApiSettings = {}): TidbApiKeys {
  if (settings.keys) return settings.keys;
  const publicKey = nonEmpty(process.env.TIDBCLOUD_PUBLIC_KEY);
  const privateKey = nonEmpty(process.env.TIDBCLOUD_PRIVATE_KEY);
  if (publicKey === undefined || privateKey === undefined) {
    const missing = [publicKey === undefined && "TIDBCLOUD_PUBLIC_KEY", privateKey === undefined && "TIDBCLOUD_PRIVATE_KEY"]
      .filter(Boolean)
      .join(" and ");
    throw new Error(
      `No TiDB Cloud API key pair: ${missing} not set. Create an API key in the TiDB Cloud console (Organization ` +
        `Settings > API Keys) and export TIDBCLOUD_PUBLIC_KEY and TIDBCLOUD_PRIVATE_KEY, or give the service in the ` +
        `stack config (serviceName, availabilityZones, host) so no lookup is needed.`,
    );
  }
  return { publicKey, privateKey };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
