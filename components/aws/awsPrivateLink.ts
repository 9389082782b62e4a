// The AwsPrivateLink component: CockroachDB (the target, components/cockroach/target.ts) over an AWS interface endpoint
// (the path, endpoint/interfaceEndpoint.ts). What to build is decided by plan.ts from facts looked up beforehand, so
// the constructor is synchronous, registers every resource up front (all of them show in `pulumi preview`) from the
// plan alone. The path registers its resources as this component's children: their URNs are what they always were.
//
//   PrivateEndpointServices ───────────────────────┐ (service name)
//   VPC ─┬─ subnet per AZ ID ──────────────────────┼─ VpcEndpoint (Interface) ─ PrivateEndpointConnection
//        └─ security group ─ ingress rule/source   │                              └─ EndpointPrivateDns ─ VpcEndpointReady
//                            └────────────────────────────────────────────────────────────────────────────┘ (dependsOn)
import type { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import type { Subnet } from "@pulumi/aws/ec2/subnet";
import type { Vpc } from "@pulumi/aws/ec2/vpc";
import type { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import { Provider } from "@pulumi/aws/provider";
import type { EndpointPrivateDns } from "@pulumi/aws/vpc/endpointPrivateDns";
import type { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointConnection, PrivateEndpointServices } from "../cockroach";
import type { PrivateEndpointServiceInfo } from "../cockroach/shapes";
import { cockroachTarget } from "../cockroach/target";
import { resolveInput } from "../core/input";
import { buildInterfaceEndpoint } from "./endpoint/interfaceEndpoint";
import type { AwsPrivateLinkArgs } from "./args";
import { AwsPrivateLinkArgumentError } from "./errors";
import { type AwsPrivateLinkLookups, lookupAwsPrivateLinkFacts, lookupNetworkFacts } from "./facts";
import { awsPrivateLinkLookups } from "./lookups";
import { type AwsPrivateLinkPlan, planAwsPrivateLink } from "./plan";
import { checkAwsPrivateLinkArgs } from "./planArgs";
import { noSharedAzProblem, noSupportedSubnetProblem } from "./planOverlap";
import { sortedAzIds } from "./planZones";
import type { DnsEntry, VpcEndpointReady } from "./ready/vpcEndpointReady";

export interface AwsPrivateLinkCreateOptions extends pulumi.ComponentResourceOptions {
  /**
   * Where the facts come from; each one not given is the real lookup: the Cloud API, or an AWS invoke through the
   * AWS provider the component's resources get (`provider`, `providers`, else the parent's, else the default).
   */
  lookups?: Partial<AwsPrivateLinkLookups>;
}

/** Options of the constructor, which builds from a plan: resource options, and resources to share rather than create. */
export interface AwsPrivateLinkOptions extends pulumi.ComponentResourceOptions {
  /**
   * The cluster's endpoint services, when another component or the program already has them (several regions of
   * one cluster share one). Created as `${name}-services` when absent.
   */
  readonly endpointServices?: PrivateEndpointServices;
  /**
   * The cluster ID as the caller wired it (`AwsPrivateLinkArgs.clusterId`), when it is an output: the resources that
   * take it (the endpoint services, the registration) then depend on whatever produces it, and a plan made while it
   * was unknown (`plan.clusterIdUnknown`) gets it here. Required for such a plan.
   * @default the plan's `clusterId`
   */
  readonly clusterId?: pulumi.Input<string>;
}

/** The part of the endpoint services' output this component reads. */
type ServiceInRegion = Pick<PrivateEndpointServiceInfo, "name" | "availabilityZoneIds">;

/**
 * Private connectivity from an AWS VPC to a CockroachDB Cloud cluster over AWS PrivateLink, in one region: a VPC
 * (or an existing one), one subnet per supported AZ ID, a security group open on the SQL port to the allowed
 * sources only, an Interface endpoint registered with the cluster, then private DNS, then a wait until the
 * endpoint is `available`. No NAT or internet gateway, no egress rule: the endpoint's network interfaces are the
 * only billable items.
 *
 * Build it with {@link AwsPrivateLink.create}: {@link AwsPrivateLink.prepare} (check the arguments, look up the facts
 * they depend on: the cluster, its endpoint service's AZ IDs, the account's AZ IDs, an existing VPC and its subnets;
 * then plan), and the constructor, which registers resources from that plan alone. A program with several regions
 * prepares all of them first, so every problem of every region is reported before any resource registers, then
 * constructs each from its plan: each region is checked once and planned once.
 *
 * An ADVANCED cluster has no endpoint services until its `PrivateEndpointServices` creates them, and a service that
 * is CREATING (or failed, and is created again) has no AZ IDs to go by either, so they are unknown at plan time. The
 * component then warns, puts a subnet in every AZ of the account (subnets cost nothing), and gives the endpoint
 * those whose AZ the service reports once it is AVAILABLE, decided at deploy time. A `clusterId` output that is
 * unknown during a preview (the program creates the cluster) plans the same way, with a warning saying why.
 */
export class AwsPrivateLink extends pulumi.ComponentResource {
  static readonly TYPE = "crdb-private-endpoints:index:AwsPrivateLink";

  /**
   * Checks `args`, looks up the facts they depend on and plans: a plain, serializable value, or a rejection
   * (`AwsPrivateLinkArgumentError`, `AwsPrivateLinkLookupError`) naming every problem. Registers nothing. `opts` are
   * the ones the component will be built with: the lookups use its AWS provider.
   */
  static async prepare(name: string, args: AwsPrivateLinkArgs, opts: AwsPrivateLinkCreateOptions = {}): Promise<AwsPrivateLinkPlan> {
    const { lookups, ...resourceOptions } = opts;
    // An output is awaited (during `up`, until the resource behind it exists); unknown at preview, it plans conservatively.
    const clusterId = await resolveInput(args?.clusterId);
    const checked = clusterId.known
      ? checkAwsPrivateLinkArgs(name, { ...args, clusterId: clusterId.value })
      : checkAwsPrivateLinkArgs(name, args, { clusterIdUnknown: true });
    const all = { ...awsPrivateLinkLookups({ provider: awsProviderOf(resourceOptions), parent: resourceOptions.parent }), ...lookups };
    const facts = checked.clusterIdUnknown ? await lookupNetworkFacts(checked, all) : await lookupAwsPrivateLinkFacts(checked, all);
    return planAwsPrivateLink(name, checked, facts);
  }

  /** {@link AwsPrivateLink.prepare}, then the constructor. Rejects before registering anything. */
  static async create(name: string, args: AwsPrivateLinkArgs, opts: AwsPrivateLinkCreateOptions = {}): Promise<AwsPrivateLink> {
    const plan = await AwsPrivateLink.prepare(name, args, opts);
    const { lookups: _lookups, ...resourceOptions } = opts;
    const clusterId = pulumi.Output.isInstance(args.clusterId) ? args.clusterId : undefined;
    return new AwsPrivateLink(name, plan, { ...resourceOptions, endpointServices: args.endpointServices, clusterId });
  }

  /** What was built and why: AZs, CIDR blocks, rules, warnings. */
  readonly plan: AwsPrivateLinkPlan;

  readonly endpointServices: PrivateEndpointServices;
  /** The VPC, when this component created it. */
  readonly vpc?: Vpc;
  /** Subnets this component created, by AZ ID. Empty for an existing VPC. */
  readonly subnets: Readonly<Record<string, Subnet>>;
  readonly securityGroup: SecurityGroup;
  /** One per allowed source, by source key (`10-40-0-0-16`, `sg-0123456789abcdef0`). */
  readonly ingressRules: Readonly<Record<string, SecurityGroupIngressRule>>;
  readonly endpoint: VpcEndpoint;
  readonly connection: PrivateEndpointConnection;
  /** Turns private DNS on after CockroachDB accepted the endpoint; absent when `privateDns` is false. */
  readonly endpointPrivateDns?: EndpointPrivateDns;
  /** Done when the endpoint is `available` and the security group admits every allowed source: depend on this to connect. */
  readonly ready: VpcEndpointReady;

  readonly vpcId: pulumi.Output<string>;
  /** The endpoint's subnets. */
  readonly subnetIds: pulumi.Output<string[]>;
  readonly securityGroupId: pulumi.Output<string>;
  readonly endpointId: pulumi.Output<string>;
  /** The endpoint's DNS names once it is ready. */
  readonly endpointDnsEntries: pulumi.Output<DnsEntry[]>;
  /** Host for SQL over the endpoint: the region's `internalDns` (resolves privately when `privateDns` is on). */
  readonly privateSqlHost: pulumi.Output<string>;
  /** CockroachDB's view of the endpoint, `STATUS_AVAILABLE` once accepted. */
  readonly connectionStatus: pulumi.Output<string>;

  /**
   * Registers the resources of `plan` (from {@link AwsPrivateLink.prepare} or `planAwsPrivateLink`), and nothing
   * else: no check, no lookup. Everything that can fail at plan time has failed before a plan exists.
   */
  constructor(name: string, plan: AwsPrivateLinkPlan, opts: AwsPrivateLinkOptions = {}) {
    const { endpointServices, clusterId: wiredClusterId, ...resourceOptions } = opts;
    if (plan.clusterIdUnknown && wiredClusterId === undefined) {
      throw new Error(`AwsPrivateLink "${name}": the plan was made while clusterId was unknown; pass that clusterId as the clusterId option`);
    }
    super(AwsPrivateLink.TYPE, name, {}, resourceOptions);
    this.plan = plan;
    for (const warning of plan.warnings) void pulumi.log.warn(warning, this);
    // Lower-cased as the plan's is, so the same cluster written in capitals names the same resources.
    const clusterId: pulumi.Input<string> =
      wiredClusterId === undefined ? plan.clusterId : pulumi.output(wiredClusterId).apply((id) => id.toLowerCase());

    // The cluster side starts at once: it depends on nothing of the VPC.
    this.endpointServices =
      endpointServices ?? new PrivateEndpointServices(`${name}-services`, { clusterId }, { parent: this });

    // Read only where needed: with serviceName and serviceAzIds given, nothing waits on the services' output.
    const service = () => this.endpointServices.servicesMap.apply((map) => serviceIn(map, plan));
    const target = cockroachTarget;
    const path = buildInterfaceEndpoint(this, name, plan, {
      serviceName: plan.serviceName ?? service().name,
      securityGroupDescription: plan.clusterIdUnknown
        ? pulumi.output(clusterId).apply((id) => target.securityGroupDescription(id))
        : target.securityGroupDescription(plan.clusterId),
      privateDns: target.privateDns,
      register: target.registersEndpoint
        ? (endpointId, parent) =>
            new PrivateEndpointConnection(
              `${name}-connection`,
              // The registered endpoint is this component's own: when the component goes, its registration goes too,
              // even when found already there (the POST of an interrupted `up` that state never recorded).
              { clusterId, endpointId, deleteAdopted: true },
              { parent },
            )
        : undefined,
      subnetIds: (candidates) => endpointSubnetIds(name, candidates, plan, service()),
    });
    this.vpc = path.vpc;
    this.subnets = path.subnets;
    this.securityGroup = path.securityGroup;
    this.ingressRules = path.ingressRules;
    this.endpoint = path.endpoint;
    // CockroachDB registers every endpoint, so the path made the registration with the function above.
    this.connection = path.registration as PrivateEndpointConnection;
    this.endpointPrivateDns = path.endpointPrivateDns;
    this.ready = path.ready;

    this.vpcId = path.vpcId;
    this.subnetIds = this.endpoint.subnetIds;
    this.securityGroupId = this.securityGroup.id;
    this.endpointId = this.endpoint.id;
    this.endpointDnsEntries = this.ready.dnsEntries;
    // Unknown until the cluster is (a plan made without it has no host to give).
    this.privateSqlHost = plan.clusterIdUnknown ? pulumi.output(clusterId).apply(() => plan.privateSqlHost) : pulumi.output(plan.privateSqlHost);
    this.connectionStatus = this.connection.status;
    this.registerOutputs({
      vpcId: this.vpcId,
      subnetIds: this.subnetIds,
      securityGroupId: this.securityGroupId,
      endpointId: this.endpointId,
      endpointDnsEntries: this.endpointDnsEntries,
      privateSqlHost: this.privateSqlHost,
      connectionStatus: this.connectionStatus,
    });
  }
}

function serviceIn(map: Record<string, ServiceInRegion> | undefined, plan: AwsPrivateLinkPlan): ServiceInRegion {
  const service = map?.[plan.region];
  if (!service) {
    throw new Error(`cluster ${plan.clusterId} reports no private endpoint service in ${plan.region}`);
  }
  return service;
}

/**
 * When the service's AZs were unknown at plan time: the candidates whose AZ the service reports, decided once it
 * exists; none of them is the plan-time failure, found late. (Known at plan time, the candidates are already narrowed.)
 */
function endpointSubnetIds(
  name: string,
  candidates: { azId: string; id: pulumi.Input<string> }[],
  plan: AwsPrivateLinkPlan,
  service: pulumi.Output<ServiceInRegion>,
): pulumi.Input<pulumi.Input<string>[]> {
  return pulumi.all([service, pulumi.all(candidates.map((c) => c.id))]).apply(([svc, ids]) => {
    const supported = new Set(svc.availabilityZoneIds);
    const chosen = ids.filter((_, i) => supported.has(candidates[i]?.azId ?? ""));
    if (chosen.length === 0) {
      const serviceAzIds = sortedAzIds(svc.availabilityZoneIds);
      const problem =
        plan.vpcId === undefined
          ? noSharedAzProblem(plan.region, serviceAzIds, candidates.map((c) => c.azId))
          : noSupportedSubnetProblem(
              plan.subnets.map((s) => s.subnetId as string),
              plan.subnets.map((s) => ({ azId: s.azId, subnetId: s.subnetId as string })),
              serviceAzIds,
            );
      throw new AwsPrivateLinkArgumentError(name, [problem]);
    }
    return chosen;
  });
}

/**
 * The AWS provider given to the component itself, resolved as Pulumi resolves it for the component's children:
 * `provider`, over `providers` (a list, or a map by package). Undefined leaves the invokes to inherit from the
 * parent, as the children do, or to use the default provider.
 */
function awsProviderOf(opts: pulumi.ComponentResourceOptions): pulumi.ProviderResource | undefined {
  // Pulumi keys a list of providers (and `provider`) by each one's package, and a map by its own keys.
  if (opts.provider && Provider.isInstance(opts.provider)) return opts.provider;
  if (Array.isArray(opts.providers)) return opts.providers.filter((p) => Provider.isInstance(p)).at(-1);
  return (opts.providers as Record<string, pulumi.ProviderResource> | undefined)?.aws;
}
