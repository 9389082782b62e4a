// The AWS interface endpoint path, vendor-neutral: a VPC (or an existing one), a subnet per AZ ID, a security group
// open on the target's port to the allowed sources, the interface endpoint, the target's registration (if it has
// one), private DNS when the target says, and the readiness wait. It knows no vendor: the port, the registration and
// the private DNS timing come from the target (e.g. `cockroachAwsTarget` in components/cockroach/target.ts).
//
// A function, not a component: it registers its resources as children of the caller's component, so the type chain
// of their URNs (`...$crdb-private-endpoints:index:AwsPrivateLink$aws:ec2/vpc:Vpc`) stays what it always was.
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import { EndpointPrivateDns } from "@pulumi/aws/vpc/endpointPrivateDns";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import * as pulumi from "@pulumi/pulumi";
import type { PlannedIngressRule } from "../planIngress";
import { VpcEndpointReady } from "../ready/vpcEndpointReady";

/** A subnet the endpoint may use: one to create (`cidrBlock`) or one that exists (`subnetId`). */
export interface PlannedSubnet {
  azId: string;
  cidrBlock?: string;
  subnetId?: string;
}

/** The vendor-neutral part of a plan: what the interface endpoint path builds in one region. Plain data. */
export interface InterfaceEndpointPlan {
  region: string;
  /** Set when the path creates the VPC. */
  vpcCidrBlock?: string;
  /** Set when an existing VPC is used. */
  vpcId?: string;
  /** The endpoint's candidate subnets, one per AZ, sorted by AZ ID. */
  subnets: PlannedSubnet[];
  /**
   * AZ IDs of the endpoint service in the region. Undefined when they are not known at plan time: the endpoint
   * then takes the candidates whose AZ the service reports at deploy time (`InterfaceEndpointTarget.subnetIds`).
   */
  serviceAzIds?: string[];
  ingressRules: PlannedIngressRule[];
  /** The target's port (or the user's override): the security group admits it. */
  port: number;
  privateDns: boolean;
  tags: Record<string, string>;
}

/** What the path needs from a target (what it connects to). */
export interface InterfaceEndpointTarget {
  /** The endpoint service's name in the region; may be known only at deploy time. */
  readonly serviceName: pulumi.Input<string>;
  /** The security group's description, e.g. "CockroachDB SQL over PrivateLink to cluster …". */
  readonly securityGroupDescription: pulumi.Input<string>;
  /**
   * When private DNS is turned on: `"afterRegistration"` (a separate step once `register`'s resource is done, as
   * CockroachDB requires) or `"atCreation"` (on the endpoint itself, for services that accept at once).
   */
  readonly privateDns: "afterRegistration" | "atCreation";
  /** Registers the endpoint with the service owner, as a child of `parent`; absent when the target has no such step. */
  register?(endpointId: pulumi.Output<string>, parent: pulumi.Resource): pulumi.Resource;
  /**
   * The endpoint's subnets when the plan does not know the service's AZs (`serviceAzIds` undefined): the candidates
   * whose AZ the service reports at deploy time. Absent means every candidate.
   */
  subnetIds?(candidates: { azId: string; id: pulumi.Input<string> }[]): pulumi.Input<pulumi.Input<string>[]>;
}

/** Everything the path registered, for the caller's fields and outputs. */
export interface InterfaceEndpoint {
  vpc?: Vpc;
  vpcId: pulumi.Output<string>;
  subnets: Record<string, Subnet>;
  securityGroup: SecurityGroup;
  ingressRules: Record<string, SecurityGroupIngressRule>;
  endpoint: VpcEndpoint;
  registration?: pulumi.Resource;
  endpointPrivateDns?: EndpointPrivateDns;
  ready: VpcEndpointReady;
}

/** Registers the interface endpoint path of `plan` under `parent`, every child named `${name}-<role>`. */
export function buildInterfaceEndpoint(
  parent: pulumi.ComponentResource,
  name: string,
  plan: InterfaceEndpointPlan,
  target: InterfaceEndpointTarget,
): InterfaceEndpoint {
  const { region } = plan;
  const opts = { parent };
  const tags = (role: string) => ({ Name: `${name}-${role}`, ...plan.tags });

  const vpc =
    plan.vpcCidrBlock === undefined
      ? undefined
      : new Vpc(
          `${name}-vpc`,
          // Private DNS of an interface endpoint needs both.
          { cidrBlock: plan.vpcCidrBlock, enableDnsSupport: true, enableDnsHostnames: true, region, tags: tags("vpc") },
          opts,
        );
  const vpcId = vpc ? vpc.id : pulumi.output(plan.vpcId as string);

  const subnets: Record<string, Subnet> = {};
  for (const subnet of plan.subnets.filter((s) => s.cidrBlock !== undefined)) {
    const role = `subnet-${subnet.azId}`;
    subnets[subnet.azId] = new Subnet(
      `${name}-${role}`,
      { vpcId, cidrBlock: subnet.cidrBlock, availabilityZoneId: subnet.azId, region, tags: tags(role) },
      opts,
    );
  }

  // No inline rules, and no egress rule at all: the provider removes AWS's default allow-all egress.
  const securityGroup = new SecurityGroup(
    `${name}-sg`,
    { vpcId, description: target.securityGroupDescription, region, tags: tags("sg") },
    opts,
  );
  const ingressRules: Record<string, SecurityGroupIngressRule> = {};
  for (const rule of plan.ingressRules) {
    const role = `sql-${rule.key}`;
    ingressRules[rule.key] = new SecurityGroupIngressRule(
      `${name}-${role}`,
      {
        securityGroupId: securityGroup.id,
        ipProtocol: "tcp",
        fromPort: plan.port,
        toPort: plan.port,
        cidrIpv4: rule.cidrIpv4,
        referencedSecurityGroupId: rule.referencedSecurityGroupId,
        description: rule.description,
        region,
        tags: tags(role),
      },
      opts,
    );
  }

  const candidates = plan.subnets.map((s) => ({ azId: s.azId, id: s.subnetId ?? (subnets[s.azId] as Subnet).id }));
  const subnetIds =
    plan.serviceAzIds === undefined && target.subnetIds ? target.subnetIds(candidates) : candidates.map((c) => c.id);
  const privateDnsAtCreation = plan.privateDns && target.privateDns === "atCreation";
  const endpoint = new VpcEndpoint(
    `${name}-endpoint`,
    {
      vpcId,
      vpcEndpointType: "Interface",
      serviceName: target.serviceName,
      subnetIds,
      securityGroupIds: [securityGroup.id],
      // "afterRegistration" leaves privateDnsEnabled unset here: the owner must accept the endpoint first.
      ...(privateDnsAtCreation ? { privateDnsEnabled: true } : {}),
      region,
      tags: tags("endpoint"),
    },
    opts,
  );

  const registration = target.register?.(endpoint.id, parent);
  const endpointPrivateDns =
    plan.privateDns && !privateDnsAtCreation
      ? new EndpointPrivateDns(
          `${name}-private-dns`,
          { vpcEndpointId: endpoint.id, privateDnsEnabled: true, region },
          { parent, dependsOn: registration ? [registration] : [] },
        )
      : undefined;
  // EndpointPrivateDns returns before AWS has finished; this waits for `available`, so "done" means "connectable".
  // Connectable also needs the security group to admit the sources: the ingress rules are independent of the
  // endpoint's chain, so they are waited for explicitly.
  const ready = new VpcEndpointReady(
    `${name}-ready`,
    // With private DNS on, "available" only counts once EC2 also reports private DNS enabled.
    { vpcEndpointId: endpoint.id, region, privateDnsEnabled: plan.privateDns ? true : undefined },
    { parent, dependsOn: [endpointPrivateDns ?? registration ?? endpoint, ...Object.values(ingressRules)] },
  );

  return { vpc, vpcId, subnets, securityGroup, ingressRules, endpoint, registration, endpointPrivateDns, ready };
}
