// Provider of PrivateEndpointTrustedOwner: an AWS account allowed to connect privately. The API does not deduplicate
// (each POST adds an entry with a new ID), so an identical existing entry is adopted instead of adding another, and
// identical entries are one fact: after a POST whose answer was lost, or one that landed after another process's
// look (a crash and a re-run), the extras are removed, and deleting a created owner removes every identical entry
// so no orphan keeps the account trusted. Adding and removing need CLUSTER_ADMIN. Runs from a serialized closure:
// see docs/design.md.
import type * as pulumi from "@pulumi/pulumi";
import type { CockroachCloudClient } from "../api/client";
import { isAlreadyExists, isNotFound } from "../api/errors";
import type { TrustedOwner } from "../api/types";
import { checkBoolean, checkClusterId, checkExternalOwnerId, checkTrustedOwnerType, failures } from "./checks";
import { CloudApiProvider } from "./cloudApiProvider";
import { leaveAdopted, type Ownership } from "./ownership";
import { readInputs } from "./readInputs";
import { reconcile, type Decision } from "./reconcile";
import { splitClusterScopedId } from "./resourceIds";
import { definedOnly, partialCreateError } from "./results";
import { DEFAULT_MUTATION_TIMEOUT_MS, operationDeadline, progressReporter, type ProviderTuning } from "./tuning";

export interface PrivateEndpointTrustedOwnerInputs {
  clusterId: string;
  /** "AWS_ACCOUNT_ID" */
  type: string;
  externalOwnerId: string;
  /** Delete the entry on destroy even when it was adopted (it existed before this resource). @default false */
  deleteAdopted?: boolean;
}

export interface PrivateEndpointTrustedOwnerOutputs extends PrivateEndpointTrustedOwnerInputs, Ownership {
  /** UUID of the trusted owner entry. */
  ownerId: string;
}

const ID_FORMAT = "<clusterId>:<ownerId>";
const INPUT_KEYS = ["clusterId", "type", "externalOwnerId"] as const;

export class PrivateEndpointTrustedOwnerProvider
  extends CloudApiProvider
  implements pulumi.dynamic.ResourceProvider<PrivateEndpointTrustedOwnerInputs, PrivateEndpointTrustedOwnerOutputs>
{
  constructor(tuning: ProviderTuning = {}) {
    super(tuning);
  }

  async check(
    _olds: PrivateEndpointTrustedOwnerInputs,
    news: PrivateEndpointTrustedOwnerInputs,
  ): Promise<pulumi.dynamic.CheckResult<PrivateEndpointTrustedOwnerInputs>> {
    return {
      inputs: definedOnly(news),
      failures: failures(
        checkClusterId(news.clusterId),
        checkTrustedOwnerType(news.type),
        checkExternalOwnerId(news.externalOwnerId),
        news.deleteAdopted === undefined ? undefined : checkBoolean(news.deleteAdopted, "deleteAdopted"),
      ),
    };
  }

  async diff(
    _id: string,
    olds: PrivateEndpointTrustedOwnerOutputs,
    news: PrivateEndpointTrustedOwnerInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces = INPUT_KEYS.filter((key) => olds[key] !== news[key]);
    const updates = (olds.deleteAdopted ?? false) !== (news.deleteAdopted ?? false);
    return { changes: replaces.length > 0 || updates, replaces };
  }

  async create(
    inputs: PrivateEndpointTrustedOwnerInputs,
  ): Promise<pulumi.dynamic.CreateResult<PrivateEndpointTrustedOwnerOutputs>> {
    const { clusterId, type, externalOwnerId } = inputs;
    const deadline = operationDeadline(this.tuning, DEFAULT_MUTATION_TIMEOUT_MS);
    const client = this.client(deadline);
    const same = sameOwnerAs(type, externalOwnerId);
    let posted = false;
    let firstLook = true;
    let adopted = false;
    let known: TrustedOwner | undefined;
    try {
      const owner = await reconcile(this.tuning, {
        description: `trust ${type} ${externalOwnerId} on cluster ${clusterId}`,
        clusterId,
        client,
        defaultTimeoutMs: DEFAULT_MUTATION_TIMEOUT_MS,
        deadline,
        observe: () => client.listTrustedOwners(clusterId),
        decide: (owners): Decision<TrustedOwner> => {
          const existing = oldestFirst(owners.filter(same))[0];
          if (firstLook && existing !== undefined) adopted = true;
          firstLook = false;
          if (existing !== undefined) known = existing;
          return existing ? { done: true, value: existing } : { done: false };
        },
        act: async (): Promise<Decision<TrustedOwner>> => {
          posted = true;
          try {
            // The answer is not used: a `200 {}` must not fail a create that happened. The next look finds it.
            await client.addTrustedOwner(clusterId, { type, externalOwnerId });
          } catch (err) {
            if (!isAlreadyExists(err)) throw err;
          }
          return { done: false };
        },
      });
      // Identical entries beyond the one kept: ours from a POST whose answer was lost, or another process's.
      if (posted) await this.removeExtras(client, clusterId, owner, same, deadline);
      return { id: `${clusterId}:${owner.id}`, outs: outputsOf(clusterId, owner, inputs, adopted) };
    } catch (err) {
      if (known === undefined) throw err;
      throw partialCreateError(err, `${clusterId}:${known.id}`, outputsOf(clusterId, known, inputs, adopted), inputs);
    }
  }

  async update(
    _id: string,
    olds: PrivateEndpointTrustedOwnerOutputs,
    news: PrivateEndpointTrustedOwnerInputs,
  ): Promise<pulumi.dynamic.UpdateResult<PrivateEndpointTrustedOwnerOutputs>> {
    // Only deleteAdopted changes in place; the rest replaces.
    return { outs: definedOnly({ ...olds, deleteAdopted: news.deleteAdopted }) };
  }

  async read(
    id: string,
    props?: PrivateEndpointTrustedOwnerOutputs,
  ): Promise<pulumi.dynamic.ReadResult<PrivateEndpointTrustedOwnerOutputs>> {
    const { clusterId, ownerId } = parseOwnerId(id);
    const deadline = operationDeadline(this.tuning, DEFAULT_MUTATION_TIMEOUT_MS);
    const client = this.client(deadline);
    const owner = (await client.listTrustedOwners(clusterId)).find((o) => o.id === ownerId);
    if (owner === undefined) return { id: "" };
    const inputs: PrivateEndpointTrustedOwnerInputs = { clusterId, type: owner.type, externalOwnerId: owner.external_owner_id };
    if (props?.deleteAdopted !== undefined) inputs.deleteAdopted = props.deleteAdopted;
    return {
      id: `${clusterId}:${owner.id}`,
      props: outputsOf(clusterId, owner, inputs, props?.adopted ?? false),
      inputs: readInputs<PrivateEndpointTrustedOwnerOutputs>(definedOnly(inputs)),
    };
  }

  async delete(id: string, props: PrivateEndpointTrustedOwnerOutputs): Promise<void> {
    const { clusterId, ownerId } = props?.clusterId && props.ownerId ? props : parseOwnerId(id);
    if (leaveAdopted(props, `trusted owner entry ${ownerId} of cluster ${clusterId}`, "PrivateEndpointTrustedOwner", progressReporter(this.tuning))) {
      return;
    }
    const deadline = operationDeadline(this.tuning, DEFAULT_MUTATION_TIMEOUT_MS);
    const client = this.client(deadline);
    // Ours, and every entry identical to it (an orphan of a crashed create): one fact, removed as one.
    let identical = (owner: TrustedOwner) => owner.id === ownerId;
    await reconcile(this.tuning, {
      description: `remove trusted owner ${ownerId} from cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_MUTATION_TIMEOUT_MS,
      deadline,
      // A 404 for the list is the cluster (or the server URL) missing: an error, never "the entry is gone".
      observe: () => client.listTrustedOwners(clusterId),
      decide: (owners) => {
        const ours = owners.find((o) => o.id === ownerId);
        if (ours !== undefined) identical = (o) => o.id === ownerId || sameOwnerAs(ours.type, ours.external_owner_id)(o);
        else if (props?.type && props.externalOwnerId) identical = (o) => sameOwnerAs(props.type, props.externalOwnerId)(o);
        return owners.some(identical) ? { done: false } : { done: true, value: undefined };
      },
      act: async (owners) => {
        for (const owner of owners.filter(identical)) await removeIfPresent(client, clusterId, owner.id);
        return { done: false }; // gone only once a fresh list no longer shows them
      },
    });
  }

  /** Removes every entry identical to `kept` but `kept`, then checks that the list shows just one. */
  private async removeExtras(
    client: CockroachCloudClient,
    clusterId: string,
    kept: TrustedOwner,
    same: (owner: TrustedOwner) => boolean,
    deadline: number,
  ): Promise<void> {
    await reconcile(this.tuning, {
      description: `remove duplicates of trusted owner ${kept.id} from cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_MUTATION_TIMEOUT_MS,
      deadline,
      observe: () => client.listTrustedOwners(clusterId),
      decide: (owners) => (owners.some((o) => same(o) && o.id !== kept.id) ? { done: false } : { done: true, value: undefined }),
      act: async (owners) => {
        for (const extra of owners.filter((o) => same(o) && o.id !== kept.id)) await removeIfPresent(client, clusterId, extra.id);
        return { done: false };
      },
    });
  }
}

function sameOwnerAs(type: string, externalOwnerId: string): (owner: TrustedOwner) => boolean {
  return (owner) => owner.type === type && owner.external_owner_id === externalOwnerId;
}

/** Oldest first (created_at, then ID), so every process keeps the same one of identical entries. */
function oldestFirst(owners: TrustedOwner[]): TrustedOwner[] {
  return [...owners].sort((a, b) => (a.created_at ?? "").localeCompare(b.created_at ?? "") || a.id.localeCompare(b.id));
}

async function removeIfPresent(client: CockroachCloudClient, clusterId: string, ownerId: string): Promise<void> {
  try {
    await client.removeTrustedOwner(clusterId, ownerId);
  } catch (err) {
    // Removed meanwhile; the next list (which proves the cluster exists) says whether anything is left.
    if (!isNotFound(err)) throw err;
  }
}

function parseOwnerId(id: string): { clusterId: string; ownerId: string } {
  const { clusterId, rest } = splitClusterScopedId(id, "PrivateEndpointTrustedOwner", ID_FORMAT);
  return { clusterId, ownerId: rest };
}

/** Outputs from the inputs, plus the entry's ID as a fresh list showed it. */
function outputsOf(
  clusterId: string,
  owner: TrustedOwner,
  inputs: PrivateEndpointTrustedOwnerInputs,
  adopted: boolean,
): PrivateEndpointTrustedOwnerOutputs {
  return definedOnly({ ...inputs, clusterId, ownerId: owner.id, adopted });
}
