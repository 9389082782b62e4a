// The GcpPrivateServiceConnect component: CockroachDB (the target, components/cockroach/target.ts) over GCP Private
// Service Connect (the path, psc/pscEndpoint.ts). Planned from facts looked up beforehand (`prepare`), then built from
// the plan alone: every resource registers up front, so `pulumi preview` shows all of it.
//
//   PrivateEndpointServices ─────────────── (service attachment, private host) ──────────────┐
//   network ─ subnetwork ─ address (INTERNAL) ─ forwarding rule (PSC) ─ PrivateEndpointConnection (pscConnectionId)
//   APIs ─ Service Directory namespace ─────────┘ (automatic DNS)     or   zone for the host ─ A record at the address
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointConnection, PrivateEndpointServices } from "../cockroach";
import { cockroachTarget } from "../cockroach/target";
import type { GcpPrivateServiceConnectArgs } from "./psc/args";
import { checkPscArgs, PSC_COMPONENT } from "./psc/checkArgs";
import { GcpArgumentError } from "./errors";
import type { GcpLookups } from "./facts";
import { gcpLookups } from "./lookups";
import { lookupPscFacts } from "./psc/facts";
import { type GcpPrivateServiceConnectPlan, planGcpPrivateServiceConnect } from "./psc/plan";
import { buildPscEndpoint, type PscEndpoint } from "./psc/pscEndpoint";
import { SERVICE_ATTACHMENT_OVERRIDE, serviceAttachmentOf } from "./psc/serviceAttachment";

export interface GcpPrivateServiceConnectCreateOptions extends pulumi.ComponentResourceOptions {
  /** Where the facts come from; each one not given is the real lookup (the Cloud API, or a GCP invoke). */
  lookups?: Partial<GcpLookups>;
}

export interface GcpPrivateServiceConnectOptions extends pulumi.ComponentResourceOptions {
  /** The cluster's endpoint services, when shared. @default `${name}-services`, created here */
  readonly endpointServices?: PrivateEndpointServices;
}

/** The part of the endpoint services' output this component reads. */
interface ServiceInRegion {
  name: string;
  endpointServiceId: string;
}

/**
 * Private connectivity from a GCP network to a CockroachDB Cloud cluster over Private Service Connect, in one region:
 * a network and subnetwork (or existing ones), an internal address, a forwarding rule to the cluster's service
 * attachment (global access on by default), its PSC connection ID registered with the cluster and waited for until
 * `STATUS_AVAILABLE`, and private DNS (GCP's automatic PSC DNS by default). No external address.
 *
 * Build it with {@link GcpPrivateServiceConnect.create}: {@link GcpPrivateServiceConnect.prepare} checks the arguments,
 * looks up the facts (the cluster, its endpoint service, an existing network and subnetwork, the provider's project)
 * and plans; the constructor registers resources from that plan alone.
 */
export class GcpPrivateServiceConnect extends pulumi.ComponentResource {
  static readonly TYPE = "crdb-private-endpoints:index:GcpPrivateServiceConnect";

  /** Checks, looks up and plans; rejects (`GcpArgumentError`, `GcpLookupError`) naming every problem. Registers nothing. */
  static async prepare(
    name: string,
    args: GcpPrivateServiceConnectArgs,
    opts: GcpPrivateServiceConnectCreateOptions = {},
  ): Promise<GcpPrivateServiceConnectPlan> {
    const { lookups, ...resourceOptions } = opts;
    const checked = checkPscArgs(name, args);
    const real = gcpLookups({ provider: resourceOptions.provider, parent: resourceOptions.parent });
    const facts = await lookupPscFacts(checked, { ...real, ...lookups });
    return planGcpPrivateServiceConnect(name, checked, facts);
  }

  /** {@link GcpPrivateServiceConnect.prepare}, then the constructor. Rejects before registering anything. */
  static async create(
    name: string,
    args: GcpPrivateServiceConnectArgs,
    opts: GcpPrivateServiceConnectCreateOptions = {},
  ): Promise<GcpPrivateServiceConnect> {
    const plan = await GcpPrivateServiceConnect.prepare(name, args, opts);
    const { lookups: _lookups, ...resourceOptions } = opts;
    return new GcpPrivateServiceConnect(name, plan, { ...resourceOptions, endpointServices: args.endpointServices });
  }

  readonly plan: GcpPrivateServiceConnectPlan;
  readonly endpointServices: PrivateEndpointServices;
  /** Every resource of the path (network, address, forwarding rule, DNS pieces). */
  readonly path: PscEndpoint;
  readonly connection: PrivateEndpointConnection;
  /** Depend on these to connect: the registration accepted and the DNS in place. */
  readonly ready: pulumi.Resource[];

  readonly networkSelfLink: pulumi.Output<string>;
  /** The endpoint's internal IP address. */
  readonly endpointAddress: pulumi.Output<string>;
  /** The forwarding rule's name: with automatic DNS, the first label of the host GCP registers. */
  readonly endpointName: pulumi.Output<string>;
  readonly pscConnectionId: pulumi.Output<string>;
  readonly serviceAttachment: pulumi.Output<string>;
  /** The region's `private_endpoint_dns`, read once the endpoint services are AVAILABLE. */
  readonly privateSqlHost: pulumi.Output<string>;
  /** CockroachDB's view of the endpoint, `STATUS_AVAILABLE` once accepted. */
  readonly connectionStatus: pulumi.Output<string>;

  constructor(name: string, plan: GcpPrivateServiceConnectPlan, opts: GcpPrivateServiceConnectOptions = {}) {
    const { endpointServices, ...resourceOptions } = opts;
    super(GcpPrivateServiceConnect.TYPE, name, {}, resourceOptions);
    this.plan = plan;
    for (const warning of plan.warnings) void pulumi.log.warn(warning, this);

    this.endpointServices =
      endpointServices ?? new PrivateEndpointServices(`${name}-services`, { clusterId: plan.clusterId }, { parent: this });
    const serviceAttachment =
      plan.serviceAttachment !== undefined
        ? pulumi.output(plan.serviceAttachment)
        : this.endpointServices.servicesMap.apply((map) => attachmentFrom(name, map, plan));
    const privateSqlHost =
      plan.privateSqlHost !== undefined
        ? pulumi.output(plan.privateSqlHost)
        : this.endpointServices.privateEndpointDns.apply((hosts) => hostFrom(hosts, plan));

    this.path = buildPscEndpoint(this, name, plan, {
      serviceAttachment,
      privateHost: privateSqlHost,
      register: (pscConnectionId, parent) =>
        new PrivateEndpointConnection(
          `${name}-connection`,
          // The rule is this component's own: its registration goes with it, even when found already there.
          { clusterId: plan.clusterId, endpointId: pscConnectionId, deleteAdopted: true },
          { parent },
        ),
    });
    this.connection = this.path.registration as PrivateEndpointConnection;
    this.ready = this.path.ready;

    this.networkSelfLink = this.path.networkSelfLink;
    this.endpointAddress = this.path.address.address;
    this.endpointName = this.path.endpoint.name;
    this.pscConnectionId = this.path.endpoint.pscConnectionId;
    this.serviceAttachment = serviceAttachment;
    this.privateSqlHost = privateSqlHost;
    this.connectionStatus = this.connection.status;
    this.registerOutputs({
      networkSelfLink: this.networkSelfLink,
      endpointAddress: this.endpointAddress,
      endpointName: this.endpointName,
      pscConnectionId: this.pscConnectionId,
      serviceAttachment: this.serviceAttachment,
      privateSqlHost: this.privateSqlHost,
      connectionStatus: this.connectionStatus,
    });
  }
}

/** At deploy time, from the services this stack created: the same rule as at plan time, failing the same way. */
function attachmentFrom(name: string, map: Record<string, ServiceInRegion> | undefined, plan: GcpPrivateServiceConnectPlan): string {
  const service = map?.[plan.region];
  if (!service) throw new Error(`cluster ${plan.clusterId} reports no private endpoint service in ${plan.region}`);
  const choice = serviceAttachmentOf(service);
  if (choice.uri === undefined) {
    throw new GcpArgumentError(PSC_COMPONENT, name, [
      { argument: "serviceAttachment", value: undefined, reason: `is needed: ${choice.reason}`, allowed: SERVICE_ATTACHMENT_OVERRIDE },
    ]);
  }
  return choice.uri;
}

function hostFrom(hosts: Record<string, string> | undefined, plan: GcpPrivateServiceConnectPlan): string {
  const host = cockroachTarget.pscPrivateHost({ privateEndpointDns: hosts?.[plan.region] ?? "" });
  if (host === "") throw new Error(`cluster ${plan.clusterId} reports no private endpoint host in ${plan.region} after its endpoint services are AVAILABLE`);
  return host;
}
