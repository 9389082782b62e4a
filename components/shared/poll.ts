// Bounded waiting for asynchronous cloud state (endpoint services, connections, endpoint readiness).
// Runs inside dynamic providers from their serialized closure: no imports, only globals.

/** An error that says whether the same observation may simply be tried again later. */
export interface MaybeRetryable {
  retryable?: boolean;
  /** The server asked us to wait this long (Retry-After). */
  retryAfterMs?: number;
}

export type PollVerdict<R> = { done: true; value: R } | { done: false; status: string };

export interface PollOptions<T, R> {
  /** What is awaited, for progress lines and the timeout error, e.g. "endpoint vpce-123 to be STATUS_AVAILABLE". */
  description: string;
  timeoutMs: number;
  /** First pause between observations; it grows by half each time up to maxIntervalMs. @default 1000 */
  minIntervalMs?: number;
  /** Longest pause, so a change is noticed within this long of happening. @default 5000 */
  maxIntervalMs?: number;
  observe: () => Promise<T>;
  /** Decide from one observation: done, keep waiting (with the status to report), or throw to fail. */
  check: (observation: T) => PollVerdict<R>;
  /** Where progress lines go. Plugin stderr is shown by `pulumi up --debug`. @default console.error */
  onProgress?: (line: string) => void;
}

// Waits run inside dynamic providers from their serialized closure, where the serializer turns `super(message)` into
// `Error.call(this, message)`, which sets nothing on `this`. So the constructor sets the message itself, and the
// toString method makes the serializer keep the Error prototype chain (without a method of its own it drops it).
export class WaitTimeoutError extends Error {
  constructor(
    readonly description: string,
    readonly waitedMs: number,
    readonly lastStatus: string,
  ) {
    const message =
      `timed out after ${Math.round(waitedMs / 1000)}s waiting for ${description}; last status: ${lastStatus}. ` +
      `Run the update again to keep waiting; nothing is lost.`;
    super(message);
    Object.defineProperty(this, "message", { value: message, writable: true, configurable: true });
    this.name = "WaitTimeoutError";
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

/**
 * Observe until `check` says done, `check` throws, a non-retryable observation error occurs, or the deadline passes.
 * Retryable observation errors (network, 429, 5xx) count as "still waiting".
 */
export async function pollUntil<T, R>(options: PollOptions<T, R>): Promise<R> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const maxInterval = options.maxIntervalMs ?? 5000;
  let interval = Math.min(options.minIntervalMs ?? 1000, maxInterval);
  const report = options.onProgress ?? ((line: string) => console.error(line));
  let lastStatus = "not observed yet";
  let reported = "";

  for (;;) {
    let pause = interval;
    try {
      const verdict = options.check(await options.observe());
      if (verdict.done) return verdict.value;
      lastStatus = verdict.status;
    } catch (err) {
      const e = err as Error & MaybeRetryable;
      if (!e.retryable) throw err;
      lastStatus = `transient error: ${e.message}`;
      if (e.retryAfterMs !== undefined) pause = Math.max(pause, e.retryAfterMs);
    }
    if (lastStatus !== reported) {
      report(`waiting for ${options.description}: ${lastStatus} (${Math.round((Date.now() - started) / 1000)}s)`);
      reported = lastStatus;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new WaitTimeoutError(options.description, Date.now() - started, lastStatus);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, remaining)));
    interval = Math.min(Math.ceil(interval * 1.5), maxInterval);
  }
}
