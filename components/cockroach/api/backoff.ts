// Waiting between attempts: exponential backoff with full jitter, and the server's Retry-After when it sent one.

export interface RetryOptions {
  /**
   * Attempts in all, the first included, of a GET made without an operation deadline. With a deadline (every
   * provider call has one) a transient failure is retried until the deadline instead. @default 5
   */
  attempts?: number;
  /** Backoff ceiling of the first retry; it doubles with each retry. @default 500 */
  baseDelayMs?: number;
  /** Longest backoff, and the longest server `Retry-After` that is honoured. @default 20000 */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY = { attempts: 5, baseDelayMs: 500, maxDelayMs: 20_000 };

/**
 * Delay before retry number `retry` (1 for the first retry): a uniformly random value up to
 * min(maxDelay, baseDelay * 2^(retry-1)), but never less than what the server asked for, up to maxDelay.
 * The server's wish is capped because a `Retry-After: 3600` would otherwise park the call for an hour; when it
 * asks for longer than we are willing to wait, the retry fails sooner and the caller observes again.
 */
export function backoffDelayMs(retry: number, options: RetryOptions | undefined, retryAfterMs?: number): number {
  const base = options?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const max = options?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  const ceiling = Math.min(max, base * Math.pow(2, Math.max(0, retry - 1)));
  const jittered = Math.random() * ceiling;
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, max));
}

/** Retry-After as milliseconds: delta seconds (fractional accepted) or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Milliseconds left before `deadline` (epoch ms), Infinity without one, never negative. */
export function remainingMs(deadline: number | undefined, now: number = Date.now()): number {
  return deadline === undefined ? Infinity : Math.max(0, deadline - now);
}
