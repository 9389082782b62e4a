// Bounded waits of the providers, on top of pollUntil with the provider's tuning.
import { pollUntil, type PollVerdict } from "../../core/poll";
import { progressReporter, type ProviderTuning } from "./tuning";

export interface WaitSpec<T, R> {
  /** What is awaited, e.g. "private endpoint vpce-1 on cluster <id> to be STATUS_AVAILABLE". */
  description: string;
  defaultTimeoutMs: number;
  /** The operation's deadline (epoch ms), when the wait is one step of it: the wait ends by then at the latest. */
  deadline?: number;
  observe: () => Promise<T>;
  check: (observation: T) => PollVerdict<R>;
}

export function waitFor<T, R>(tuning: ProviderTuning, spec: WaitSpec<T, R>): Promise<R> {
  return pollUntil({
    description: spec.description,
    timeoutMs: tuning.waitTimeoutMs ?? spec.defaultTimeoutMs,
    deadline: spec.deadline,
    minIntervalMs: tuning.pollMinIntervalMs ?? 1000,
    maxIntervalMs: tuning.pollMaxIntervalMs ?? 5000,
    observe: spec.observe,
    check: spec.check,
    onProgress: progressReporter(tuning),
  });
}
