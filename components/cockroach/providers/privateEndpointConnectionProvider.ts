// Provider of PrivateEndpointConnection: register a cloud private endpoint with the cluster, exactly once, and wait
// until the cluster accepts it. Runs from a serialized closure: see docs/design.md.
import type * as pulumi from "@pulumi/pulumi";
import type { CockroachCloudClient } from "../api/client";
import { isAlreadyExists, isNotFound, mayHaveApplied } from "../api/errors";
import type { PrivateEndpointConnection } from "../api/types";
import type { PollVerdict } from "../../core/poll";
import { checkBoolean, checkClusterId, checkEndpointId, endpointIdMismatch, failures } from "./checks";
import { CloudApiProvider } from "./cloudApiProvider";
import { leaveAdopted, type Ownership } from "./ownership";
import { operationDeadline, progressReporter, type ProviderTuning } from "./tuning";
import { readInputs } from "./readInputs";
import { reconcile } from "./reconcile";
import { splitClusterScopedId } from "./resourceIds";
import { definedOnly, partialCreateError } from "./results";
import { waitFor } from "./wait";

export interface PrivateEndpointConnectionInputs {
  clusterId: string;
  endpointId: string;
  /** Remove the registration on destroy even when it was adopted (it existed before this resource). @default false */
  deleteAdopted?: boolean;
}

export interface PrivateEndpointConnectionOutputs extends PrivateEndpointConnectionInputs, Ownership {
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
    return {
      inputs: definedOnly(news),
      failures: failures(
        checkClusterId(news.clusterId),
        checkEndpointId(news.endpointId),
        news.deleteAdopted === undefined ? undefined : checkBoolean(news.deleteAdopted, "deleteAdopted"),
      ),
    };
  }

  async diff(
    _id: string,
    olds: PrivateEndpointConnectionOutputs,
    news: PrivateEndpointConnectionInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces = (["clusterId", "endpointId"] as const).filter((key) => olds[key] !== news[key]);
    // A refresh that found the entry rejected (deleted outside Pulumi): an update re-attaches it.
    const reattach = replaces.length === 0 && olds.status === "STATUS_REJECTED";
    const ownership = (olds.deleteAdopted ?? false) !== (news.deleteAdopted ?? false);
    return { changes: replaces.length > 0 || reattach || ownership, replaces };
  }

  async create(
    inputs: PrivateEndpointConnectionInputs,
  ): Promise<pulumi.dynamic.CreateResult<PrivateEndpointConnectionOutputs>> {
    const id = `${inputs.clusterId}:${inputs.endpointId}`;
    const progress: Progress = { adopted: false, registered: false };
    try {
      return { id, outs: await this.registerAndWait(inputs, progress) };
    } catch (err) {
      if (!progress.registered) throw err;
      throw partialCreateError(err, id, outputsOf(inputs, progress.lastSeen, progress.adopted), inputs);
    }
  }

  async update(
    _id: string,
    olds: PrivateEndpointConnectionOutputs,
    news: PrivateEndpointConnectionInputs,
  ): Promise<pulumi.dynamic.UpdateResult<PrivateEndpointConnectionOutputs>> {
    const progress: Progress = { adopted: olds.adopted ?? false, registered: true };
    return { outs: await this.registerAndWait(news, progress) };
  }

  async read(
    id: string,
    props?: PrivateEndpointConnectionOutputs,
  ): Promise<pulumi.dynamic.ReadResult<PrivateEndpointConnectionOutputs>> {
    const { clusterId, endpointId } = parseConnectionId(id);
    const client = this.client(operationDeadline(this.tuning, DEFAULT_WAIT_MS));
    // A 404 for the list is the cluster (or the server URL) missing: an error, never "the entry is gone".
    const connection = await findConnection(client, clusterId, endpointId);
    if (connection === undefined) return { id: "" };
    const inputs: PrivateEndpointConnectionInputs = { clusterId, endpointId };
    if (props?.deleteAdopted !== undefined) inputs.deleteAdopted = props.deleteAdopted;
    return {
      id: `${clusterId}:${endpointId}`,
      props: outputsOf(inputs, connection, props?.adopted ?? false),
      inputs: readInputs<PrivateEndpointConnectionOutputs>(definedOnly(inputs)),
    };
  }

  async delete(id: string, props: PrivateEndpointConnectionOutputs): Promise<void> {
    const { clusterId, endpointId } = props?.clusterId && props.endpointId ? props : parseConnectionId(id);
    const what = `registration of private endpoint ${endpointId} with cluster ${clusterId}`;
    if (leaveAdopted(props, what, "PrivateEndpointConnection", progressReporter(this.tuning))) return;
    const client = this.client(operationDeadline(this.tuning, DEFAULT_WAIT_MS));
    let answeredMissing = false;
    await reconcile(this.tuning, {
      description: `remove private endpoint ${endpointId} from cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_WAIT_MS,
      observe: () => findConnection(client, clusterId, endpointId),
      decide: (connection) =>
        connection === undefined || GONE.includes(connection.status) ? { done: true, value: undefined } : { done: false },
      act: async () => {
        try {
          await client.deletePrivateEndpointConnection(clusterId, endpointId);
        } catch (err) {
          if (!isNotFound(err) || answeredMissing) throw err;
          answeredMissing = true; // listed, yet missing: look once more, then stop rather than loop
        }
        return { done: false }; // gone only once a fresh list says so
      },
    });
  }

  /**
   * Checks the endpoint ID against the cluster's cloud, adds the entry unless it is already there (rejected entries
   * are re-added), then waits for STATUS_AVAILABLE: all within one deadline. `progress` records what exists by now.
   */
  private async registerAndWait(
    inputs: PrivateEndpointConnectionInputs,
    progress: Progress,
  ): Promise<PrivateEndpointConnectionOutputs> {
    const { clusterId, endpointId } = inputs;
    const deadline = operationDeadline(this.tuning, DEFAULT_WAIT_MS);
    const client = this.client(deadline);
    // `check` cannot know the cloud and accepts every cloud's form; an ID of another cloud would only be refused by
    // the POST (or worse, be accepted and never become available), so it is refused here, before anything is sent.
    const cluster = await client.getCluster(clusterId);
    const mismatch = endpointIdMismatch(endpointId, clusterId, cluster.cloud_provider);
    if (mismatch !== undefined) throw new Error(mismatch);
    let firstLook = !progress.registered;
    const observe = async () => {
      const connection = await findConnection(client, clusterId, endpointId);
      if (connection !== undefined) progress.lastSeen = connection;
      return connection;
    };
    await reconcile(this.tuning, {
      description: `register private endpoint ${endpointId} with cluster ${clusterId}`,
      clusterId,
      client,
      defaultTimeoutMs: DEFAULT_WAIT_MS,
      deadline,
      observe,
      decide: (connection) => {
        const present = connection !== undefined && connection.status !== "STATUS_REJECTED";
        if (firstLook && present) progress.adopted = true;
        firstLook = false;
        if (present) progress.registered = true;
        return present ? { done: true, value: undefined } : { done: false };
      },
      act: async () => {
        try {
          await client.addPrivateEndpointConnection(clusterId, endpointId);
          progress.registered = true;
        } catch (err) {
          if (mayHaveApplied(err)) progress.registered = true;
          if (!isAlreadyExists(err)) throw err;
        }
        return { done: false }; // registered once a fresh list shows it
      },
    });
    const connection = await waitFor(this.tuning, {
      description: `private endpoint ${endpointId} on cluster ${clusterId} to be ${AVAILABLE}`,
      defaultTimeoutMs: DEFAULT_WAIT_MS,
      deadline,
      observe,
      check: (observed) => acceptanceVerdict(clusterId, endpointId, observed),
    });
    return outputsOf(inputs, connection, progress.adopted);
  }
}

/** How far a create got, for a partial create's report. */
interface Progress {
  adopted: boolean;
  /** The entry may exist: we found it, or sent the add. */
  registered: boolean;
  lastSeen?: PrivateEndpointConnection;
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
  // A malformed answer: say so while waiting (a later answer may carry the status), not "is undefined".
  if (typeof connection.status !== "string" || connection.status === "") return { done: false, status: "listed without a status" };
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

/** Outputs from the inputs, plus what a fresh list showed (empty until the entry has been listed). */
function outputsOf(
  inputs: PrivateEndpointConnectionInputs,
  connection: PrivateEndpointConnection | undefined,
  adopted: boolean,
): PrivateEndpointConnectionOutputs {
  return definedOnly({
    ...inputs,
    cloudProvider: connection?.cloud_provider ?? "",
    regionName: connection?.region_name ?? "",
    serviceId: connection?.endpoint_service_id ?? "",
    status: typeof connection?.status === "string" ? connection.status : "",
    adopted,
  });
}
