// Mutations whose outcome may be unknown. After a transient failure (network error, 429, 5xx, cluster lock) the
// request may or may not have been applied, so it is never simply sent again: observe, decide, act; and after a
// transient failure wait, then observe again before acting again. "Already there" is success.
//
// Transient failures are retried until the operation's deadline (not a fixed count): at 70% injected faults a
// count runs out long before the resource's wait limit. No pause sleeps past the deadline, and the client the spec
// uses carries the same deadline, so no request outlives it either.
import { describeError } from "../../core/poll";
import { backoffDelayMs, sleep } from "../api/backoff";
import type { CockroachCloudClient } from "../api/client";
import { isClusterLocked } from "../api/errors";
import { waitForCreatedCluster } from "./clusterState";
import { progressReporter, type ProviderTuning } from "./tuning";

export type Decision<R> = { done: true; value: R } | { done: false };

export interface ReconcileSpec<S, R> {
  /** What is being done, for progress lines and the final error, e.g. "register endpoint vpce-1 on cluster <id>". */
  description: string;
  /** The cluster the mutation changes: when it is locked, we wait for it to be CREATED again (GET cluster). */
  clusterId: string;
  /** Should carry the same deadline (CloudApiProvider.client(deadline)). */
  client: CockroachCloudClient;
  /** Longest time for the whole reconcile when no `deadline` is given, unless tuning.waitTimeoutMs is set. */
  defaultTimeoutMs: number;
  /** The operation's deadline (epoch ms); wins over defaultTimeoutMs. Lock waits and pauses included. */
  deadline?: number;
  observe: () => Promise<S>;
  /** Done already (the observed state is what we want), or act. */
  decide: (observed: S) => Decision<R>;
  /** Perform the mutation. Return `{ done: false }` to observe again at once (e.g. to confirm it, or after a 409). */
  act: (observed: S) => Promise<Decision<R>>;
}

/**
 * Observe, decide, act until done. Non-retryable errors are thrown as they are; when the deadline (or the optional
 * round cap) ends it with transient failures only, a plain Error says how long it tried and the last failure.
 */
export async function reconcile<S, R>(tuning: ProviderTuning, spec: ReconcileSpec<S, R>): Promise<R> {
  const maxRounds = tuning.mutationAttempts === undefined ? Infinity : Math.max(1, tuning.mutationAttempts);
  const started = Date.now();
  const deadline = spec.deadline ?? started + (tuning.waitTimeoutMs ?? spec.defaultTimeoutMs);
  const report = progressReporter(tuning);
  let lastError: unknown;
  let round = 0;
  let failures = 0;
  let unconfirmed = 0;
  while (round < maxRounds) {
    round++;
    try {
      const observed = await spec.observe();
      const decision = spec.decide(observed);
      if (decision.done) return decision.value;
      if (Date.now() >= deadline) break;
      const outcome = await spec.act(observed);
      if (outcome.done) return outcome.value;
      // Observing again to confirm an accepted change (or to adopt after a 409) is not a new round; but a change the
      // server keeps accepting while fresh reads do not show it is backed off like a failure, not repeated at once.
      unconfirmed++;
      if (unconfirmed <= 2) {
        round--;
        continue;
      }
      lastError = new Error(`the change was accepted ${unconfirmed} times, but a fresh read does not show it yet.`);
      failures++;
    } catch (err) {
      const e = err as { retryable?: boolean } | undefined;
      if (!e?.retryable) throw err;
      // Failed because the time ran out mid-request: the failure before it says more than "out of time".
      if (lastError !== undefined && Date.now() >= deadline) break;
      lastError = err;
      failures++;
      // A lock lasts as long as the exclusive operation holding it (minutes): wait for CREATED instead of backing
      // off, bounded by the deadline, then observe again at once. A lock waited out is no failed round.
      if (isClusterLocked(err) && (await waitedForUnlock(tuning, spec, deadline))) {
        round--;
        continue;
      }
    }
    const remaining = deadline - Date.now();
    if (round >= maxRounds || remaining <= 0) break;
    const e = lastError as { retryAfterMs?: number };
    const pause = Math.min(backoffDelayMs(failures, tuning.retry, e.retryAfterMs), remaining);
    report(`${spec.description}: transient failure (${describeError(lastError)}); observing again in ${Math.round(pause)} ms`);
    await sleep(pause);
  }
  const last = lastError === undefined ? "none" : describeError(lastError);
  const took = `${round} ${round === 1 ? "round" : "rounds"} in ${seconds(Date.now() - started)}`;
  const limit =
    round >= maxRounds
      ? `the limit of ${maxRounds} rounds`
      : spec.deadline === undefined
        ? `the time limit of ${seconds(deadline - started)}`
        : "the operation's time limit ran out";
  throw new Error(
    `Gave up to ${spec.description} after ${took} (${limit}); the last transient failure was: ${last} ` +
      `Run the update again; the current state is observed first, so nothing is done twice.`,
  );
}

function seconds(ms: number): string {
  return `${Number((Math.max(0, ms) / 1000).toFixed(1))}s`;
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
    timeoutMs: Math.max(0, deadline - Date.now()),
    deadline,
    requirement: `it must be CREATED to ${spec.description}`,
    onState: (state) => {
      if (state !== "CREATED") sawLocked = true;
    },
  });
  return sawLocked;
}
