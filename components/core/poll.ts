// Bounded waiting for asynchronous cloud state (endpoint services, connections, endpoint readiness).
// Runs inside dynamic providers from their serialized closure: no imports, only globals. The deadline holds: no
// pause sleeps past it, and an observation still running at the deadline is abandoned, not awaited.

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
  /** Longest wait, from the call. */
  timeoutMs: number;
  /**
   * Epoch ms by which the wait must be over, when it is part of a longer operation with one deadline: the wait ends
   * at whichever of this and timeoutMs comes first. @default started + timeoutMs
   */
  deadline?: number;
  /** First pause between observations; it grows by half each time up to maxIntervalMs. @default 1000 */
  minIntervalMs?: number;
  /** Longest pause, so a change is noticed within this long of happening. @default 5000 */
  maxIntervalMs?: number;
  /**
   * One observation. At the deadline its signal is aborted: pass it on to the request, so the request ends then. One
   * that ignores the signal is given observationGraceMs more to settle (so it does not go on running behind the
   * caller's back), then abandoned, and the wait times out: a hung request cannot stretch the wait beyond that.
   */
  observe: (signal: AbortSignal) => Promise<T>;
  /** How long an observation that ignores its aborted signal may still run after the deadline. @default 5000 */
  observationGraceMs?: number;
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
      `timed out after ${Math.round(waitedMs / 1000)}s waiting for ${description}; last status: ${lastStatus.replace(/\.+$/, "")}. ` +
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
  const deadline = Math.min(started + options.timeoutMs, options.deadline ?? Infinity);
  const maxInterval = options.maxIntervalMs ?? 5000;
  let interval = Math.min(options.minIntervalMs ?? 1000, maxInterval);
  const report = options.onProgress ?? ((line: string) => console.error(line));
  let lastStatus = "not observed yet";
  let reported = "";
  const timedOut = () => new WaitTimeoutError(options.description, Date.now() - started, lastStatus);

  for (;;) {
    let pause = interval;
    try {
      const observed = await withinDeadline(options.observe, deadline, options.observationGraceMs ?? 5000);
      if (observed.late) throw timedOut();
      const verdict = options.check(observed.value);
      if (verdict.done) return verdict.value;
      lastStatus = verdict.status;
    } catch (err) {
      if (err instanceof WaitTimeoutError) throw err;
      const e = err as MaybeRetryable | undefined;
      if (!e?.retryable) throw err;
      // Failed because the time ran out mid-request: the last real status says more than "out of time".
      if (Date.now() >= deadline && reported !== "") throw timedOut();
      lastStatus = `transient error: ${describeError(err)}`;
      if (e.retryAfterMs !== undefined) pause = Math.max(pause, e.retryAfterMs);
    }
    if (lastStatus !== reported) {
      report(`waiting for ${options.description}: ${lastStatus} (${Math.round((Date.now() - started) / 1000)}s)`);
      reported = lastStatus;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timedOut();
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, remaining)));
    interval = Math.min(Math.ceil(interval * 1.5), maxInterval);
  }
}

/** Runs one observation; at the deadline aborts its signal, and stops waiting for it graceMs later. */
async function withinDeadline<T>(
  observe: (signal: AbortSignal) => Promise<T>,
  deadline: number,
  graceMs: number,
): Promise<{ late: false; value: T } | { late: true }> {
  const controller = new AbortController();
  const timers: ReturnType<typeof setTimeout>[] = [];
  const late = new Promise<{ late: true }>((resolve) => {
    timers.push(
      setTimeout(() => {
        controller.abort();
        timers.push(setTimeout(() => resolve({ late: true }), graceMs));
      }, Math.max(0, deadline - Date.now())),
    );
  });
  try {
    const observation = observe(controller.signal).then((value) => ({ late: false as const, value }));
    // An observation abandoned at the deadline may still reject later: that rejection is expected, not unhandled.
    observation.catch(() => undefined);
    const outcome = await Promise.race([observation, late]);
    // Settled only because the deadline aborted it: the time is up whatever it answered.
    return controller.signal.aborted ? { late: true } : outcome;
  } finally {
    timers.forEach(clearTimeout);
  }
}

/**
 * A transient error in words, whatever was thrown: SDK errors are not always `Error`s, and a message-less one must
 * not print as "undefined" or "[object Object]".
 */
export function describeError(err: unknown): string {
  if (typeof err === "string") return err;
  const e = err as { message?: unknown; name?: unknown; code?: unknown; Code?: unknown } | undefined;
  if (typeof e?.message === "string" && e.message !== "") return e.message;
  const name = [e?.name, e?.code, e?.Code].find((v) => typeof v === "string" && v !== "");
  if (typeof name === "string") return name;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}
