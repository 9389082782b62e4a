// The TiDB Cloud Serverless API client: one read, GET /v1beta1/clusters/{clusterId}, with HTTP Digest auth (the API's
// only scheme) by `urllib`, which answers the server's `WWW-Authenticate: Digest` challenge itself. Plan-time only:
// it runs in the program process, never inside a dynamic provider. urllib (with undici: ~0.3 s and 25 MB to load) is
// required on the first request, so a CockroachDB stack's program never loads it.
import { TidbApiError, hintFor } from "./errors";
import { type TidbApiKeys, type TidbApiSettings, resolveEndpoint, resolveKeys } from "./settings";
import type { TidbClusterWire } from "./types";

const OPERATION = "GetCluster";

export interface TidbServerlessClient {
  /** The cluster (`?view=BASIC`), or a `TidbApiError` (401 and 404 told apart by status and hint). */
  getCluster(clusterId: string): Promise<TidbClusterWire>;
}

export function tidbServerlessClient(settings: TidbApiSettings = {}): TidbServerlessClient {
  return {
    async getCluster(clusterId) {
      // Resolved per call, so a key set after the client was made is used, and a missing one fails this call only.
      const endpoint = resolveEndpoint(settings);
      const keys = resolveKeys(settings);
      const url = `${endpoint}/v1beta1/clusters/${encodeURIComponent(clusterId)}?view=BASIC`;
      const attempts = Math.max(1, settings.attempts ?? 3);
      let pause = settings.backoffMs ?? 500;
      for (let attempt = 1; ; attempt++) {
        const outcome = await getOnce(url, keys, settings.requestTimeoutMs ?? 30_000, clusterId);
        if (outcome.ok) return outcome.body;
        if (!outcome.retryable || attempt >= attempts) throw outcome.error;
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause *= 2;
      }
    },
  };
}

type Outcome = { ok: true; body: TidbClusterWire } | { ok: false; retryable: boolean; error: TidbApiError };

async function getOnce(url: string, keys: TidbApiKeys, timeoutMs: number, clusterId: string): Promise<Outcome> {
  const secrets = [keys.publicKey, keys.privateKey];
  let status: number;
  let text: string;
  try {
    const { request } = require("urllib") as Urllib;
    const answer = await request(url, {
      method: "GET",
      digestAuth: `${keys.publicKey}:${keys.privateKey}`,
      headers: { accept: "application/json" },
      dataType: "text",
      timeout: timeoutMs,
      followRedirect: false,
    });
    status = answer.status;
    text = typeof answer.data === "string" ? answer.data : String(answer.data ?? "");
  } catch (err) {
    const error = new TidbApiError({ operation: OPERATION, clusterId, status: 0, apiMessage: redact(messageOf(err), secrets) });
    return { ok: false, retryable: true, error };
  }

  if (status === 200) {
    try {
      const body = JSON.parse(text) as unknown;
      if (typeof body === "object" && body !== null && !Array.isArray(body)) return { ok: true, body: body as TidbClusterWire };
    } catch {
      // fall through: described below
    }
    const error = new TidbApiError({ operation: OPERATION, clusterId, status, apiMessage: `the answer is not a JSON object (${describe(text, secrets)})` });
    return { ok: false, retryable: true, error };
  }
  const error = new TidbApiError({
    operation: OPERATION,
    clusterId,
    status,
    apiMessage: serverMessage(text, secrets),
    hint: hintFor(status, clusterId),
  });
  return { ok: false, retryable: status === 429 || (status >= 500 && status !== 501), error };
}

/** The `message` of the API's error body (google.rpc.Status), else a one-line description of what came back. */
function serverMessage(text: string, secrets: readonly string[]): string | undefined {
  if (text.trim() === "") return undefined;
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = typeof body.message === "string" ? body.message : typeof body.error === "string" ? body.error : undefined;
    if (message !== undefined) return oneLine(redact(message, secrets));
  } catch {
    // not JSON
  }
  return describe(text, secrets);
}

function describe(text: string, secrets: readonly string[]): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  if (title !== undefined) return `an HTML page "${oneLine(redact(title, secrets))}" (${text.length} bytes)`;
  return oneLine(redact(text, secrets));
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** Never let a key through, whatever a server or a network error echoed. */
function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((out, secret) => out.split(secret).join("[redacted]"), text);
}

function messageOf(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown };
  const message = typeof e?.message === "string" && e.message !== "" ? e.message : String(err);
  return typeof e?.code === "string" && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

/** The part of urllib used here (a local type keeps undici's declarations out of the program's type check). */
interface Urllib {
  request(
    url: string,
    options: {
      method: "GET";
      digestAuth: string;
      headers: Record<string, string>;
      dataType: "text";
      timeout: number;
      followRedirect: boolean;
    },
  ): Promise<{ status: number; data: unknown }>;
}
