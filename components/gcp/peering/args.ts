/**
 * Arguments of {@link GcpVpcPeering}: the customer half of a VPC peering with a CockroachDB Cloud Advanced cluster on
 * GCP. The cluster's half is a request in the CockroachDB Cloud Console (Networking > VPC Peering), which shows the
 * peer project and network this needs: the Cloud API has no peering call and no field with the cluster's network.
 */
export interface GcpVpcPeeringArgs {
  /**
   * ID (a UUID) of the CockroachDB Cloud cluster: Advanced, on GCP.
   * @default none: required
   */
  readonly clusterId: string;

  /**
   * GCP project of `network`.
   * @default the GCP provider's project (`gcp:project`)
   */
  readonly project?: string;

  /**
   * Name of the existing network to peer (the application's). None of its subnet ranges (primary or secondary) may
   * overlap the cluster's CIDR range.
   * @default none: required
   */
  readonly network: string;

  /**
   * The cluster's GCP project: the `--peer-project` of the Console's "accept peering" command. (The cluster's
   * `account_id` is probably this project; nothing documents it, so it is not relied on.)
   * @default none: required
   */
  readonly peerProject: string;

  /**
   * The cluster's network: the `--peer-network` of the Console's "accept peering" command.
   * @default none: required
   */
  readonly peerNetwork: string;

  /**
   * The peering's name in GCP. @default `crdb-<first 8 characters of the cluster ID>`
   */
  readonly peeringName?: string;

  /**
   * Export the network's custom routes to the cluster: needed for routes-based GKE clusters (CockroachDB imports
   * them by default).
   * @default false
   */
  readonly exportCustomRoutes?: boolean;

  /**
   * Import the cluster network's custom routes.
   * @default false
   */
  readonly importCustomRoutes?: boolean;
}
