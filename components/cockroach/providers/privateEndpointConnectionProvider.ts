// Provider of PrivateEndpointConnection: register a cloud private endpoint with the cluster, exactly once, and wait
// until the cluster accepts it. Runs from a serialized closure: see docs/design.md.
import type * as pulumi from "@pulumi/pulumi";
import type { CockroachCloudClient } from "../api/client";
import { isAlreadyExists, isNotFound } from "../api/errors";
import type { PrivateEndpointConnection } from "../api/types";
import type { PollVerdict } from "../../shared/poll";
import { checkClusterId, checkEndpointId, endpointIdMismatch, failures } from "./checks";
import { CloudApiProvider } from "./cloudApiProvider";
import type { ProviderTuning } from "./tuning";
import { readInputs } from "./readInputs";
import { reconcile } from "./reconcile";
import { splitClusterScopedId } from "./resourceIds";
import { waitFor } from "./wait";

export interface PrivateEndpointConnectionInputs {
  clusterId: string;
  endpointId: string;
}

export interface PrivateEndpointConnectionOutputs extends PrivateEndpointConnectionInputs {
  cloudProvider: string;
  regionName: string;
  serviceId: string;
  /** STATUS_AVAILABLE after create; a refresh reports drift such as STATUS_STALE or STATUS_REJECTED. */
  status: string;
}

/** The upstream provider waits 10 minutes; acceptance usually takes well under a minute. */
const DEFAULT_WAIT_MS = 10 * 60 * 1000;
const AVAILABLE = "STATUS_AVAILABLE";
/**
 * Statuses that still lead to AVAILABLE. REJECTED is among them: a re-add of a rejected entry re-attaches it. An entry
 * that turns REJECTED while we wait (someone deleted it) is waited on, not re-added by us, as the upstream provider
 * does: re-adding would undo a deliberate delete. If it is re-added meanwhile, the wait converges; if not, it times
 * out, and the next update re-attaches it (a refresh records REJECTED, and diff asks for an update).
 */
const STILL_COMING = ["STATUS_PENDING", "STATUS_PENDING_ACCEPTANCE", "STATUS_REJECTED"];
/** Statuses after which there is nothing left to remove. */
const GONE = ["STATUS_REJECTED", "STATUS_DELETING", "STATUS_DELETED"];
const ID_FORMAT = "<clusterId>:<endpointId>";

export class PrivateEndpointConnectionProvider
  extends CloudApiProvider
  implements pulumi.dynamic.ResourceProvider<PrivateEndpointConnectionInputs, PrivateEndpointConnectionOutputs>
{
  constructor(tuning: ProviderTuning = {}) {
    super(tuning);
  }

  async check(
    _olds: PrivateEndpointConnectionInputs,
    news: PrivateEndpointConnectionInputs,
  ): Promise<pulumi.dynamic.CheckResult<PrivateEndpointConnectionInputs>> {
    return { inputs: news, failures: failures(checkClusterId(news.clusterId), checkEndpointId(news.endpointId)) };
  }

  async diff(
    _id: string,
    olds: PrivateEndpointConnectionOutputs,
    news: PrivateEndpointConnectionInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces = (["clusterId", "endpointId"] as const).filter((key) => olds[key] !== news[key]);
    // A refresh that found the entry rejected (deleted outside Pulumi): an update re-attaches it.
    const reattach = replaces.length === 0 && olds.status === "STATUS_REJECTED";
    return { changes: replaces.length > 0 || reattach, replaces };
  }

  async create(
    inputs: PrivateEndpointConnectionInputs,
  ): Promise<pulumi.dynamic.CreateResult<PrivateEndpointConnectionOutputs>> {
    const outs = await this.registerAndWait(inputs.clusterId, inputs.endpointId);
    return { id: `${inputs.clusterId}:${inputs.endpointId}`, outs };
  }

  async update(
    _id: string,
    _olds: PrivateEndpointConnectionOutputs,
    news: PrivateEndpointConnectionInputs,
  ): Promise<pulumi.dynamic.UpdateResult<PrivateEndpointConnectionOutputs>> {
    return { outs: await this.registerAndWait(news.clusterId, news.endpointId) };
  }

  async read(
    id: string,
    _props?: PrivateEndpointConnectionOutputs,
  ): Promise<pulumi.dynamic.ReadResult<PrivateEndpointConnectionOutputs>> {
    const { clusterId, endpointId } = parseConnectionId(id);
    const client = this.client();
    let connection: PrivateEndpointConnection | undefined;
    try {
      connection = await findConnection(client, clusterId, endpointId);
    } catch (err) {
      if (isNotFound(err)) return { id: "" };
      throw err;
    }
    if (connection === undefined) return { id: "" };
    return {
      id: `${clusterId}:${endpointId}`,
      props: outputsOf(clusterId, endpointId, connection),
      inputs: readInputs<PrivateEndpointConnectionOutputs>({ clusterId, endpointId }),
    };
  }

  async delete(id: string, props: PrivateEndpointConnectionOutputs): Promise<void> {
    const { clusterId, endpointId } = props?.clusterId && props.endpointId ? props : parseConnectionId(id);
    const client = this.client();
    await reconcile(this.tuning, {
      description: `remove private endpoint ${endpointId} from cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_WAIT_MS,
      observe: () => findConnectionOrNone(client, clusterId, endpointId),
      decide: (connection) =>
        connection === undefined || GONE.includes(connection.status) ? { done: true, value: undefined } : { done: false },
      act: async () => {
        try {
          await client.deletePrivateEndpointConnection(clusterId, endpointId);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        return { done: true, value: undefined };
      },
    });
  }

  /**
   * Checks the endpoint ID against the cluster's cloud, adds the entry unless it is already there (rejected entries
   * are re-added), then waits for STATUS_AVAILABLE.
   */
  private async registerAndWait(clusterId: string, endpointId: string): Promise<PrivateEndpointConnectionOutputs> {
    const client = this.client();
    // `check` cannot know the cloud and accepts every cloud's form; an ID of another cloud would only be refused by
    // the POST (or worse, be accepted and never become available), so it is refused here, before anything is sent.
    const cluster = await client.getCluster(clusterId);
    const mismatch = endpointIdMismatch(endpointId, clusterId, cluster.cloud_provider);
    if (mismatch !== undefined) throw new Error(mismatch);
    await reconcile(this.tuning, {
      description: `register private endpoint ${endpointId} with cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_WAIT_MS,
      observe: () => findConnection(client, clusterId, endpointId),
      decide: (connection) =>
        connection !== undefined && connection.status !== "STATUS_REJECTED" ? { done: true, value: undefined } : { done: false },
      act: async () => {
        try {
          await client.addPrivateEndpointConnection(clusterId, endpointId);
        } catch (err) {
          if (!isAlreadyExists(err)) throw err;
        }
        return { done: true, value: undefined };
      },
    });
    const connection = await waitFor(this.tuning, {
      description: `private endpoint ${endpointId} on cluster ${clusterId} to be ${AVAILABLE}`,
      defaultTimeoutMs: DEFAULT_WAIT_MS,
      observe: () => findConnection(client, clusterId, endpointId),
      check: (observed) => acceptanceVerdict(clusterId, endpointId, observed),
    });
    return outputsOf(clusterId, endpointId, connection);
  }
}

function parseConnectionId(id: string): PrivateEndpointConnectionInputs {
  const { clusterId, rest } = splitClusterScopedId(id, "PrivateEndpointConnection", ID_FORMAT);
  return { clusterId, endpointId: rest };
}

async function findConnection(
  client: CockroachCloudClient,
  clusterId: string,
  endpointId: string,
): Promise<PrivateEndpointConnection | undefined> {
  const connections = await client.listPrivateEndpointConnections(clusterId);
  return connections.find((c) => c.endpoint_id === endpointId);
}

/** As findConnection, but a cluster that is gone has no connections either. */
async function findConnectionOrNone(
  client: CockroachCloudClient,
  clusterId: string,
  endpointId: string,
): Promise<PrivateEndpointConnection | undefined> {
  try {
    return await findConnection(client, clusterId, endpointId);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

function acceptanceVerdict(
  clusterId: string,
  endpointId: string,
  connection: PrivateEndpointConnection | undefined,
): PollVerdict<PrivateEndpointConnection> {
  if (connection === undefined) {
    throw new Error(
      `Private endpoint connection ${endpointId} vanished from cluster ${clusterId} while waiting for ${AVAILABLE} ` +
        `(endpoint connection lost, presumed failed). Check that the endpoint still exists in your cloud account.`,
    );
  }
  if (connection.status === AVAILABLE) return { done: true, value: connection };
  if (STILL_COMING.includes(connection.status)) return { done: false, status: connection.status };
  throw new Error(
    `Private endpoint connection ${endpointId} on cluster ${clusterId} is ${connection.status}, so it will not become ` +
      `${AVAILABLE}. ${statusHint(connection.status)}`,
  );
}

function statusHint(status: string): string {
  if (status === "STATUS_STALE") {
    return "The endpoint was deleted outside of CockroachDB Cloud; delete this resource (or the entry in the Console) and create the endpoint again.";
  }
  return "Check the endpoint in your cloud account: it must use the cluster's endpoint service in the same region.";
}

function outputsOf(
  clusterId: string,
  endpointId: string,
  connection: PrivateEndpointConnection,
): PrivateEndpointConnectionOutputs {
  return {
    clusterId,
    endpointId,
    cloudProvider: connection.cloud_provider,
    regionName: connection.region_name,
    serviceId: connection.endpoint_service_id,
    status: connection.status,
  };
}
