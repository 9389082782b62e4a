// Provider of AllowListEntryRemoval: deletes one allowlist entry the cluster was created with (the wide-open
// 0.0.0.0/0 of a new cluster), deliberately and once the resources it depends on exist. Runs from a serialized
// closure (docs/design.md): only the client, plain data and plain Errors.
import type * as pulumi from "@pulumi/pulumi";
import type { CockroachCloudClient } from "../api/client";
import { isNotFound } from "../api/errors";
import type { AllowlistEntry } from "../api/types";
import { checkCidrIp, checkCidrMask, checkClusterId, failures, normalizeMask } from "./checks";
import { findEntry } from "./allowListProvider";
import { CloudApiProvider } from "./cloudApiProvider";
import { type Decision, reconcile } from "./reconcile";
import { DEFAULT_MUTATION_TIMEOUT_MS, operationDeadline, progressReporter, type ProviderTuning } from "./tuning";

export interface AllowListEntryRemovalInputs {
  clusterId: string;
  cidrIp: string;
  cidrMask: number;
}

export interface AllowListEntryRemovalOutputs extends AllowListEntryRemovalInputs {
  /** Whether an entry was there to remove. */
  removed: boolean;
  /** What the removed entry allowed, for the record. */
  removedEntry?: { sql: boolean; ui: boolean; name?: string };
}

export class AllowListEntryRemovalProvider
  extends CloudApiProvider
  implements pulumi.dynamic.ResourceProvider<AllowListEntryRemovalInputs, AllowListEntryRemovalOutputs> {
  constructor(tuning: ProviderTuning = {}) {
    super(tuning);
  }

  async check(
    _olds: AllowListEntryRemovalInputs,
    news: AllowListEntryRemovalInputs,
  ): Promise<pulumi.dynamic.CheckResult<AllowListEntryRemovalInputs>> {
    const inputs = { ...news, cidrMask: normalizeMask(news.cidrMask) as number };
    return {
      inputs,
      failures: failures(checkClusterId(inputs.clusterId), checkCidrIp(inputs.cidrIp), checkCidrMask(inputs.cidrMask)),
    };
  }

  async diff(
    _id: string,
    olds: AllowListEntryRemovalOutputs,
    news: AllowListEntryRemovalInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces = (["clusterId", "cidrIp", "cidrMask"] as const).filter((key) => olds[key] !== news[key]);
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
  }

  async create(inputs: AllowListEntryRemovalInputs): Promise<pulumi.dynamic.CreateResult<AllowListEntryRemovalOutputs>> {
    const { clusterId, cidrIp, cidrMask } = inputs;
    // The shared reconcile loop: one deadline for the whole removal, transient faults retried until it, and a
    // delete whose answer was lost is followed by a fresh look, never by a blind second delete.
    const deadline = operationDeadline(this.tuning, DEFAULT_MUTATION_TIMEOUT_MS);
    const client = this.client(deadline);
    const report = progressReporter(this.tuning);
    let removedEntry: AllowlistEntry | undefined;
    await reconcile(this.tuning, {
      description: `remove ${cidrIp}/${cidrMask} from the allowlist of cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_MUTATION_TIMEOUT_MS,
      deadline,
      observe: () => findEntry(client, clusterId, cidrIp, cidrMask),
      decide: (entry): Decision<true> => (entry === undefined ? { done: true, value: true } : { done: false }),
      act: async (entry): Promise<Decision<true>> => {
        removedEntry ??= entry;
        report(`removing ${cidrIp}/${cidrMask} from the allowlist of cluster ${clusterId}`);
        await deleteEntry(client, clusterId, cidrIp, cidrMask);
        return { done: false };
      },
    });
    const outs: AllowListEntryRemovalOutputs = { clusterId, cidrIp, cidrMask, removed: removedEntry !== undefined };
    if (removedEntry !== undefined) {
      outs.removedEntry = { sql: removedEntry.sql, ui: removedEntry.ui };
      if (removedEntry.name !== undefined) outs.removedEntry.name = removedEntry.name;
    }
    return { id: `${clusterId}:${cidrIp}/${cidrMask}`, outs };
  }

  /** The entry back (added again outside Pulumi): report the removal gone, so the next `up` removes it again. */
  async read(id: string, props?: AllowListEntryRemovalOutputs): Promise<pulumi.dynamic.ReadResult<AllowListEntryRemovalOutputs>> {
    if (props === undefined) return { id, props };
    const back = await findEntry(
      this.client(operationDeadline(this.tuning, DEFAULT_MUTATION_TIMEOUT_MS)),
      props.clusterId,
      props.cidrIp,
      props.cidrMask,
    );
    return back === undefined ? { id, props } : { id: "" };
  }

  /** Never puts the entry back: re-opening the cluster is not something a destroy should do silently. */
  async delete(_id: string, props: AllowListEntryRemovalOutputs): Promise<void> {
    progressReporter(this.tuning)(
      `not restoring ${props.cidrIp}/${props.cidrMask} on cluster ${props.clusterId}: add it back yourself if you want it`,
    );
  }
}

async function deleteEntry(client: CockroachCloudClient, clusterId: string, cidrIp: string, cidrMask: number): Promise<void> {
  try {
    await client.deleteAllowlistEntry(clusterId, cidrIp, cidrMask);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
