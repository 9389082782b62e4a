// "Did you mean": the known name a mistyped one is closest to, for messages about unknown keys.

/** The known name within two edits of `name` (or equal ignoring case), if any. */
export function closest(name: string, known: readonly string[]): string | undefined {
  const exactIgnoringCase = known.find((k) => k.toLowerCase() === name.toLowerCase());
  if (exactIgnoringCase !== undefined) return exactIgnoringCase;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(candidate.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** ` (did you mean "vpc"?)`, or "" when nothing is close. */
export function suggestion(name: string, known: readonly string[]): string {
  const close = closest(name, known);
  return close === undefined ? "" : ` (did you mean "${close}"?)`;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
