// Process-wide sliding-window limit on requests. The Cloud API allows 10 requests per second per user.
//
// A request holds its slot while in flight and for one window after its answer arrived. The server sees a request
// somewhere between our start and our receipt of the answer, so counting from the answer (not the start) keeps the
// rate *at the server* within the limit even when requests are delayed on the way (busy event loop, slow connect).
//
// Each resource type's provider is a separately serialized copy of this module inside the same provider process, so
// the windows live on globalThis under a registered symbol, not in module state. (The symbol is created in the
// function body: the closure serializer cannot capture symbol values.)

export interface RateLimitOptions {
  /** Requests allowed in any rolling window. @default 10 */
  maxRequests?: number;
  /** @default 1000 */
  windowMs?: number;
  /** Added to the window, for clock granularity. @default 50 */
  marginMs?: number;
}

interface Window {
  /** Per slot: when its request's answer arrived, or Infinity while it is in flight. */
  slots: number[];
  /** Callers take turns, so a burst is admitted in order. */
  queue: Promise<void>;
  /** Resolved (and replaced) whenever a request completes, to wake a caller waiting for a slot. */
  released: { promise: Promise<void>; resolve: () => void };
}

const GLOBAL_KEY = "crdb-private-endpoints.rate-limiter";

/** Waits until one more request may start under the limit. Call the returned function once it has completed. */
export async function acquireRequestSlot(options?: RateLimitOptions): Promise<() => void> {
  const maxRequests = options?.maxRequests ?? 10;
  const windowMs = (options?.windowMs ?? 1000) + (options?.marginMs ?? 50);
  const window = sharedWindow(`${maxRequests}/${windowMs}`);
  const slot = { end: Infinity };
  const turn = window.queue.then(async () => {
    for (;;) {
      const now = Date.now();
      window.slots = window.slots.filter((end) => now - end < windowMs);
      if (window.slots.length < maxRequests) {
        window.slots.push(Infinity);
        return;
      }
      // Wake when the oldest answered slot leaves the window, or when an in-flight request completes.
      const firstExpiry = Math.min(...window.slots) + windowMs;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expiry = new Promise((resolve) => (timer = setTimeout(resolve, Math.min(firstExpiry - now, 60_000))));
      await Promise.race([window.released.promise, expiry]);
      clearTimeout(timer);
    }
  });
  window.queue = turn.catch(() => undefined);
  await turn;
  return () => {
    if (slot.end !== Infinity) return;
    slot.end = Date.now();
    const index = window.slots.indexOf(Infinity);
    if (index >= 0) window.slots[index] = slot.end;
    const released = window.released;
    window.released = newSignal();
    released.resolve();
  };
}

function sharedWindow(key: string): Window {
  const holder = globalThis as unknown as Record<symbol, Record<string, Window> | undefined>;
  const symbol = Symbol.for(GLOBAL_KEY);
  const windows = (holder[symbol] ??= {});
  return (windows[key] ??= { slots: [], queue: Promise.resolve(), released: newSignal() });
}

function newSignal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
