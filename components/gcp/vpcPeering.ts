// The GcpVpcPeering component: the customer half of VPC peering between a GCP network and a CockroachDB Cloud
// Advanced cluster on GCP. The cluster's half is a Console request (no Cloud API call exists): until it is made, the
// peering's `state` stays INACTIVE, which this component exposes rather than waits on.
import type { NetworkPeering } from "@pulumi/gcp/compute/networkPeering";
import * as pulumi from "@pulumi/pulumi";
import type { GcpVpcPeeringArgs } from "./peering/args";
import { checkPeeringArgs } from "./peering/checkArgs";
import type { GcpLookups } from "./facts";
import { gcpLookups } from "./lookups";
import { buildNetworkPeering } from "./peering/networkPeering";
import { type GcpVpcPeeringPlan, lookupPeeringFacts, planGcpVpcPeering } from "./peering/plan";

export interface GcpVpcPeeringCreateOptions extends pulumi.ComponentResourceOptions {
  /** Where the facts come from; each one not given is the real lookup. */
  lookups?: Partial<GcpLookups>;
}

export interface GcpVpcPeeringOptions extends pulumi.ComponentResourceOptions {
  /** Peerings of the same network to wait for: GCP runs one peering operation at a time per network. @default none */
  readonly after?: pulumi.Resource[];
}

/**
 * A `compute.NetworkPeering` from `network` to the cluster's network, after checking that the cluster is Advanced on
 * GCP and that no subnet range of the network overlaps the cluster's CIDR range (default 172.28.0.0/14).
 */
export class GcpVpcPeering extends pulumi.ComponentResource {
  static readonly TYPE = "crdb-private-endpoints:index:GcpVpcPeering";

  static async prepare(name: string, args: GcpVpcPeeringArgs, opts: GcpVpcPeeringCreateOptions = {}): Promise<GcpVpcPeeringPlan> {
    const { lookups, ...resourceOptions } = opts;
    const checked = checkPeeringArgs(name, args);
    const real = gcpLookups({ provider: resourceOptions.provider, parent: resourceOptions.parent });
    return planGcpVpcPeering(name, checked, await lookupPeeringFacts(checked, { ...real, ...lookups }));
  }

  static async create(name: string, args: GcpVpcPeeringArgs, opts: GcpVpcPeeringCreateOptions & GcpVpcPeeringOptions = {}): Promise<GcpVpcPeering> {
    const plan = await GcpVpcPeering.prepare(name, args, opts);
    const { lookups: _lookups, ...resourceOptions } = opts;
    return new GcpVpcPeering(name, plan, resourceOptions);
  }

  readonly plan: GcpVpcPeeringPlan;
  readonly peering: NetworkPeering;
  /** `ACTIVE` once the cluster's half exists; `INACTIVE` until the Console request is made. */
  readonly state: pulumi.Output<string>;
  readonly stateDetails: pulumi.Output<string>;
  /** Hosts over peering by cluster region (the regions' internal DNS names). */
  readonly privateSqlHosts: pulumi.Output<Record<string, string>>;

  constructor(name: string, plan: GcpVpcPeeringPlan, opts: GcpVpcPeeringOptions = {}) {
    const { after, ...resourceOptions } = opts;
    super(GcpVpcPeering.TYPE, name, {}, resourceOptions);
    this.plan = plan;
    for (const warning of plan.warnings) void pulumi.log.warn(warning, this);
    this.peering = buildNetworkPeering(this, name, plan, after);
    this.state = this.peering.state;
    this.stateDetails = this.peering.stateDetails;
    this.privateSqlHosts = pulumi.output(plan.privateSqlHosts);
    this.registerOutputs({ state: this.state, stateDetails: this.stateDetails, privateSqlHosts: this.privateSqlHosts });
  }
}
