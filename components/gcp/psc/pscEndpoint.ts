// The GCP Private Service Connect path, vendor-neutral: a network and subnetwork (or existing ones), an internal
// address, a forwarding rule to the target's service attachment, the target's registration of the rule's PSC
// connection ID, and private DNS (GCP's automatic PSC DNS through Service Directory, or a zone for exactly the
// target's host). It knows no vendor: the attachment, the registration and the host come from the target.
//
// A function, not a component: it registers its resources as children of the caller's component, named
// `${name}-<role>`. `@pulumi/gcp` is required here, when a path is built, so that loading the library (or the
// program, for an AWS-only stack) does not load it.
import type { Network } from "@pulumi/gcp/compute/network";
import type { Subnetwork } from "@pulumi/gcp/compute/subnetwork";
import type { Address } from "@pulumi/gcp/compute/address";
import type { ForwardingRule } from "@pulumi/gcp/compute/forwardingRule";
import type { ManagedZone } from "@pulumi/gcp/dns/managedZone";
import type { RecordSet } from "@pulumi/gcp/dns/recordSet";
import type { Service } from "@pulumi/gcp/projects/service";
import type { Namespace } from "@pulumi/gcp/servicedirectory/namespace";
import * as pulumi from "@pulumi/pulumi";
import type { PscDnsMode } from "../../core/gcpChecks";

/** The vendor-neutral part of a plan: what the PSC path builds in one region. Plain data. */
export interface PscEndpointPlan {
  region: string;
  project: string;
  /** Set when the path creates the network (with one subnetwork of this range in `region`). */
  subnetCidr?: string;
  /** Set, with `subnetworkSelfLink`, for an existing network. */
  networkSelfLink?: string;
  subnetworkSelfLink?: string;
  /** The forwarding rule's name: with automatic DNS, the first label of the client host. */
  endpointName: string;
  allowPscGlobalAccess: boolean;
  dns: PscDnsMode;
  /** Set with `dns: "automatic"`. */
  serviceDirectoryNamespace?: string;
  /** Enable the Service Directory and Cloud DNS APIs (with `dns: "automatic"`). */
  enableApis: boolean;
  labels: Record<string, string>;
}

/** What the path needs from a target (what it connects to). */
export interface PscEndpointTarget {
  /** The producer's service attachment URI in the region; may be known only at deploy time. */
  readonly serviceAttachment: pulumi.Input<string>;
  /** The host clients use; the zone of `dns: "zone"` answers for exactly this name. May be known only at deploy time. */
  readonly privateHost: pulumi.Input<string>;
  /** Registers the endpoint's PSC connection ID with the service owner, as a child of `parent`; absent when not needed. */
  register?(pscConnectionId: pulumi.Output<string>, parent: pulumi.Resource): pulumi.Resource;
}

/** Everything the path registered, for the caller's fields and outputs. */
export interface PscEndpoint {
  network?: Network;
  subnetwork?: Subnetwork;
  networkSelfLink: pulumi.Output<string>;
  address: Address;
  endpoint: ForwardingRule;
  registration?: pulumi.Resource;
  apis: Service[];
  namespace?: Namespace;
  zone?: ManagedZone;
  record?: RecordSet;
  /** Done means the path is usable: the registration accepted, and the DNS in place. */
  ready: pulumi.Resource[];
}

/** The APIs GCP's automatic PSC DNS needs. */
export const AUTOMATIC_DNS_APIS = ["servicedirectory.googleapis.com", "dns.googleapis.com"] as const;

/** Registers the PSC path of `plan` under `parent`, every child named `${name}-<role>`. */
export function buildPscEndpoint(parent: pulumi.ComponentResource, name: string, plan: PscEndpointPlan, target: PscEndpointTarget): PscEndpoint {
  const gcp = loadGcp();
  const { region, project } = plan;
  const opts = { parent };

  const network =
    plan.subnetCidr === undefined
      ? undefined
      : new gcp.Network(`${name}-network`, { project, autoCreateSubnetworks: false, routingMode: "REGIONAL" }, opts);
  const subnetwork =
    network === undefined
      ? undefined
      : new gcp.Subnetwork(`${name}-subnet`, { project, region, network: network.id, ipCidrRange: plan.subnetCidr }, opts);
  const networkSelfLink = network ? network.selfLink : pulumi.output(plan.networkSelfLink as string);
  const subnetworkRef = subnetwork ? subnetwork.id : pulumi.output(plan.subnetworkSelfLink as string);

  // An internal address from the subnetwork: no external address anywhere on this path.
  const address = new gcp.Address(
    `${name}-address`,
    { project, region, subnetwork: subnetworkRef, addressType: "INTERNAL", labels: plan.labels },
    opts,
  );

  const automatic = plan.dns === "automatic";
  // Enabled for good: disabling an API on destroy would break everything else in the project that uses it.
  const apis = automatic && plan.enableApis
    ? AUTOMATIC_DNS_APIS.map(
        (service) =>
          new gcp.Service(
            `${name}-api-${service.split(".")[0]}`,
            { project, service, disableOnDestroy: false, disableDependentServices: false },
            opts,
          ),
      )
    : [];
  const namespace = automatic
    ? new gcp.Namespace(
        `${name}-namespace`,
        { project, location: region, namespaceId: plan.serviceDirectoryNamespace as string },
        { parent, dependsOn: apis },
      )
    : undefined;

  const endpoint = new gcp.ForwardingRule(
    `${name}-endpoint`,
    {
      project,
      region,
      // Deliberate, not auto-named: with automatic DNS the rule's name is the first label of the client host.
      name: plan.endpointName,
      target: target.serviceAttachment,
      // A PSC consumer endpoint has no load-balancing scheme: "" (not unset, which means EXTERNAL).
      loadBalancingScheme: "",
      network: networkSelfLink,
      ipAddress: address.id,
      allowPscGlobalAccess: plan.allowPscGlobalAccess,
      ...(namespace ? { serviceDirectoryRegistrations: { namespace: namespace.namespaceId } } : { noAutomateDnsZone: true }),
    },
    // Delete before replace: the address serves one rule at a time (GCP: IP_IN_USE_BY_ANOTHER_RESOURCE), so a new
    // rule (e.g. a new endpointName) cannot be created while the old one holds it. A rename changes the host anyway.
    { parent, dependsOn: apis, deleteBeforeReplace: true },
  );

  const registration = target.register?.(endpoint.pscConnectionId, parent);

  let zone: ManagedZone | undefined;
  let record: RecordSet | undefined;
  if (plan.dns === "zone") {
    // Exactly the cluster's host, never all of cockroachlabs.cloud: a wider zone would shadow every other cluster.
    const fqdn = pulumi.output(target.privateHost).apply((host) => `${host}.`);
    zone = new gcp.ManagedZone(
      `${name}-zone`,
      {
        project,
        dnsName: fqdn,
        visibility: "private",
        privateVisibilityConfig: { networks: [{ networkUrl: networkSelfLink }] },
        description: "The CockroachDB cluster's private host over Private Service Connect",
      },
      opts,
    );
    record = new gcp.RecordSet(
      `${name}-record`,
      { project, managedZone: zone.name, name: fqdn, type: "A", ttl: 300, rrdatas: [address.address] },
      opts,
    );
  }

  const ready = [registration ?? endpoint, ...(record ? [record] : [])];
  return { network, subnetwork, networkSelfLink, address, endpoint, registration, apis, namespace, zone, record, ready };
}

/** The `@pulumi/gcp` classes this path uses, one module each (the package root costs more to load). */
function loadGcp() {
  return {
    Network: (require("@pulumi/gcp/compute/network") as typeof import("@pulumi/gcp/compute/network")).Network,
    Subnetwork: (require("@pulumi/gcp/compute/subnetwork") as typeof import("@pulumi/gcp/compute/subnetwork")).Subnetwork,
    Address: (require("@pulumi/gcp/compute/address") as typeof import("@pulumi/gcp/compute/address")).Address,
    ForwardingRule: (require("@pulumi/gcp/compute/forwardingRule") as typeof import("@pulumi/gcp/compute/forwardingRule")).ForwardingRule,
    ManagedZone: (require("@pulumi/gcp/dns/managedZone") as typeof import("@pulumi/gcp/dns/managedZone")).ManagedZone,
    RecordSet: (require("@pulumi/gcp/dns/recordSet") as typeof import("@pulumi/gcp/dns/recordSet")).RecordSet,
    Service: (require("@pulumi/gcp/projects/service") as typeof import("@pulumi/gcp/projects/service")).Service,
    Namespace: (require("@pulumi/gcp/servicedirectory/namespace") as typeof import("@pulumi/gcp/servicedirectory/namespace")).Namespace,
  };
}
