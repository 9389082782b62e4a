// The facts that decide the shape of an AwsPrivateLink, looked up (once, in parallel) before anything is
// constructed: which regions the cluster has, which AZs its endpoint service and the account have, and what an
// existing VPC and its subnets look like.
import * as pulumi from "@pulumi/pulumi";
import type { PrivateEndpointServiceInfo } from "../cockroach/shapes";
import type { CheckedArgs } from "./planArgs";

export interface ClusterFacts {
  id: string;
  name: string;
  /** "AWS" | "GCP" | "AZURE" */
  cloudProvider: string;
  /** "BASIC" | "STANDARD" | "ADVANCED" */
  plan: string;
  /** "CREATED", "CREATING", "LOCKED", ... */
  state: string;
  regions: { name: string; internalDns: string }[];
}

/** The part of the library's endpoint service shape (`PrivateEndpointServiceInfo`) that shapes a plan. */
export type EndpointServiceFacts = Pick<PrivateEndpointServiceInfo, "regionName" | "status" | "availabilityZoneIds">;

export interface VpcFacts {
  id: string;
  cidrBlock: string;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
}

export interface SubnetFacts {
  id: string;
  vpcId: string;
  availabilityZoneId: string;
}

export interface AwsPrivateLinkFacts {
  /** The region everything goes in: the `region` argument, else the AWS provider's. */
  region: string;
  cluster: ClusterFacts;
  /** The cluster's endpoint service in `region`; absent until an ADVANCED cluster's services are created. */
  service?: EndpointServiceFacts;
  /** Regional AZ IDs of the region that are `available` to the AWS account. */
  accountAzIds: string[];
  /** The existing VPC (`vpc.vpcId`), if one is used. */
  vpc?: VpcFacts;
  /** The existing subnets (`vpc.subnetIds`), in the order given. */
  subnets?: SubnetFacts[];
}

/** Where the facts come from. The defaults (`awsPrivateLinkLookups`) ask the Cloud API and AWS; tests inject. */
export interface AwsPrivateLinkLookups {
  cluster(clusterId: string): Promise<ClusterFacts>;
  /** Every endpoint service of the cluster (all regions); empty when none exist yet. */
  endpointServices(clusterId: string): Promise<EndpointServiceFacts[]>;
  /** The AWS provider's region, used when no `region` is given. */
  providerRegion(): Promise<string>;
  accountAzIds(region: string): Promise<string[]>;
  vpc(vpcId: string, region: string): Promise<VpcFacts>;
  subnet(subnetId: string, region: string): Promise<SubnetFacts>;
}

/** A lookup failed: says which argument it was for, so the caller can point at the right setting. */
export class AwsPrivateLinkLookupError extends pulumi.RunError {
  constructor(
    readonly argument: string,
    readonly value: unknown,
    cause: unknown,
  ) {
    super(`looking up ${argument} = ${JSON.stringify(value)} failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = "AwsPrivateLinkLookupError";
    this.cause = cause;
  }
}

/** The facts of the network side alone, which need no cluster: a preview whose `clusterId` is not known yet has only these. */
export type NetworkFacts = Omit<AwsPrivateLinkFacts, "cluster" | "service">;

/**
 * Looks up every fact in parallel; reports the first failure in a fixed order (cluster first). With a given
 * `serviceName`, the cluster's endpoint services are not looked up.
 */
export async function lookupAwsPrivateLinkFacts(
  args: CheckedArgs,
  lookups: AwsPrivateLinkLookups,
): Promise<AwsPrivateLinkFacts> {
  const region = await regionOf(args, lookups);
  const [cluster, services, network] = await Promise.allSettled([
    lookups.cluster(args.clusterId),
    args.serviceName === undefined ? lookups.endpointServices(args.clusterId) : [],
    networkFacts(args, region, lookups),
  ]);
  const clusterFacts = settled("clusterId", args.clusterId, cluster);
  const service = settled("clusterId", args.clusterId, services).find((s) => s.regionName === region);
  if (network.status === "rejected") throw network.reason;
  return { ...network.value, cluster: clusterFacts, service };
}

/** The facts that need no cluster (region, the account's AZs, an existing VPC and its subnets), in parallel. */
export async function lookupNetworkFacts(args: CheckedArgs, lookups: AwsPrivateLinkLookups): Promise<NetworkFacts> {
  return networkFacts(args, await regionOf(args, lookups), lookups);
}

function regionOf(args: CheckedArgs, lookups: AwsPrivateLinkLookups): Promise<string> {
  return args.region !== undefined
    ? Promise.resolve(args.region)
    : attempt("region", "(the AWS provider's)", () => lookups.providerRegion());
}

async function networkFacts(args: CheckedArgs, region: string, lookups: AwsPrivateLinkLookups): Promise<NetworkFacts> {
  const [accountAzIds, vpc, subnets] = await Promise.allSettled([
    lookups.accountAzIds(region),
    args.vpcId === undefined ? undefined : lookups.vpc(args.vpcId, region),
    args.subnetIds === undefined ? undefined : Promise.all(args.subnetIds.map((id) => lookups.subnet(id, region))),
  ]);
  return {
    region,
    accountAzIds: settled("region", region, accountAzIds),
    vpc: settled("vpc.vpcId", args.vpcId, vpc),
    subnets: settled("vpc.subnetIds", args.subnetIds, subnets),
  };
}

/** The lookup's value, or its failure as an `AwsPrivateLinkLookupError` naming the argument it was for. */
export async function attempt<T>(argument: string, value: unknown, lookup: () => Promise<T>): Promise<T> {
  try {
    return await lookup();
  } catch (err) {
    throw new AwsPrivateLinkLookupError(argument, value, err);
  }
}

/** A settled lookup's value, or its failure as an `AwsPrivateLinkLookupError` naming the argument it was for. */
export function settled<T>(argument: string, value: unknown, result: PromiseSettledResult<T>): T {
  if (result.status === "rejected") throw new AwsPrivateLinkLookupError(argument, value, result.reason);
  return result.value;
}
