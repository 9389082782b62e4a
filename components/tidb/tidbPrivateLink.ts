// The TidbPrivateLink component: TiDB Cloud Serverless (the target, target.ts) over an AWS interface endpoint (the
// path, aws/endpoint/interfaceEndpoint.ts), the same function AwsPrivateLink builds with. No registration, private
// DNS on the endpoint at creation, the security group on TiDB's port; nothing of CockroachDB's.
//
//   VPC ─┬─ subnet per AZ ID the service and the account share ─┐
//        └─ security group ─ ingress rule per source ────────────┼─ VpcEndpoint (Interface, private DNS) ─ VpcEndpointReady
import type { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import type { Subnet } from "@pulumi/aws/ec2/subnet";
import type { Vpc } from "@pulumi/aws/ec2/vpc";
import type { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import type { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import * as pulumi from "@pulumi/pulumi";
import { buildInterfaceEndpoint } from "../aws/endpoint/interfaceEndpoint";
import { VpcEndpointReady } from "../aws/ready/vpcEndpointReady";
import type { TidbPrivateLinkArgs } from "./args";
import { type TidbPrivateLinkLookups, lookupTidbPrivateLinkFacts } from "./facts";
import { type TidbPrivateLinkLookupOptions, tidbPrivateLinkLookups } from "./lookups";
import { type TidbPrivateLinkPlan, planTidbPrivateLink } from "./plan";
import { checkTidbPrivateLinkArgs } from "./planArgs";
import { tidbTarget } from "./target";

export interface TidbPrivateLinkCreateOptions extends pulumi.ComponentResourceOptions {
  /** Where the facts come from; each one not given is the real lookup. */
  lookups?: Partial<TidbPrivateLinkLookups>;
  /** TiDB Cloud API settings for the real cluster lookup. @default from the environment */
  tidb?: TidbPrivateLinkLookupOptions["tidb"];
  /**
   * The owner mark tagged on the resources, to tell this component's endpoint from another in the same VPC.
   * @default `<project>/<stack>/<name>`
   */
  owner?: string;
}

/**
 * Private connectivity from an AWS VPC to TiDB Cloud Serverless over AWS PrivateLink, in one region. Build it with
 * {@link TidbPrivateLink.create} (= {@link TidbPrivateLink.prepare}, then the constructor from the plan).
 */
export class TidbPrivateLink extends pulumi.ComponentResource {
  static readonly TYPE = "crdb-private-endpoints:index:TidbPrivateLink";

  /** Checks `args`, looks up the facts and plans; registers nothing. Rejects naming every problem. */
  static async prepare(name: string, args: TidbPrivateLinkArgs, opts: TidbPrivateLinkCreateOptions = {}): Promise<TidbPrivateLinkPlan> {
    const { lookups, tidb, owner, ...resourceOptions } = opts;
    const checked = checkTidbPrivateLinkArgs(name, args);
    const real = tidbPrivateLinkLookups({ parent: resourceOptions.parent, provider: resourceOptions.provider as pulumi.ProviderResource | undefined, tidb });
    const facts = await lookupTidbPrivateLinkFacts(checked, { ...real, ...lookups });
    return planTidbPrivateLink(name, checked, facts, owner ?? `${pulumi.getProject()}/${pulumi.getStack()}/${name}`);
  }

  /** {@link TidbPrivateLink.prepare}, then the constructor. */
  static async create(name: string, args: TidbPrivateLinkArgs, opts: TidbPrivateLinkCreateOptions = {}): Promise<TidbPrivateLink> {
    const plan = await TidbPrivateLink.prepare(name, args, opts);
    const { lookups: _lookups, tidb: _tidb, owner: _owner, ...resourceOptions } = opts;
    return new TidbPrivateLink(name, plan, resourceOptions);
  }

  readonly plan: TidbPrivateLinkPlan;
  /** The VPC, when this component created it. */
  readonly vpc?: Vpc;
  /** Subnets this component created, by AZ ID. */
  readonly subnets: Readonly<Record<string, Subnet>>;
  /** Absent when an existing endpoint is reused. */
  readonly securityGroup?: SecurityGroup;
  readonly ingressRules: Readonly<Record<string, SecurityGroupIngressRule>>;
  /** Absent when an existing endpoint is reused. */
  readonly endpoint?: VpcEndpoint;
  /** Done when the endpoint is `available` with private DNS (and the security group admits every source). */
  readonly ready: VpcEndpointReady;

  readonly vpcId: pulumi.Output<string>;
  readonly endpointId: pulumi.Output<string>;
  /** The host clients connect to: TiDB's private host (resolves to the endpoint inside the VPC with private DNS). */
  readonly privateHost: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;

  /** Registers the resources of `plan` and nothing else: no check, no lookup. */
  constructor(name: string, plan: TidbPrivateLinkPlan, opts: pulumi.ComponentResourceOptions = {}) {
    super(TidbPrivateLink.TYPE, name, {}, opts);
    this.plan = plan;
    for (const warning of plan.warnings) void pulumi.log.warn(warning, this);

    if (plan.reusedEndpointId !== undefined) {
      // Another stack's (or a hand-made) endpoint: nothing to create, only wait until it is usable.
      this.subnets = {};
      this.ingressRules = {};
      this.ready = new VpcEndpointReady(
        `${name}-ready`,
        { vpcEndpointId: plan.reusedEndpointId, region: plan.region, privateDnsEnabled: plan.privateDns ? true : undefined },
        { parent: this },
      );
      this.vpcId = pulumi.output(plan.vpcId as string);
      this.endpointId = pulumi.output(plan.reusedEndpointId);
    } else {
      const path = buildInterfaceEndpoint(this, name, plan, {
        serviceName: plan.serviceName,
        securityGroupDescription: tidbTarget.securityGroupDescription(plan.serviceName),
        privateDns: tidbTarget.privateDns,
      });
      this.vpc = path.vpc;
      this.subnets = path.subnets;
      this.securityGroup = path.securityGroup;
      this.ingressRules = path.ingressRules;
      this.endpoint = path.endpoint;
      this.ready = path.ready;
      this.vpcId = path.vpcId;
      this.endpointId = path.endpoint.id;
    }
    this.privateHost = pulumi.output(plan.privateHost);
    this.port = pulumi.output(plan.port);
    this.registerOutputs({ vpcId: this.vpcId, endpointId: this.endpointId, privateHost: this.privateHost, port: this.port });
  }
}
