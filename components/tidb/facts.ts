// The facts that decide the shape of a TidbPrivateLink, looked up before anything is constructed: the cluster's
// private endpoint service (unless given), the account's zones (to map AZ names to IDs and intersect), an existing
// VPC, its subnets, and the endpoints it already has to the service.
import { attempt, settled, type SubnetFacts, type VpcFacts } from "../aws/facts";
import type { ExistingVpcEndpoint } from "../aws/vpcEndpointsToService";
import type { CheckedTidbArgs } from "./planArgs";
import type { TidbService } from "./service";
import type { AccountZones } from "./zones";

/** What the TiDB Cloud API says about a cluster, in the shape the plan reads. */
export interface TidbClusterFacts {
  id: string;
  name: string;
  /** "aws", "gcp", "alicloud" (as the API's region reports it) */
  cloudProvider: string;
  /** The AWS region code, e.g. us-east-1 (from the API's `regions/aws-us-east-1`). */
  region: string;
  /** "ACTIVE", "CREATING", "DELETED", ... */
  state: string;
  userPrefix?: string;
  privateEndpoint?: { serviceName: string; availabilityZones: string[]; host: string; port: number };
}

export interface TidbPrivateLinkFacts {
  region: string;
  /** The cluster, when the service was looked up through it. */
  cluster?: TidbClusterFacts;
  /** The service as given in the arguments; absent when it comes from `cluster`. */
  givenService?: TidbService;
  accountZones: AccountZones;
  vpc?: VpcFacts;
  subnets?: SubnetFacts[];
  /** Endpoints of the existing VPC to the service (not gone). Absent for a VPC the component creates. */
  endpointsInVpc?: ExistingVpcEndpoint[];
}

/** Where the facts come from: the defaults ask the TiDB Cloud API and AWS (`tidbPrivateLinkLookups`); tests inject. */
export interface TidbPrivateLinkLookups {
  tidbCluster(clusterId: string): Promise<TidbClusterFacts>;
  providerRegion(): Promise<string>;
  /** The region's `available` zones: IDs and names, index for index. */
  accountZones(region: string): Promise<AccountZones>;
  vpc(vpcId: string, region: string): Promise<VpcFacts>;
  subnet(subnetId: string, region: string): Promise<SubnetFacts>;
  vpcEndpointsToService(vpcId: string, serviceName: string, region: string): Promise<ExistingVpcEndpoint[]>;
}

/** The service name to look for in the VPC, once known: given, or the cluster's. */
function serviceNameOf(args: CheckedTidbArgs, cluster: TidbClusterFacts | undefined): string | undefined {
  return args.service?.serviceName ?? cluster?.privateEndpoint?.serviceName;
}

/** Looks up every fact, in parallel where they do not depend on each other; the first failure in a fixed order. */
export async function lookupTidbPrivateLinkFacts(args: CheckedTidbArgs, lookups: TidbPrivateLinkLookups): Promise<TidbPrivateLinkFacts> {
  const region = args.region ?? (await attempt("region", "(the AWS provider's)", () => lookups.providerRegion()));
  const clusterLookup = args.service === undefined && args.clusterId !== undefined ? lookups.tidbCluster(args.clusterId) : undefined;
  const [cluster, accountZones, vpc, subnets] = await Promise.allSettled([
    clusterLookup,
    lookups.accountZones(region),
    args.vpcId === undefined ? undefined : lookups.vpc(args.vpcId, region),
    args.subnetIds === undefined ? undefined : Promise.all(args.subnetIds.map((id) => lookups.subnet(id, region))),
  ]);
  const clusterFacts = settled("clusterId", args.clusterId, cluster);
  const serviceName = serviceNameOf(args, clusterFacts);
  const endpointsInVpc =
    args.vpcId === undefined || serviceName === undefined
      ? undefined
      : await attempt("vpc.vpcId", args.vpcId, () => lookups.vpcEndpointsToService(args.vpcId as string, serviceName, region));
  return {
    region,
    cluster: clusterFacts,
    givenService: args.service,
    accountZones: settled("region", region, accountZones),
    vpc: settled("vpc.vpcId", args.vpcId, vpc),
    subnets: settled("vpc.subnetIds", args.subnetIds, subnets),
    endpointsInVpc,
  };
}
