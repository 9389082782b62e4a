// GcpVpcPeering under mocks: the customer half of the peering, the overlap check against the cluster's range, the
// INACTIVE state until the Console request, and chaining peerings of one network.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GcpVpcPeeringArgs } from "../../../components/gcp/peering/args";
import { GcpVpcPeering } from "../../../components/gcp/vpcPeering";
import { MOCK_GCP_PROJECT, networkSelfLink } from "../../../tools/mocks/gcp";
import { waitForRegistrations } from "../../../tools/mocks/pulumiInternals";
import { GCP_CLUSTER_ID, cloudLookups, gcpCluster } from "./support/fixtures";
import { GCP_TYPES, type GcpTestWorld, byName, dependsOnNames, setUpGcpMocks, valueOf } from "./support/world";

let world: GcpTestWorld;
beforeAll(async () => {
  world = await setUpGcpMocks();
});
beforeEach(() => world.reset());

const ARGS: GcpVpcPeeringArgs = { clusterId: GCP_CLUSTER_ID, network: "app-vpc", peerProject: "crl-prod-a1b2c3", peerNetwork: "crdb-net" };

describe("GcpVpcPeering", () => {
  it("registers one peering from the application network to the cluster's, routes export off by default", async () => {
    world.gcp = { networks: { "app-vpc": [{ name: "app", region: "us-central1", ipCidrRange: "10.10.0.0/20", secondaryRanges: ["10.20.0.0/16"] }] } };
    const peering = await GcpVpcPeering.create("v1", ARGS, { lookups: cloudLookups().lookups });
    expect(await valueOf(peering.state)).toBe("INACTIVE");
    await waitForRegistrations();
    expect(world.resources.map((r) => [r.type, r.name])).toEqual([
      [GCP_TYPES.peeringComponent, "v1"],
      [GCP_TYPES.peering, "v1-peering"],
    ]);
    expect(byName(world.resources, "v1-peering").inputs).toEqual({
      name: "crdb-9a1b2c3d",
      network: networkSelfLink(MOCK_GCP_PROJECT, "app-vpc"),
      peerNetwork: "projects/crl-prod-a1b2c3/global/networks/crdb-net",
      exportCustomRoutes: false,
      importCustomRoutes: false,
    });
    expect(peering.plan.warnings.join("\n")).toMatch(/stays INACTIVE until its CockroachDB half exists: request VPC peering in the CockroachDB Cloud Console/);
    expect(await valueOf(peering.privateSqlHosts)).toEqual({
      "us-central1": "internal-analytics-5e1f2.gcp-us-central1.cockroachlabs.cloud",
      "europe-west1": "internal-analytics-5e1f2.gcp-europe-west1.cockroachlabs.cloud",
    });
  });

  it("exports custom routes when asked (routes-based GKE)", async () => {
    await GcpVpcPeering.create("v2", { ...ARGS, exportCustomRoutes: true }, { lookups: cloudLookups().lookups });
    await waitForRegistrations();
    expect(byName(world.resources, "v2-peering").inputs.exportCustomRoutes).toBe(true);
  });

  it("refuses a network with a range (primary or secondary) inside the cluster's, naming both", async () => {
    world.gcp = {
      networks: {
        "app-vpc": [
          { name: "app", region: "us-central1", ipCidrRange: "10.10.0.0/20", secondaryRanges: ["172.29.0.0/16"] },
          { name: "wide", region: "europe-west1", ipCidrRange: "172.16.0.0/12" },
        ],
      },
    };
    const error = await GcpVpcPeering.create("v3", ARGS, { lookups: cloudLookups().lookups }).catch((err: Error) => err);
    expect(String(error)).toContain(
      'network = "app-vpc": its subnetwork app (us-central1) has range 172.29.0.0/16, which overlaps the cluster\'s range 172.28.0.0/14',
    );
    expect(String(error)).toContain("its subnetwork wide (europe-west1) has range 172.16.0.0/12, which overlaps the cluster's range 172.28.0.0/14");
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
  });

  it("checks against 172.28.0.0/14 when the cluster reports no range, and against the cluster's own range otherwise", async () => {
    world.gcp = { networks: { "app-vpc": [{ name: "app", region: "us-central1", ipCidrRange: "172.30.0.0/20" }] } };
    await expect(GcpVpcPeering.create("v4", ARGS, { lookups: cloudLookups(gcpCluster({ cidrRange: "" })).lookups })).rejects.toThrow(
      "overlaps the cluster's range 172.28.0.0/14",
    );
    const peering = await GcpVpcPeering.create("v4", ARGS, { lookups: cloudLookups(gcpCluster({ cidrRange: "172.28.0.0/16" })).lookups });
    expect(peering.plan.clusterCidrRange).toBe("172.28.0.0/16");
  });

  it("refuses a cluster that is not Advanced on GCP", async () => {
    await expect(GcpVpcPeering.create("v5", ARGS, { lookups: cloudLookups(gcpCluster({ plan: "STANDARD" })).lookups })).rejects.toThrow(
      "is a STANDARD cluster, which has no VPC peering. Allowed: a cluster on ADVANCED",
    );
  });

  it("warns when the peer project differs from the cluster's account_id, without refusing", async () => {
    const peering = await GcpVpcPeering.create("v6", { ...ARGS, peerProject: "someone-else" }, { lookups: cloudLookups().lookups });
    expect(peering.plan.warnings[0]).toMatch(/peerProject someone-else differs from the cluster's account_id crl-prod-a1b2c3/);
  });

  it("chains peerings of one network: the second waits for the first", async () => {
    const first = await GcpVpcPeering.create("v7a", ARGS, { lookups: cloudLookups().lookups });
    await GcpVpcPeering.create("v7b", { ...ARGS, peeringName: "crdb-second" }, { lookups: cloudLookups().lookups, after: [first.peering] });
    await waitForRegistrations();
    expect(dependsOnNames(byName(world.resources, "v7b-peering"))).toEqual(["v7a-peering"]);
  });
});
