// How long each resource type's create takes in the cloud, in seconds: typical published figures. The sources are
// listed in SOURCES and printed in BENCHMARKS.md. A figure with no public source is marked as an assumption.

export interface Latency {
  readonly seconds: number;
  /** Keys of SOURCES, or "assumption". */
  readonly basis: string;
}

export const SOURCES: Record<string, string> = {
  S1: "bshehram/devops-aws-tf SAMPLE_TF_APPLY.md: terraform apply in us-west-2, 'Creation complete after' lines (VPC 12 s x3, subnets 0-11 s)",
  S2: "public terraform apply logs (exact-string search 'aws_vpc.main: Creation complete after' and security groups): VPC 1-15 s, SG 3-8 s",
  S3: "hashicorp/terraform-provider-aws internal/service/ec2/vpc_endpoint.go: create waits for available OR pendingAcceptance (5 s delay, 5 s poll); TestAccVPCEndpoint_interfaceBasic 69.87 s (PR #46800)",
  S6: "cockroachdb/docs cockroachcloud/aws-privatelink.md step 5: after enabling private DNS, 'a short (less than 5 minute) delay' until Available",
  S7: "hashicorp/terraform-provider-aws internal/service/ec2/vpc_endpoint_private_dns.go: one ModifyVpcEndpoint call, no waiter",
  S8: "cockroachdb/terraform-provider-cockroach PR #135: serverless endpoint services test 5.70 s (services are built in)",
  S9: "pingcap/docs PR #10276: creating an endpoint service 'takes 3 to 4 minutes' (analogue for ADVANCED, no CockroachDB figure)",
  S10: "cockroachdb/terraform-provider-cockroach PR #60/#61: endpoint connections 'usually only take a minute or less', '(usually completes in ~30s)'",
  S12: "pulumi/pulumi pkg/cmd/pulumi/operations/up.go defaultParallel(): 4 x GOMAXPROCS (8 on 2 cores), PR #15016",
};

export type ServicesScenario = "existing" | "created";

const TYPICAL: Record<string, Latency> = {
  "aws:ec2/vpc:Vpc": { seconds: 12, basis: "S1, S2" },
  "aws:ec2/subnet:Subnet": { seconds: 1, basis: "S1, S2" },
  "aws:ec2/securityGroup:SecurityGroup": { seconds: 4, basis: "S2" },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { seconds: 1, basis: "assumption (one API call)" },
  "aws:ec2/vpcEndpoint:VpcEndpoint": { seconds: 60, basis: "S3" },
  "pulumi-nodejs:dynamic/cockroach:PrivateEndpointConnection": { seconds: 30, basis: "S10" },
  "aws:vpc/endpointPrivateDns:EndpointPrivateDns": { seconds: 2, basis: "S7; 2 s is an assumption (one API call)" },
  "pulumi-nodejs:dynamic/aws:VpcEndpointReady": { seconds: 120, basis: "S6 (private DNS pending -> available)" },
  "pulumi:providers:aws": { seconds: 0, basis: "no cloud call" },
};

const SERVICES_TYPE = "pulumi-nodejs:dynamic/cockroach:PrivateEndpointServices";
const SERVICES: Record<ServicesScenario, Latency> = {
  existing: { seconds: 6, basis: "S8 (STANDARD/BASIC: built in, one list)" },
  created: { seconds: 300, basis: "assumption from S9 (ADVANCED, created in this run; no CockroachDB figure)" },
};

/** Latency of a custom resource type. @throws for a type the model has no figure for: the bench must not guess */
export function latencyOf(type: string, scenario: ServicesScenario = "existing"): Latency {
  if (type === SERVICES_TYPE) return SERVICES[scenario];
  const latency = TYPICAL[type];
  if (!latency) throw new Error(`the latency model has no figure for resource type ${type}`);
  return latency;
}

/** The model as rows for BENCHMARKS.md. */
export function modelRows(): { type: string; seconds: string; basis: string }[] {
  const rows = Object.entries(TYPICAL)
    .filter(([type]) => !type.startsWith("pulumi:providers:"))
    .map(([type, l]) => ({ type, seconds: String(l.seconds), basis: l.basis }));
  rows.push({ type: `${SERVICES_TYPE} (existing)`, seconds: String(SERVICES.existing.seconds), basis: SERVICES.existing.basis });
  rows.push({ type: `${SERVICES_TYPE} (created)`, seconds: String(SERVICES.created.seconds), basis: SERVICES.created.basis });
  return rows;
}
