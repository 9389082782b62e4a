// The one error type of the Cloud API client. It must survive closure serialization: there, `super(message)` of a
// class extending Error becomes `Error.call(this, message)`, which sets nothing on `this`, so the constructor sets
// message and stack itself; the toString method makes the serializer keep the Error prototype chain.
import type { MaybeRetryable } from "../../core/poll";

/** gRPC status names by number: the API's error body carries google.rpc.Status `{ code, message, details }`. */
const GRPC_CODE_NAMES = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
];

export interface CockroachApiErrorInit {
  /** Operation name as in the API spec, e.g. "AddPrivateEndpointConnection". */
  operation: string;
  clusterId?: string;
  /** HTTP status, or 0 when no answer arrived (network error, timeout, dropped connection). */
  status: number;
  /** API error code: a gRPC status name, or its number as sent. */
  code?: string | number;
  apiMessage?: string;
  retryable: boolean;
  /** How long the server asked us to wait (Retry-After), capped at the retry policy's max delay. */
  retryAfterMs?: number;
  /** What to do about it, appended to the message (roles needed, what is missing, how to set the key). */
  hint?: string;
  /** Secrets to strip from every text the error carries (the API key). */
  redact?: string[];
}

export class CockroachApiError extends Error implements MaybeRetryable {
  declare readonly status: number;
  declare readonly code?: string;
  declare readonly apiMessage?: string;
  declare readonly operation: string;
  declare readonly clusterId?: string;
  declare readonly retryable: boolean;
  declare readonly retryAfterMs?: number;

  constructor(init: CockroachApiErrorInit) {
    const secrets = init.redact ?? [];
    const rawCode = codeName(init.code);
    const code = rawCode === undefined ? undefined : redactSecrets(rawCode, secrets);
    const apiMessage = init.apiMessage === undefined ? undefined : redactSecrets(init.apiMessage, secrets);
    const message = redactSecrets(composeMessage(init, code, apiMessage), secrets);
    super(message);
    if (this.message !== message) {
      Object.defineProperty(this, "message", { value: message, writable: true, configurable: true });
      Error.captureStackTrace(this, CockroachApiError);
    }
    this.name = "CockroachApiError";
    this.status = init.status;
    this.code = code;
    this.apiMessage = apiMessage;
    this.operation = init.operation;
    this.clusterId = init.clusterId;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

/**
 * Whether an error is the cluster lock: an exclusive operation (upgrade, scaling, ...) holds the cluster, and
 * mutations are refused with 409 or 503 mentioning "lock" until its state is CREATED again.
 */
export function isClusterLocked(err: unknown): boolean {
  const e = err as Partial<CockroachApiError> | undefined;
  return (e?.status === 409 || e?.status === 503) && /lock/i.test(e.apiMessage ?? "");
}

/** Whether an error is the API saying the thing already exists (HTTP 409 that is not a cluster lock). */
export function isAlreadyExists(err: unknown): boolean {
  const e = err as Partial<CockroachApiError> | undefined;
  return e?.status === 409 && !e.retryable;
}

/**
 * Whether a failed mutation may still have been applied: no answer (network error, timeout, dropped connection) or a
 * 5xx. A 4xx (429 included) is a refusal: nothing was done.
 */
export function mayHaveApplied(err: unknown): boolean {
  const status = (err as Partial<CockroachApiError> | undefined)?.status;
  return typeof status !== "number" || status === 0 || status >= 500;
}

export function isNotFound(err: unknown): boolean {
  return (err as Partial<CockroachApiError> | undefined)?.status === 404;
}

function composeMessage(init: CockroachApiErrorInit, code: string | undefined, apiMessage: string | undefined): string {
  const where = init.clusterId ? ` (cluster ${init.clusterId})` : "";
  const what = init.status === 0 ? "no answer" : `HTTP ${init.status}${code ? ` ${code}` : ""}`;
  const detail = apiMessage ? `: ${apiMessage}` : "";
  const hint = init.hint ? ` ${init.hint}` : "";
  return `CockroachDB Cloud API ${init.operation}${where} failed: ${what}${detail}.${hint}`.replace(/\.\.(\s|$)/g, ".$1");
}

function codeName(code: string | number | undefined): string | undefined {
  if (code === undefined || code === "") return undefined;
  if (typeof code === "number") return GRPC_CODE_NAMES[code] ?? String(code);
  return code;
}

/**
 * Secrets shorter than this are redacted only where they stand as a whole token (not inside a longer word): real API
 * keys are far longer, and blanking a short string everywhere (e.g. a key "a") would corrupt every message while
 * protecting nothing. Longer secrets are redacted wherever they occur.
 */
export const MIN_REDACTED_SECRET_LENGTH = 8;

/** Removes each secret, and any bearer token, from a text. */
export function redactSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === "") continue;
    if (secret.length >= MIN_REDACTED_SECRET_LENGTH) out = out.split(secret).join("[REDACTED]");
    else out = out.replace(new RegExp(`(?<![A-Za-z0-9_-])${escapeRegExp(secret)}(?![A-Za-z0-9_-])`, "g"), "[REDACTED]");
  }
  return out.replace(/(Bearer\s+)[^\s"',;]+/gi, "$1[REDACTED]");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
