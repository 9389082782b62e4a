// Where the Cloud API is and which key to use, resolved when a request is made, never at module load: a dynamic
// provider is serialized in the program process, and anything read at load time would be baked into its text.

export const DEFAULT_SERVER = "https://cockroachlabs.cloud";

/** Values from stack config (`cockroach:apikey`, `cockroach:server`), however they were obtained. */
export interface ConfiguredSettings {
  apiKey?: string;
  server?: string;
}

/** The part of a dynamic provider's `configure(req).config` we use. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** Reads the stack config handed to a provider's `configure(req)`. */
export function settingsFromConfig(config: ConfigSource): ConfiguredSettings {
  return {
    apiKey: nonEmpty(config.get("cockroach:apikey")),
    server: nonEmpty(config.get("cockroach:server")),
  };
}

/**
 * Base URL: configured `cockroach:server`, else env `COCKROACH_SERVER`, else the public Cloud API. Stack config wins
 * over env, as for the key (and as the official provider does for its attributes): the stack is the explicit choice.
 */
export function resolveServer(configured?: ConfiguredSettings): string {
  const server = configured?.server ?? nonEmpty(process.env.COCKROACH_SERVER) ?? DEFAULT_SERVER;
  return withoutCredentials(server).replace(/\/+$/, "");
}

/**
 * Refuses a server URL carrying a user or password (`https://user:secret@host`): the API key is what authenticates,
 * and a password there would be echoed by every error that names the URL. The error shows the URL with them masked.
 */
export function withoutCredentials(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return server; // not a URL: the request fails with a network error naming it, which holds no credentials
  }
  if (url.username === "" && url.password === "") return server;
  url.username = "***";
  url.password = url.password === "" ? "" : "***";
  throw new Error(
    `The CockroachDB Cloud server URL ${url.toString()} contains credentials; remove the user and password from ` +
      `COCKROACH_SERVER (or cockroach:server): the API key authenticates.`,
  );
}

/** API key: configured `cockroach:apikey` wins, else env `COCKROACH_API_KEY`. */
export function resolveApiKey(configured?: ConfiguredSettings): string {
  const key = configured?.apiKey ?? nonEmpty(process.env.COCKROACH_API_KEY);
  if (key === undefined) {
    throw new Error(
      "No CockroachDB Cloud API key is configured. Set it as a stack secret with " +
        "`pulumi config set --secret cockroach:apikey <key>`, or export COCKROACH_API_KEY=<key>. " +
        "The key belongs to a service account (CockroachDB Cloud Console > Organization > Access Management).",
    );
  }
  return key;
}

/** The trimmed value, or undefined when it is missing or blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
