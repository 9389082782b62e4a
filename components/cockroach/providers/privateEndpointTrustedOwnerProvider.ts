// Provider of PrivateEndpointTrustedOwner: an AWS account allowed to connect privately. The API does not deduplicate
// (each POST adds an entry with a new ID), so an identical existing entry is adopted instead of adding another.
// Adding and removing need CLUSTER_ADMIN. Runs from a serialized closure: see docs/design.md.
import type * as pulumi from "@pulumi/pulumi";
import type { CockroachCloudClient } from "../api/client";
import { isAlreadyExists, isNotFound } from "../api/errors";
import type { TrustedOwner } from "../api/types";
import { checkClusterId, checkExternalOwnerId, checkTrustedOwnerType, failures } from "./checks";
import { CloudApiProvider } from "./cloudApiProvider";
import { readInputs } from "./readInputs";
import { reconcile, type Decision } from "./reconcile";
import { splitClusterScopedId } from "./resourceIds";
import { DEFAULT_MUTATION_TIMEOUT_MS, type ProviderTuning } from "./tuning";

export interface PrivateEndpointTrustedOwnerInputs {
  clusterId: string;
  /** "AWS_ACCOUNT_ID" */
  type: string;
  externalOwnerId: string;
}

export interface PrivateEndpointTrustedOwnerOutputs extends PrivateEndpointTrustedOwnerInputs {
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
      inputs: news,
      failures: failures(
        checkClusterId(news.clusterId),
        checkTrustedOwnerType(news.type),
        checkExternalOwnerId(news.externalOwnerId),
      ),
    };
  }

  async diff(
    _id: string,
    olds: PrivateEndpointTrustedOwnerOutputs,
    news: PrivateEndpointTrustedOwnerInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces = INPUT_KEYS.filter((key) => olds[key] !== news[key]);
    return { changes: replaces.length > 0, replaces };
  }

  async create(
    inputs: PrivateEndpointTrustedOwnerInputs,
  ): Promise<pulumi.dynamic.CreateResult<PrivateEndpointTrustedOwnerOutputs>> {
    const { clusterId, type, externalOwnerId } = inputs;
    const client = this.client();
    const sameOwner = (owner: TrustedOwner) => owner.type === type && owner.external_owner_id === externalOwnerId;
    const owner = await reconcile(this.tuning, {
      description: `trust ${type} ${externalOwnerId} on cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_MUTATION_TIMEOUT_MS,
      observe: () => client.listTrustedOwners(clusterId),
      decide: (owners): Decision<TrustedOwner> => {
        const existing = owners.find(sameOwner);
        return existing ? { done: true, value: existing } : { done: false };
      },
      act: async (): Promise<Decision<TrustedOwner>> => {
        try {
          return { done: true, value: await client.addTrustedOwner(clusterId, { type, externalOwnerId }) };
        } catch (err) {
          // Someone added it meanwhile: observe again and adopt it.
          if (isAlreadyExists(err)) return { done: false };
          throw err;
        }
      },
    });
    return { id: `${clusterId}:${owner.id}`, outs: outputsOf(clusterId, owner) };
  }

  async read(
    id: string,
    _props?: PrivateEndpointTrustedOwnerOutputs,
  ): Promise<pulumi.dynamic.ReadResult<PrivateEndpointTrustedOwnerOutputs>> {
    const { clusterId, ownerId } = parseOwnerId(id);
    const owner = await findOwner(this.client(), clusterId, ownerId);
    if (owner === undefined) return { id: "" };
    const outs = outputsOf(clusterId, owner);
    return {
      id: `${clusterId}:${owner.id}`,
      props: outs,
      inputs: readInputs<PrivateEndpointTrustedOwnerOutputs>({
        clusterId,
        type: outs.type,
        externalOwnerId: outs.externalOwnerId,
      }),
    };
  }

  async delete(id: string, props: PrivateEndpointTrustedOwnerOutputs): Promise<void> {
    const { clusterId, ownerId } = props?.clusterId && props.ownerId ? props : parseOwnerId(id);
    const client = this.client();
    await reconcile(this.tuning, {
      description: `remove trusted owner ${ownerId} from cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_MUTATION_TIMEOUT_MS,
      observe: () => findOwner(client, clusterId, ownerId),
      decide: (owner) => (owner === undefined ? { done: true, value: undefined } : { done: false }),
      act: async () => {
        try {
          await client.removeTrustedOwner(clusterId, ownerId);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        return { done: true, value: undefined };
      },
    });
  }
}

function parseOwnerId(id: string): { clusterId: string; ownerId: string } {
  const { clusterId, rest } = splitClusterScopedId(id, "PrivateEndpointTrustedOwner", ID_FORMAT);
  return { clusterId, ownerId: rest };
}

/** The entry, or undefined when it (or its cluster) is gone. */
async function findOwner(client: CockroachCloudClient, clusterId: string, ownerId: string): Promise<TrustedOwner | undefined> {
  try {
    return await client.getTrustedOwner(clusterId, ownerId);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

function outputsOf(clusterId: string, owner: TrustedOwner): PrivateEndpointTrustedOwnerOutputs {
  return { clusterId, type: owner.type, externalOwnerId: owner.external_owner_id, ownerId: owner.id };
}
