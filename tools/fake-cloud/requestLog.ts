// The record of every request the fake received, and the request-rate measure tests use to check client limiting.

/** Largest number of arrivals in any half-open window [t, t + windowMs). */
export function maxArrivalsInWindow(arrivals: number[], windowMs = 1000): number {
  const times = [...arrivals].sort((a, b) => a - b);
  let best = 0;
  let end = 0;
  for (let start = 0; start < times.length; start++) {
    // The densest window can always be slid right until it starts at an arrival, so only those starts matter.
    while (end < times.length && times[end]! < times[start]! + windowMs) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

export function queryRecord(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of params) query[key] = value;
  return query;
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}
