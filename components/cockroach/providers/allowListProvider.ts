// Provider of AllowList: one IPv4 CIDR entry of the cluster's IP allowlist. An existing entry for the same CIDR is
// adopted and brought to the wanted flags; sql/ui/name change in place. Runs from a serialized closure: see
// docs/design.md.
import type * as pulumi from "@pulumi/pulumi";
import type { AllowlistFlags, CockroachCloudClient } from "../api/client";
import { isAlreadyExists, isNotFound } from "../api/errors";
import type { AllowlistEntry } from "../api/types";
import {
  checkBoolean,
  checkCidrIp,
  checkCidrMask,
  checkClusterId,
  checkOptionalString,
  failures,
  normalizeMask,
} from "./checks";
import { CloudApiProvider } from "./cloudApiProvider";
import { readInputs } from "./readInputs";
import { reconcile, type Decision } from "./reconcile";
import { splitClusterScopedId } from "./resourceIds";
import { DEFAULT_MUTATION_TIMEOUT_MS, type ProviderTuning } from "./tuning";

export interface AllowListInputs {
  clusterId: string;
  cidrIp: string;
  cidrMask: number;
  sql: boolean;
  ui: boolean;
  /** Unset: the server picks a default, reported in the `name` output. */
  name?: string;
}

export interface AllowListOutputs extends AllowListInputs {
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
    const inputs = { ...news, cidrMask: normalizeMask(news.cidrMask) as number };
    return {
      inputs,
      failures: failures(
        checkClusterId(inputs.clusterId),
        checkCidrIp(inputs.cidrIp),
        checkCidrMask(inputs.cidrMask),
        checkBoolean(inputs.sql, "sql"),
        checkBoolean(inputs.ui, "ui"),
        checkOptionalString(inputs.name, "name"),
      ),
    };
  }

  async diff(_id: string, olds: AllowListOutputs, news: AllowListInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces = REPLACING_KEYS.filter((key) => olds[key] !== news[key]);
    const updates =
      olds.sql !== news.sql || olds.ui !== news.ui || (news.name !== undefined && news.name !== olds.name);
    return { changes: replaces.length > 0 || updates, replaces };
  }

  async create(inputs: AllowListInputs): Promise<pulumi.dynamic.CreateResult<AllowListOutputs>> {
    const outs = await this.converge(inputs);
    return { id: `${inputs.clusterId}:${inputs.cidrIp}/${inputs.cidrMask}`, outs };
  }

  async update(_id: string, _olds: AllowListOutputs, news: AllowListInputs): Promise<pulumi.dynamic.UpdateResult<AllowListOutputs>> {
    return { outs: await this.converge(news) };
  }

  async read(id: string, _props?: AllowListOutputs): Promise<pulumi.dynamic.ReadResult<AllowListOutputs>> {
    const { clusterId, cidrIp, cidrMask } = parseAllowListId(id);
    const entry = await findEntryOrNone(this.client(), clusterId, cidrIp, cidrMask);
    if (entry === undefined) return { id: "" };
    const outs = outputsOf(clusterId, entry);
    return { id: `${clusterId}:${cidrIp}/${cidrMask}`, props: outs, inputs: readInputs<AllowListOutputs>({ ...outs }) };
  }

  async delete(id: string, props: AllowListOutputs): Promise<void> {
    const { clusterId, cidrIp, cidrMask } = props?.clusterId && props.cidrIp ? props : parseAllowListId(id);
    const client = this.client();
    await reconcile(this.tuning, {
      description: `remove ${cidrIp}/${cidrMask} from the allowlist of cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_MUTATION_TIMEOUT_MS,
      observe: () => findEntryOrNone(client, clusterId, cidrIp, cidrMask),
      decide: (entry) => (entry === undefined ? { done: true, value: undefined } : { done: false }),
      act: async () => {
        try {
          await client.deleteAllowlistEntry(clusterId, cidrIp, cidrMask);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        return { done: true, value: undefined };
      },
    });
  }

  /** Adds the entry, or brings an existing one to the wanted flags. */
  private async converge(wanted: AllowListInputs): Promise<AllowListOutputs> {
    const { clusterId, cidrIp, cidrMask } = wanted;
    const flags: AllowlistFlags = { ui: wanted.ui, sql: wanted.sql };
    if (wanted.name !== undefined) flags.name = wanted.name;
    const client = this.client();
    const entry = await reconcile(this.tuning, {
      description: `allow ${cidrIp}/${cidrMask} on cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_MUTATION_TIMEOUT_MS,
      observe: () => findEntry(client, clusterId, cidrIp, cidrMask),
      decide: (existing): Decision<AllowlistEntry> =>
        existing !== undefined && matches(existing, flags) ? { done: true, value: existing } : { done: false },
      act: async (existing): Promise<Decision<AllowlistEntry>> => {
        if (existing !== undefined) {
          return { done: true, value: await client.updateAllowlistEntry(clusterId, cidrIp, cidrMask, flags) };
        }
        try {
          return { done: true, value: await client.addAllowlistEntry(clusterId, { cidr_ip: cidrIp, cidr_mask: cidrMask, ...flags }) };
        } catch (err) {
          // Added meanwhile (or by an earlier attempt whose answer was lost): observe again and adopt it.
          if (isAlreadyExists(err)) return { done: false };
          throw err;
        }
      },
    });
    return outputsOf(clusterId, { ...entry, name: entry.name ?? wanted.name });
  }
}

function matches(entry: AllowlistEntry, flags: AllowlistFlags): boolean {
  return entry.ui === flags.ui && entry.sql === flags.sql && (flags.name === undefined || entry.name === flags.name);
}

async function findEntry(
  client: CockroachCloudClient,
  clusterId: string,
  cidrIp: string,
  cidrMask: number,
): Promise<AllowlistEntry | undefined> {
  const entries = await client.listAllowlistEntries(clusterId);
  return entries.find((e) => e.cidr_ip === cidrIp && Number(e.cidr_mask) === cidrMask);
}

/** As findEntry, but a cluster that is gone has no entries either. */
async function findEntryOrNone(
  client: CockroachCloudClient,
  clusterId: string,
  cidrIp: string,
  cidrMask: number,
): Promise<AllowlistEntry | undefined> {
  try {
    return await findEntry(client, clusterId, cidrIp, cidrMask);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

function parseAllowListId(id: string): { clusterId: string; cidrIp: string; cidrMask: number } {
  const { clusterId, rest } = splitClusterScopedId(id, "AllowList", ID_FORMAT);
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(rest);
  if (!match || Number(match[2]) > 32) {
    throw new Error(`Invalid AllowList ID ${JSON.stringify(id)}: expected ${ID_FORMAT}, e.g. 1f69fdd2-600a-4cfc-a9ba-16995df0d77d:203.0.113.0/24.`);
  }
  return { clusterId, cidrIp: match[1]!, cidrMask: Number(match[2]) };
}

function outputsOf(clusterId: string, entry: AllowlistEntry): AllowListOutputs {
  const outs: AllowListOutputs = {
    clusterId,
    cidrIp: entry.cidr_ip,
    cidrMask: Number(entry.cidr_mask),
    sql: entry.sql,
    ui: entry.ui,
  };
  if (entry.name !== undefined) outs.name = entry.name;
  return outs;
}
