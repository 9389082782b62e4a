// Provider of AllowList: one IPv4 CIDR entry of the cluster's IP allowlist. An existing entry for the same CIDR is
// adopted (recorded as such, and left in place on delete unless `deleteAdopted`) and brought to the wanted flags;
// sql/ui/name change in place. Runs from a serialized closure: see docs/design.md.
import type * as pulumi from "@pulumi/pulumi";
import type { AllowlistFlags, CockroachCloudClient } from "../api/client";
import { isAlreadyExists, isNotFound, mayHaveApplied } from "../api/errors";
import type { AllowlistEntry } from "../api/types";
import {
  checkAllowlistName,
  checkBoolean,
  checkCidrIp,
  checkCidrMask,
  checkClusterId,
  checkHostBits,
  failures,
  normalizeMask,
} from "./checks";
import { CloudApiProvider } from "./cloudApiProvider";
import { adoptionDiffers, leaveAdopted, type Ownership } from "./ownership";
import { readInputs } from "./readInputs";
import { reconcile, type Decision } from "./reconcile";
import { splitClusterScopedId } from "./resourceIds";
import { definedOnly, partialCreateError } from "./results";
import { DEFAULT_MUTATION_TIMEOUT_MS, operationDeadline, progressReporter, type ProviderTuning } from "./tuning";

export interface AllowListInputs {
  clusterId: string;
  cidrIp: string;
  cidrMask: number;
  sql: boolean;
  ui: boolean;
  /** Unset: the server picks a default, reported in the `name` output. */
  name?: string;
  /** Delete the entry on destroy even when it was adopted (it existed before this resource). @default false */
  deleteAdopted?: boolean;
}

export interface AllowListOutputs extends AllowListInputs, Ownership {
  name?: string;
}

const ID_FORMAT = "<clusterId>:<cidrIp>/<cidrMask>";
const REPLACING_KEYS = ["clusterId", "cidrIp", "cidrMask"] as const;

export class AllowListProvider
  extends CloudApiProvider
  implements pulumi.dynamic.ResourceProvider<AllowListInputs, AllowListOutputs> {
  constructor(tuning: ProviderTuning = {}) {
    super(tuning);
  }

  async check(_olds: AllowListInputs, news: AllowListInputs): Promise<pulumi.dynamic.CheckResult<AllowListInputs>> {
    const inputs = definedOnly({ ...news, cidrMask: normalizeMask(news.cidrMask) as number });
    return {
      inputs,
      failures: failures(
        checkClusterId(inputs.clusterId),
        checkCidrIp(inputs.cidrIp),
        checkCidrMask(inputs.cidrMask),
        checkHostBits(inputs.cidrIp, inputs.cidrMask),
        checkBoolean(inputs.sql, "sql"),
        checkBoolean(inputs.ui, "ui"),
        checkAllowlistName(inputs.name, "name"),
        inputs.deleteAdopted === undefined ? undefined : checkBoolean(inputs.deleteAdopted, "deleteAdopted"),
      ),
    };
  }

  async diff(_id: string, olds: AllowListOutputs, news: AllowListInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces = REPLACING_KEYS.filter((key) => olds[key] !== news[key]);
    const updates =
      olds.sql !== news.sql ||
      olds.ui !== news.ui ||
      (news.name !== undefined && news.name !== olds.name) ||
      (olds.deleteAdopted ?? false) !== (news.deleteAdopted ?? false);
    return { changes: replaces.length > 0 || updates, replaces };
  }

  async create(inputs: AllowListInputs): Promise<pulumi.dynamic.CreateResult<AllowListOutputs>> {
    const id = `${inputs.clusterId}:${inputs.cidrIp}/${inputs.cidrMask}`;
    const progress = { adopted: false, exists: false };
    try {
      return { id, outs: await this.converge(inputs, progress) };
    } catch (err) {
      if (!progress.exists) throw err;
      throw partialCreateError(err, id, outputsOf(inputs, progress.adopted, inputs.name), inputs);
    }
  }

  async update(_id: string, olds: AllowListOutputs, news: AllowListInputs): Promise<pulumi.dynamic.UpdateResult<AllowListOutputs>> {
    const progress = { adopted: olds.adopted ?? false, exists: true };
    return { outs: await this.converge(news, progress) };
  }

  async read(id: string, props?: AllowListOutputs): Promise<pulumi.dynamic.ReadResult<AllowListOutputs>> {
    const { clusterId, cidrIp, cidrMask } = parseAllowListId(id);
    const deadline = operationDeadline(this.tuning, DEFAULT_MUTATION_TIMEOUT_MS);
    const client = this.client(deadline);
    // A 404 for the list is the cluster (or the server URL) missing: an error, never "the entry is gone".
    const entry = await findEntry(client, clusterId, cidrIp, cidrMask);
    if (entry === undefined) return { id: "" };
    const inputs: AllowListInputs = { clusterId, cidrIp, cidrMask, sql: entry.sql, ui: entry.ui };
    if (entry.name !== undefined) inputs.name = entry.name;
    if (props?.deleteAdopted !== undefined) inputs.deleteAdopted = props.deleteAdopted;
    return {
      id: `${clusterId}:${cidrIp}/${cidrMask}`,
      props: outputsOf(inputs, props?.adopted ?? false, entry.name),
      inputs: readInputs<AllowListOutputs>(definedOnly(inputs)),
    };
  }

  async delete(id: string, props: AllowListOutputs): Promise<void> {
    const { clusterId, cidrIp, cidrMask } = props?.clusterId && props.cidrIp ? props : parseAllowListId(id);
    const what = `allowlist entry ${cidrIp}/${cidrMask} of cluster ${clusterId}`;
    if (leaveAdopted(props, what, "AllowList", progressReporter(this.tuning))) return;
    const deadline = operationDeadline(this.tuning, DEFAULT_MUTATION_TIMEOUT_MS);
    const client = this.client(deadline);
    let answeredMissing = false;
    await reconcile(this.tuning, {
      description: `remove ${cidrIp}/${cidrMask} from the allowlist of cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_MUTATION_TIMEOUT_MS,
      deadline,
      observe: () => findEntry(client, clusterId, cidrIp, cidrMask),
      decide: (entry) => (entry === undefined ? { done: true, value: undefined } : { done: false }),
      act: async () => {
        try {
          await client.deleteAllowlistEntry(clusterId, cidrIp, cidrMask);
        } catch (err) {
          if (!isNotFound(err)) throw err;
          // Listed, yet the DELETE says missing: look once more, then stop rather than loop on a contradiction.
          if (answeredMissing) throw err;
          answeredMissing = true;
        }
        return { done: false }; // gone only once a fresh list no longer shows it
      },
    });
  }

  /**
   * Adds the entry, or brings an existing one to the wanted flags; done only when a fresh list shows the entry with
   * them, so the outputs never rest on a partial answer. `progress` records what exists by now, for a partial create.
   */
  private async converge(wanted: AllowListInputs, progress: { adopted: boolean; exists: boolean }): Promise<AllowListOutputs> {
    const { clusterId, cidrIp, cidrMask } = wanted;
    const flags: AllowlistFlags = { ui: wanted.ui, sql: wanted.sql };
    if (wanted.name !== undefined) flags.name = wanted.name;
    const deadline = operationDeadline(this.tuning, DEFAULT_MUTATION_TIMEOUT_MS);
    const client = this.client(deadline);
    const report = progressReporter(this.tuning);
    let firstLook = !progress.exists;
    const entry = await reconcile(this.tuning, {
      description: `allow ${cidrIp}/${cidrMask} on cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_MUTATION_TIMEOUT_MS,
      deadline,
      observe: () => findEntry(client, clusterId, cidrIp, cidrMask),
      decide: (existing): Decision<AllowlistEntry> => {
        if (firstLook && existing !== undefined) {
          progress.adopted = true;
          const change = adoptionDiffers(existing, flags);
          if (change) report(`AllowList ${cidrIp}/${cidrMask} of cluster ${clusterId}: adopting an existing entry; ${change}`);
        }
        firstLook = false;
        if (existing !== undefined) progress.exists = true;
        return existing !== undefined && matches(existing, flags) ? { done: true, value: existing } : { done: false };
      },
      act: async (existing): Promise<Decision<AllowlistEntry>> => {
        if (existing !== undefined) {
          await client.updateAllowlistEntry(clusterId, cidrIp, cidrMask, flags);
          return { done: false };
        }
        try {
          await client.addAllowlistEntry(clusterId, { cidr_ip: cidrIp, cidr_mask: cidrMask, ...flags });
          progress.exists = true;
        } catch (err) {
          if (mayHaveApplied(err)) progress.exists = true;
          // Added meanwhile (or by an earlier attempt whose answer was lost): observe again and adopt it.
          if (!isAlreadyExists(err)) throw err;
        }
        return { done: false };
      },
    });
    return outputsOf(wanted, progress.adopted, entry.name ?? wanted.name);
  }
}

function matches(entry: AllowlistEntry, flags: AllowlistFlags): boolean {
  return entry.ui === flags.ui && entry.sql === flags.sql && (flags.name === undefined || entry.name === flags.name);
}

/** The cluster's entry for `cidrIp/cidrMask`, from a fresh list (a 404 for the list is an error, never "absent"). */
export async function findEntry(
  client: CockroachCloudClient,
  clusterId: string,
  cidrIp: string,
  cidrMask: number,
): Promise<AllowlistEntry | undefined> {
  const entries = await client.listAllowlistEntries(clusterId);
  return entries.find((e) => e.cidr_ip === cidrIp && Number(e.cidr_mask) === cidrMask);
}

function parseAllowListId(id: string): { clusterId: string; cidrIp: string; cidrMask: number } {
  const { clusterId, rest } = splitClusterScopedId(id, "AllowList", ID_FORMAT);
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(rest);
  if (!match || Number(match[2]) > 32) {
    throw new Error(`Invalid AllowList ID ${JSON.stringify(id)}: expected ${ID_FORMAT}, e.g. 1f69fdd2-600a-4cfc-a9ba-16995df0d77d:203.0.113.0/24.`);
  }
  return { clusterId, cidrIp: match[1]!, cidrMask: Number(match[2]) };
}

/** Outputs from the inputs, plus the name the server confirmed on a fresh list (its default when none was given). */
function outputsOf(inputs: AllowListInputs, adopted: boolean, confirmedName: string | undefined): AllowListOutputs {
  return definedOnly({ ...inputs, name: confirmedName ?? inputs.name, adopted });
}
