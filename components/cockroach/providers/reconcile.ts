// Mutations whose outcome may be unknown. After a transient failure (network error, 429, 5xx, cluster lock) the
// request may or may not have been applied, so it is never simply sent again: observe, decide, act; and after a
// transient failure wait, then observe again before acting again. "Already there" is success.
import { backoffDelayMs, sleep } from "../api/backoff";
import { DEFAULT_MUTATION_ATTEMPTS, progressReporter, type ProviderTuning } from "./tuning";

export type Decision<R> = { done: true; value: R } | { done: false };

export interface ReconcileSpec<S, R> {
  /** What is being done, for progress lines and the final error, e.g. "register endpoint vpce-1 on cluster <id>". */
  description: string;
  observe: () => Promise<S>;
  /** Done already (the observed state is what we want), or act. */
  decide: (observed: S) => Decision<R>;
  /** Perform the mutation. Return `{ done: false }` to observe again at once (e.g. after a 409 to adopt). */
  act: (observed: S) => Promise<Decision<R>>;
}

export async function reconcile<S, R>(tuning: ProviderTuning, spec: ReconcileSpec<S, R>): Promise<R> {
  const attempts = Math.max(1, tuning.mutationAttempts ?? DEFAULT_MUTATION_ATTEMPTS);
  const report = progressReporter(tuning);
  let lastError: unknown;
  for (let round = 1; round <= attempts; round++) {
    try {
      const observed = await spec.observe();
      const decision = spec.decide(observed);
      if (decision.done) return decision.value;
      const outcome = await spec.act(observed);
      if (outcome.done) return outcome.value;
      continue;
    } catch (err) {
      const e = err as { retryable?: boolean; retryAfterMs?: number; message?: string };
      if (!e?.retryable) throw err;
      lastError = err;
      if (round === attempts) break;
      const pause = backoffDelayMs(round, tuning.retry, e.retryAfterMs);
      report(`${spec.description}: transient failure (${e.message}); observing again in ${Math.round(pause)} ms`);
      await sleep(pause);
    }
  }
  const last = (lastError as { message?: string } | undefined)?.message ?? "no transient error recorded";
  throw new Error(
    `Gave up after ${attempts} attempts to ${spec.description}; the last transient failure was: ${last} ` +
      `Run the update again; the current state is observed first, so nothing is done twice.`,
  );
}
