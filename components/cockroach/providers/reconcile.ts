// Mutations whose outcome may be unknown. After a transient failure (network error, 429, 5xx, cluster lock) the
// request may or may not have been applied, so it is never simply sent again: observe, decide, act; and after a
// transient failure wait, then observe again before acting again. "Already there" is success.
import { backoffDelayMs, sleep } from "../api/backoff";
import type { CockroachCloudClient } from "../api/client";
import { isClusterLocked } from "../api/errors";
import { waitForCreatedCluster } from "./clusterState";
import { DEFAULT_MUTATION_ATTEMPTS, progressReporter, type ProviderTuning } from "./tuning";

export type Decision<R> = { done: true; value: R } | { done: false };

export interface ReconcileSpec<S, R> {
  /** What is being done, for progress lines and the final error, e.g. "register endpoint vpce-1 on cluster <id>". */
  description: string;
  /** The cluster the mutation changes: when it is locked, we wait for it to be CREATED again (GET cluster). */
  clusterId: string;
  client: CockroachCloudClient;
  /**
   * Longest time for the whole reconcile, lock waits and pauses included, unless tuning.waitTimeoutMs is set. No
   * pause (backoff or Retry-After) sleeps past it: the resource's wait timeout bounds what the user waits.
   */
  defaultTimeoutMs: number;
  observe: () => Promise<S>;
  /** Done already (the observed state is what we want), or act. */
  decide: (observed: S) => Decision<R>;
  /** Perform the mutation. Return `{ done: false }` to observe again at once (e.g. after a 409 to adopt). */
  act: (observed: S) => Promise<Decision<R>>;
}

export async function reconcile<S, R>(tuning: ProviderTuning, spec: ReconcileSpec<S, R>): Promise<R> {
  const attempts = Math.max(1, tuning.mutationAttempts ?? DEFAULT_MUTATION_ATTEMPTS);
  const timeoutMs = tuning.waitTimeoutMs ?? spec.defaultTimeoutMs;
  const deadline = Date.now() + timeoutMs;
  const report = progressReporter(tuning);
  let lastError: unknown;
  let round = 0;
  while (round < attempts) {
    round++;
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
      // A lock lasts as long as the exclusive operation holding it (minutes): backing off and retrying would use up
      // the attempts long before. Wait for CREATED instead, bounded by the deadline, then observe again at once. A
      // lock waited out is no failed attempt; a run of locks still ends, at the deadline.
      if (isClusterLocked(err) && (await waitedForUnlock(tuning, spec, deadline))) {
        round--;
        continue;
      }
    }
    const remaining = deadline - Date.now();
    if (round >= attempts || remaining <= 0) break;
    const e = lastError as { retryAfterMs?: number; message?: string };
    const pause = Math.min(backoffDelayMs(round, tuning.retry, e.retryAfterMs), remaining);
    report(`${spec.description}: transient failure (${e.message}); observing again in ${Math.round(pause)} ms`);
    await sleep(pause);
  }
  const last = (lastError as { message?: string } | undefined)?.message ?? "no transient error recorded";
  const limit = round >= attempts ? `${round} attempts` : `${round} attempts and ${Number((timeoutMs / 1000).toFixed(1))}s (the wait timeout)`;
  throw new Error(
    `Gave up after ${limit} to ${spec.description}; the last transient failure was: ${last} ` +
      `Run the update again; the current state is observed first, so nothing is done twice.`,
  );
}

/**
 * Waits until the cluster is CREATED, at most until the deadline (then the wait's timeout error, which names the
 * lock, is thrown). Whether the cluster was seen in another state: if it was CREATED at once, the lock was already
 * released or never showed in the state, and the caller backs off as after any transient failure.
 */
async function waitedForUnlock<S, R>(tuning: ProviderTuning, spec: ReconcileSpec<S, R>, deadline: number): Promise<boolean> {
  let sawLocked = false;
  await waitForCreatedCluster(tuning, spec.client, spec.clusterId, {
    description: `cluster ${spec.clusterId} to be unlocked`,
    timeoutMs: deadline - Date.now(),
    requirement: `it must be CREATED to ${spec.description}`,
    onState: (state) => {
      if (state !== "CREATED") sawLocked = true;
    },
  });
  return sawLocked;
}
