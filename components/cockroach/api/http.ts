// One HTTP exchange with the Cloud API: rate limit, timeout, headers, error mapping, and retries for GETs only.
// A mutation is never repeated here: its outcome is unknown after a transient failure, so the error says
// `retryable` and the caller observes the current state before deciding to act again.
import { backoffDelayMs, DEFAULT_RETRY, parseRetryAfter, sleep, type RetryOptions } from "./backoff";
import { CockroachApiError } from "./errors";
import type { Operation } from "./operations";
import { acquireRequestSlot, type RateLimitOptions } from "./rateLimiter";
import { API_VERSION, USER_AGENT } from "./version";

export interface TransportOptions {
  /** Per request, each attempt. @default 30000 */
  requestTimeoutMs?: number;
  /** Retries of GETs. */
  retry?: RetryOptions;
  rateLimit?: RateLimitOptions;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiRequest {
  method: HttpMethod;
  /** Absolute URL, query included. */
  url: string;
  operation: Operation;
  clusterId?: string;
  /** Sent as `Authorization: Bearer`; the request is unauthenticated without it. */
  apiKey?: string;
  /** JSON body; none is sent when undefined. */
  body?: unknown;
  /** @default "json" */
  responseType?: "json" | "text";
  /** What the path names, for a 404: e.g. "private endpoint connection vpce-1 on cluster <id>". */
  notFound?: string;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export async function sendRequest<T>(request: ApiRequest, options?: TransportOptions): Promise<T> {
  const attempts = request.method === "GET" ? Math.max(1, options?.retry?.attempts ?? DEFAULT_RETRY.attempts) : 1;
  for (let attempt = 1; ; attempt++) {
    const release = await acquireRequestSlot(options?.rateLimit);
    let outcome: Outcome<T>;
    try {
      outcome = await attemptOnce<T>(request, options?.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, maxRetryAfterMs(options));
    } finally {
      release();
    }
    if (outcome.ok) return outcome.value;
    const failure = outcome.error;
    if (!failure.retryable || attempt >= attempts) throw failure;
    await sleep(backoffDelayMs(attempt, options?.retry, failure.retryAfterMs));
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: CockroachApiError };

/**
 * The longest Retry-After honoured: the retry policy's max delay. The error reports the capped value too, so that a
 * caller's wait (pollUntil pauses for it) is not parked for the hour a `Retry-After: 3600` asks for either.
 */
function maxRetryAfterMs(options: TransportOptions | undefined): number {
  return options?.retry?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
}

async function attemptOnce<T>(request: ApiRequest, timeoutMs: number, retryAfterCapMs: number): Promise<Outcome<T>> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: requestHeaders(request),
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (err) {
    return { ok: false, error: networkError(request, err, timeoutMs) };
  }
  if (response.ok) {
    if (request.responseType === "text") return { ok: true, value: text as T };
    try {
      return { ok: true, value: (text.trim() === "" ? {} : JSON.parse(text)) as T };
    } catch {
      return { ok: false, error: apiError(request, response.status, undefined, `unreadable JSON answer: ${text.slice(0, 200)}`) };
    }
  }
  const body = parseErrorBody(text);
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
  return {
    ok: false,
    error: apiError(
      request,
      response.status,
      body.code,
      body.message,
      retryAfterMs === undefined ? undefined : Math.min(retryAfterMs, retryAfterCapMs),
    ),
  };
}

function requestHeaders(request: ApiRequest): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: request.responseType === "text" ? "application/x-pem-file, text/plain, */*" : "application/json",
    "Cc-Version": API_VERSION,
    "User-Agent": USER_AGENT,
  };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  if (request.apiKey !== undefined) headers.Authorization = `Bearer ${request.apiKey}`;
  return headers;
}

/** Network errors, 429 and 5xx (except 501), and a cluster lock (409/503 mentioning "lock") are transient. */
export function isTransientStatus(status: number, apiMessage?: string): boolean {
  if (status === 0 || status === 429) return true;
  if (status >= 500 && status !== 501) return true;
  return status === 409 && /lock/i.test(apiMessage ?? "");
}

function apiError(
  request: ApiRequest,
  status: number,
  code: string | number | undefined,
  apiMessage: string | undefined,
  retryAfterMs?: number,
): CockroachApiError {
  return new CockroachApiError({
    operation: request.operation.name,
    clusterId: request.clusterId,
    status,
    code,
    apiMessage,
    retryable: isTransientStatus(status, apiMessage),
    retryAfterMs,
    hint: hintFor(request, status),
    redact: request.apiKey === undefined ? [] : [request.apiKey],
  });
}

function networkError(request: ApiRequest, err: unknown, timeoutMs: number): CockroachApiError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const description =
    e?.name === "TimeoutError" || e?.name === "AbortError"
      ? `request timed out after ${timeoutMs} ms`
      : `network error: ${e?.message ?? String(err)}${e?.cause?.code ? ` (${e.cause.code})` : e?.cause?.message ? ` (${e.cause.message})` : ""}`;
  return apiError(request, 0, undefined, description);
}

function hintFor(request: ApiRequest, status: number): string | undefined {
  switch (status) {
    case 401:
      return (
        "The API key is missing, invalid or expired: set a valid service-account key with " +
        "`pulumi config set --secret cockroach:apikey <key>` or COCKROACH_API_KEY."
      );
    case 403:
      return `The API key's service account needs one of ${request.operation.roles.join(", ")} on the cluster.`;
    case 404:
      return `Not found: ${request.notFound ?? (request.clusterId ? `cluster ${request.clusterId}` : "the requested object")}. Check the ID, and that the API key's organization owns the cluster.`;
    case 429:
      return "The Cloud API allows 10 requests per second per user.";
    default:
      return undefined;
  }
}

function parseErrorBody(text: string): { code?: string | number; message?: string } {
  try {
    const parsed = JSON.parse(text) as { code?: unknown; message?: unknown; error?: unknown };
    const code = typeof parsed.code === "number" || typeof parsed.code === "string" ? parsed.code : undefined;
    const message =
      typeof parsed.message === "string" ? parsed.message : typeof parsed.error === "string" ? parsed.error : undefined;
    return { code, message };
  } catch {
    return { message: text.trim() === "" ? undefined : text.trim().slice(0, 500) };
  }
}
