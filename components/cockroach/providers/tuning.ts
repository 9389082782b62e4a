// Knobs of a provider instance. Defaults suit real clouds; tests pass small values. Plain data only: a provider
// instance, tuning included, is serialized into state.
import type { RetryOptions } from "../api/backoff";
import { CockroachCloudClient } from "../api/client";
import type { RateLimitOptions } from "../api/rateLimiter";
import type { ConfiguredSettings } from "../api/settings";

export interface ProviderTuning {
  /**
   * How long create/update/delete wait for the cloud to reach the wanted state, and how long a mutation may take,
   * waiting out a cluster lock and transient failures included. @default per resource (services 60 min, others 10 min)
   */
  waitTimeoutMs?: number;
  /** First pause between observations while waiting. @default 1000 */
  pollMinIntervalMs?: number;
  /** Longest pause between observations, so a change is noticed within this long. @default 5000 */
  pollMaxIntervalMs?: number;
  /** Per HTTP request. @default 30000 */
  requestTimeoutMs?: number;
  /** GET retries in the transport, and the backoff between reconcile rounds after a transient mutation failure. */
  retry?: RetryOptions;
  /** @default 10 request starts per rolling second, shared by every provider in the process */
  rateLimit?: RateLimitOptions;
  /**
   * Rounds of observe-then-act after transient mutation failures before giving up. Unset, transient failures are
   * retried until the operation's deadline (waitTimeoutMs or the resource's default). @default no limit but the deadline
   */
  mutationAttempts?: number;
  /** Suppress progress lines on stderr. @default false */
  silent?: boolean;
}


/**
 * How long an allowlist or trusted owner change may take, waiting out a cluster lock included. A lock is held for
 * the length of an exclusive operation (minutes); like the connection wait, after this the user is told to run the
 * update again.
 */
export const DEFAULT_MUTATION_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The one deadline of a provider operation (epoch ms): every request, retry, Retry-After sleep and wait of the
 * operation ends by then.
 */
export function operationDeadline(tuning: ProviderTuning, defaultTimeoutMs: number): number {
  return Date.now() + (tuning.waitTimeoutMs ?? defaultTimeoutMs);
}

/**
 * A client for one provider call; settings (server, key) are resolved by the client per request. With a deadline,
 * no request outlives it and GETs are retried until it.
 */
export function clientFor(
  tuning: ProviderTuning,
  configured: ConfiguredSettings | undefined,
  deadline?: number,
): CockroachCloudClient {
  return new CockroachCloudClient({
    configured,
    requestTimeoutMs: tuning.requestTimeoutMs,
    retry: tuning.retry,
    rateLimit: tuning.rateLimit,
    deadline,
  });
}

/** Where progress lines go: plugin stderr, shown by `pulumi up --debug`. */
export function progressReporter(tuning: ProviderTuning): (line: string) => void {
  return tuning.silent ? () => undefined : (line: string) => console.error(line);
}
