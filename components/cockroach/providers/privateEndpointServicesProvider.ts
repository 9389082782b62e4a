// Provider of PrivateEndpointServices: make sure the cluster has an AVAILABLE endpoint service in each of its regions.
// Runs from a serialized closure: see docs/design.md "Why dynamic resources, and the rules they follow".
import { deploymentCreatesEndpointServices } from "../target";
import type * as pulumi from "@pulumi/pulumi";
import type { Cluster, PrivateEndpointService } from "../api/types";
import type { PollVerdict } from "../../core/poll";
import { toServiceInfo, toServicesMap, type PrivateEndpointServiceInfo } from "../shapes";
import { checkClusterId, failures } from "./checks";
import { waitForCreatedCluster } from "./clusterState";
import { CloudApiProvider } from "./cloudApiProvider";
import { operationDeadline, type ProviderTuning } from "./tuning";
import { readInputs } from "./readInputs";
import { definedOnly } from "./results";
import { reconcile } from "./reconcile";
import { waitFor } from "./wait";

export interface PrivateEndpointServicesInputs {
  clusterId: string;
}

export interface PrivateEndpointServicesOutputs extends PrivateEndpointServicesInputs {
  services: PrivateEndpointServiceInfo[];
  servicesMap: Record<string, PrivateEndpointServiceInfo>;
  cloudProvider: string;
  plan: string;
  /**
   * GCP clusters only: each region's `private_endpoint_dns`, the host over Private Service Connect. The API fills it
   * in only once the services exist, so create waits for it after the services are AVAILABLE.
   */
  privateEndpointDns?: Record<string, string>;
}

/** Endpoint services of an Advanced cluster can take a long time to create (the upstream provider waits an hour). */
const DEFAULT_WAIT_MS = 60 * 60 * 1000;
/** A refresh only reads; transient failures are retried this long. */
const DEFAULT_READ_MS = 10 * 60 * 1000;
/**
 * Observations in a row a Basic or Standard cluster gets to list a region's service before we give up on it. Their
 * services are built in and nothing of ours would create a missing one, so waiting the hour would only hide the
 * problem; a few observations allow for a list that lags the cluster.
 */
const SERVERLESS_GRACE_OBSERVATIONS = 3;

export class PrivateEndpointServicesProvider
  extends CloudApiProvider
  implements pulumi.dynamic.ResourceProvider<PrivateEndpointServicesInputs, PrivateEndpointServicesOutputs>
{
  constructor(tuning: ProviderTuning = {}) {
    super(tuning);
  }

  async check(
    _olds: PrivateEndpointServicesInputs,
    news: PrivateEndpointServicesInputs,
  ): Promise<pulumi.dynamic.CheckResult<PrivateEndpointServicesInputs>> {
    return { inputs: definedOnly(news), failures: failures(checkClusterId(news.clusterId)) };
  }

  async diff(
    _id: string,
    olds: PrivateEndpointServicesOutputs,
    news: PrivateEndpointServicesInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces = olds.clusterId === news.clusterId ? [] : ["clusterId"];
    return { changes: replaces.length > 0, replaces };
  }

  async create(
    inputs: PrivateEndpointServicesInputs,
  ): Promise<pulumi.dynamic.CreateResult<PrivateEndpointServicesOutputs>> {
    const clusterId = inputs.clusterId;
    const deadline = operationDeadline(this.tuning, DEFAULT_WAIT_MS);
    const client = this.client(deadline);
    const cluster = await waitForCreatedCluster(this.tuning, client, clusterId, {
      description: `cluster ${clusterId} to be CREATED`,
      timeoutMs: this.tuning.waitTimeoutMs ?? DEFAULT_WAIT_MS,
      deadline,
      requirement: "private endpoint services need a CREATED cluster",
    });
    const regions = (cluster.regions ?? []).map((region) => region.name);
    // Basic and Standard clusters have their services built in, and the create call errors on them. On Advanced
    // the call is needed while a region has no service, or a failed one (the call restarts failed services).
    if (isAdvanced(cluster)) {
      await reconcile(this.tuning, {
        description: `create the private endpoint services of cluster ${clusterId}`,
        clusterId,
        client,
        defaultTimeoutMs: DEFAULT_WAIT_MS,
        deadline,
        observe: () => client.listPrivateEndpointServices(clusterId),
        decide: (services) =>
          regions.every((region) => services.some((s) => s.region_name === region && s.status !== "CREATE_FAILED"))
            ? { done: true, value: undefined }
            : { done: false },
        act: async () => {
          await client.createPrivateEndpointServices(clusterId);
          return { done: true, value: undefined };
        },
      });
    }
    const services = await waitFor(this.tuning, {
      description: `the private endpoint services of cluster ${clusterId} to be AVAILABLE in ${regions.join(", ")}`,
      defaultTimeoutMs: DEFAULT_WAIT_MS,
      deadline,
      observe: () => client.listPrivateEndpointServices(clusterId),
      check: servicesVerdict(clusterId, cluster, regions),
    });
    // On GCP the private host appears only after the services: read the cluster again, and wait while it is empty.
    const described =
      cluster.cloud_provider === "GCP"
        ? await waitFor(this.tuning, {
            description: `cluster ${clusterId} to report its private endpoint host in ${regions.join(", ")}`,
            defaultTimeoutMs: DEFAULT_WAIT_MS,
            deadline,
            observe: () => client.getCluster(clusterId),
            check: (observed): PollVerdict<Cluster> => {
              const waiting = regions.filter((region) => !privateHostOf(observed, region));
              return waiting.length === 0 ? { done: true, value: observed } : { done: false, status: `no host yet in ${waiting.join(", ")}` };
            },
          })
        : cluster;
    return { id: clusterId, outs: outputsOf(clusterId, described, services) };
  }

  async read(
    id: string,
    props?: PrivateEndpointServicesOutputs,
  ): Promise<pulumi.dynamic.ReadResult<PrivateEndpointServicesOutputs>> {
    const clusterId = props?.clusterId ?? id;
    const client = this.client(operationDeadline(this.tuning, DEFAULT_READ_MS));
    // A 404 here is the cluster (or the server URL) missing: an error naming it, never "the services are gone"
    // (which would drop the resource, and everything built on its outputs, from the state on refresh).
    const cluster = await client.getCluster(clusterId);
    const services = await client.listPrivateEndpointServices(clusterId);
    const inputs = readInputs<PrivateEndpointServicesOutputs>({ clusterId });
    return { id: clusterId, props: outputsOf(clusterId, cluster, services), inputs };
  }

  async delete(id: string, props: PrivateEndpointServicesOutputs): Promise<void> {
    if (this.tuning.silent) return;
    console.error(
      `PrivateEndpointServices of cluster ${props?.clusterId ?? id}: endpoint services cannot be deleted through the ` +
        `Cloud API; they stay with the cluster and are only removed from the Pulumi state.`,
    );
  }
}

function isAdvanced(cluster: Cluster): boolean {
  return deploymentCreatesEndpointServices({ plan: cluster.plan, dedicated: cluster.config?.dedicated !== undefined });
}

/**
 * Done when every cluster region has an AVAILABLE service; services of other regions are ignored. A region without a
 * service is "not yet" on Advanced (our POST creates it), but on Basic and Standard nothing will create it: after
 * SERVERLESS_GRACE_OBSERVATIONS observations in a row it fails, with the reason.
 */
function servicesVerdict(
  clusterId: string,
  cluster: Cluster,
  regions: string[],
): (services: PrivateEndpointService[]) => PollVerdict<PrivateEndpointService[]> {
  const builtIn = !isAdvanced(cluster);
  let missingInARow = 0;
  return (services) => {
    const pending: string[] = [];
    const missing: string[] = [];
    for (const region of regions) {
      const service = services.find((s) => s.region_name === region);
      if (service === undefined) {
        missing.push(region);
        pending.push(`${region}: not listed yet`);
      } else if (service.status === "CREATING") pending.push(`${region}: CREATING`);
      else if (service.status === "CREATE_FAILED") {
        throw new Error(
          `The private endpoint service of cluster ${clusterId} in region ${region} failed to create (CREATE_FAILED). ` +
            `Run the update again to retry the creation; if it keeps failing, contact Cockroach Labs support.`,
        );
      } else if (service.status !== "AVAILABLE") {
        throw new Error(
          `The private endpoint service of cluster ${clusterId} in region ${region} is ${service.status}, ` +
            `so it will not become AVAILABLE.`,
        );
      }
    }
    missingInARow = missing.length > 0 ? missingInARow + 1 : 0;
    if (builtIn && missingInARow >= SERVERLESS_GRACE_OBSERVATIONS) throw new Error(noBuiltInService(clusterId, cluster.plan, missing));
    return pending.length === 0 ? { done: true, value: services } : { done: false, status: pending.join(", ") };
  };
}

function noBuiltInService(clusterId: string, clusterPlan: string, regions: string[]): string {
  const where = `Cluster ${clusterId} lists no private endpoint service in ${regions.length > 1 ? "regions" : "region"} ${regions.join(", ")}`;
  if (clusterPlan === "BASIC") {
    return `${where}: CockroachDB Basic has no private connectivity (private endpoints are available on Standard and Advanced).`;
  }
  const plan = clusterPlan === "STANDARD" ? "Standard" : `the ${clusterPlan} plan`;
  return (
    `${where}. Endpoint services are built in on ${plan} (nothing creates them), so this is unexpected: ` +
    `contact Cockroach Labs support.`
  );
}

function outputsOf(clusterId: string, cluster: Cluster, services: PrivateEndpointService[]): PrivateEndpointServicesOutputs {
  const infos = services.map(toServiceInfo);
  return definedOnly({
    clusterId,
    services: infos,
    servicesMap: toServicesMap(infos),
    cloudProvider: cluster.cloud_provider ?? "",
    plan: cluster.plan ?? "",
    privateEndpointDns:
      cluster.cloud_provider === "GCP"
        ? Object.fromEntries((cluster.regions ?? []).map((region) => [region.name, region.private_endpoint_dns ?? ""]))
        : undefined,
  });
}

function privateHostOf(cluster: Cluster, region: string): string {
  return cluster.regions?.find((r) => r.name === region)?.private_endpoint_dns ?? "";
}
