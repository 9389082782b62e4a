// One HTTP exchange with the Cloud API: rate limit, timeout, headers, error mapping, and retries for GETs only.
// A mutation is never repeated here: its outcome is unknown after a transient failure, so the error says
// `retryable` and the caller observes the current state before deciding to act again.
//
// An operation deadline (TransportOptions.deadline) bounds everything: no attempt outlives it (its timeout is cut to
// what is left), no backoff or Retry-After sleeps past it, and GETs are retried until it rather than a fixed count.
import { backoffDelayMs, DEFAULT_RETRY, parseRetryAfter, remainingMs, sleep, type RetryOptions } from "./backoff";
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
  /**
   * Epoch ms by which the whole operation this request belongs to must be over (a provider call's wait limit).
   * @default none: each attempt gets requestTimeoutMs, GETs get retry.attempts attempts
   */
  deadline?: number;
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
  const deadline = options?.deadline;
  const attempts =
    request.method !== "GET" ? 1 : deadline !== undefined ? Infinity : Math.max(1, options?.retry?.attempts ?? DEFAULT_RETRY.attempts);
  const requestTimeoutMs = options?.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  let lastFailure: CockroachApiError | undefined;
  for (let attempt = 1; ; attempt++) {
    const release = await acquireRequestSlot(options?.rateLimit);
    const left = remainingMs(deadline);
    let outcome: Outcome<T>;
    try {
      if (left <= 0) throw lastFailure ?? outOfTime(request);
      outcome = await attemptOnce<T>(request, Math.min(requestTimeoutMs, left), Math.min(maxRetryAfterMs(options), left));
    } finally {
      release();
    }
    if (outcome.ok) return outcome.value;
    const failure = outcome.error;
    // Cut short by the deadline after earlier failures: the earlier failure says more than "timed out after 3 ms".
    if (lastFailure !== undefined && failure.status === 0 && remainingMs(deadline) <= 0) throw lastFailure;
    lastFailure = failure;
    if (!failure.retryable || attempt >= attempts) throw failure;
    const pause = backoffDelayMs(attempt, options?.retry, failure.retryAfterMs);
    // A pause that would use up the rest of the budget cannot be followed by an attempt: fail now, not at the deadline.
    if (pause >= remainingMs(deadline)) throw failure;
    await sleep(pause);
  }
}

/** The deadline passed before the first attempt could start (e.g. while waiting for a rate-limit slot). */
function outOfTime(request: ApiRequest): CockroachApiError {
  return apiError(request, 0, undefined, "the operation's time limit was used up before the request could be sent");
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
      // A truncated or garbled answer: for a GET, asking again is safe; for a mutation its outcome is unknown, so the
      // caller observes again. Either way it is transient.
      return {
        ok: false,
        error: apiError(request, response.status, undefined, `unreadable JSON answer (${describeText(text)})`, undefined, true),
      };
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
  retryable: boolean = isTransientStatus(status, apiMessage),
): CockroachApiError {
  return new CockroachApiError({
    operation: request.operation.name,
    clusterId: request.clusterId,
    status,
    code,
    apiMessage,
    retryable,
    retryAfterMs,
    hint: hintFor(request, status),
    redact: secretsOf(request),
  });
}

/** What must never appear in an error: the key, and credentials written into the server URL. */
function secretsOf(request: ApiRequest): string[] {
  const secrets = request.apiKey === undefined ? [] : [request.apiKey];
  try {
    const url = new URL(request.url);
    if (url.password) secrets.push(url.password, decodeURIComponent(url.password));
  } catch {
    // not a URL: nothing to add
  }
  return secrets;
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
      return (
        `Not found: ${request.notFound ?? (request.clusterId ? `cluster ${request.clusterId}` : "the requested object")}. ` +
        "Check the ID, that the API key's organization owns the cluster, and that COCKROACH_SERVER (or cockroach:server) " +
        "is the Cloud API's base URL. If the cluster was deleted, remove its resources from the stack with `pulumi state delete`."
      );
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
    return { code, message: message === undefined ? undefined : plainLine(message, 500) };
  } catch {
    return { message: text.trim() === "" ? undefined : describeText(text) };
  }
}

/**
 * A body that is not the API's JSON, described rather than copied: an HTML page (a proxy's or load balancer's error
 * page, or a COCKROACH_SERVER that is not the API) is named as such; other text is cut to one short line.
 */
function describeText(text: string): string {
  const trimmed = text.trim();
  if (/^<(!doctype|html|head|body|\?xml)/i.test(trimmed) || /<\/(html|body|title)>/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]{1,80})<\/title>/i.exec(trimmed)?.[1];
    return `an HTML page${title ? ` titled ${JSON.stringify(plainLine(title, 80))}` : ""} (${text.length} bytes), not an API answer; check that COCKROACH_SERVER points at the Cloud API`;
  }
  return plainLine(trimmed, 200);
}

/** One line without control characters (ANSI escapes included), at most `max` characters. */
function plainLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
