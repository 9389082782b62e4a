import type { PrivateEndpointServices } from "../../cockroach";

/**
 * Arguments of {@link GcpPrivateServiceConnect}. Plain values, not `Input`s: they decide the shape of the graph,
 * which is fixed before anything registers so that `pulumi preview` shows all of it. No union types (multi-language
 * packages forbid them): alternatives are optional fields of one object, checked when the component is prepared.
 */
export interface GcpPrivateServiceConnectArgs {
  /**
   * ID (a UUID) of the CockroachDB Cloud cluster. It must run on GCP, on Standard or Advanced, and have `region`.
   * @default none: required
   */
  readonly clusterId: string;

  /**
   * GCP region of the endpoint (e.g. `us-central1`): one of the cluster's regions.
   * @default none: required
   */
  readonly region: string;

  /**
   * GCP project the endpoint goes in.
   * @default the GCP provider's project (`gcp:project`)
   */
  readonly project?: string;

  /**
   * The network the endpoint goes in: `subnetCidr` to create a network with one subnetwork in `region`, or
   * `network` and `subnetwork` to use existing ones.
   * @default none: required
   */
  readonly network: GcpPscNetworkArgs;

  /**
   * The endpoint's name (the forwarding rule's). With GCP's automatic PSC DNS it is the first label of the host
   * clients use, and CockroachDB's guide asks for it in the connection host: choose it deliberately, and keep it
   * (changing it replaces the endpoint). 1-63 lower-case letters, digits or hyphens.
   * @default `crdb-<first 8 characters of the cluster ID>`
   */
  readonly endpointName?: string;

  /**
   * Let clients in other regions of the network reach the endpoint. CockroachDB's guide asks for it.
   * @default true
   */
  readonly allowPscGlobalAccess?: boolean;

  /**
   * Private DNS for the cluster's host: `"automatic"` (GCP's PSC DNS: the Service Directory and Cloud DNS APIs, a
   * Service Directory namespace, and the endpoint registered in it; GCP creates a zone `NAMESPACE--REGION`),
   * `"zone"` (no automatic DNS; a private Cloud DNS zone for exactly the cluster's private host, with an A record at
   * the endpoint's address), or `"none"`.
   * @default "automatic"
   */
  readonly dns?: string;

  /**
   * Service Directory namespace for automatic DNS (created in `region`).
   * @default `crdb-<first 8 characters of the cluster ID>`
   */
  readonly serviceDirectoryNamespace?: string;

  /**
   * Enable `servicedirectory.googleapis.com` and `dns.googleapis.com` (needs Service Usage Admin; never disabled
   * on destroy). Turn off when they are enabled beforehand. Only with `dns: "automatic"`.
   * @default true
   */
  readonly enableApis?: boolean;

  /**
   * The cluster's service attachment in `region` (`projects/…/regions/…/serviceAttachments/…`). Which field of the
   * endpoint service carries it is not documented: by default it is read from `endpoint_service_id` or `name`,
   * whichever holds a full URI. Set it when neither does.
   * @default read from the cluster's endpoint service
   */
  readonly serviceAttachment?: string;

  /**
   * Labels for the address (GCP's only labelled resource here).
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;

  /**
   * The cluster's endpoint services resource, to share one between several components of the same cluster.
   * @default a `PrivateEndpointServices` created by this component, named `<name>-services`
   */
  readonly endpointServices?: PrivateEndpointServices;
}

/** Which network {@link GcpPrivateServiceConnect} uses: one it creates (`subnetCidr`) or an existing one. */
export interface GcpPscNetworkArgs {
  /**
   * Primary range of the subnetwork to create in `region` (with a network of its own, no auto subnetworks),
   * /8 to /29, e.g. `10.60.0.0/24`. Conflicts with `network`.
   * @default none: set this or `network` with `subnetwork`
   */
  readonly subnetCidr?: string;

  /**
   * Name of an existing network in `project`. Requires `subnetwork`.
   * @default none
   */
  readonly network?: string;

  /**
   * Name of an existing subnetwork of `network` in `region`: the endpoint's address comes from it.
   * @default none: required with `network`
   */
  readonly subnetwork?: string;
}
