// GcpPrivateServiceConnect under mocks: what is registered, with which inputs, under which parent, waiting for what;
// for each DNS mode and for created and existing networks. The real lookups run for GCP (answered by the mocks'
// invokes); the Cloud API lookups are injected.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GcpPrivateServiceConnectArgs } from "../../../components/gcp/psc/args";
import { GcpPrivateServiceConnect } from "../../../components/gcp/privateServiceConnect";
import { waitForRegistrations } from "../../../tools/mocks/pulumiInternals";
import { MOCK_GCP_PROJECT, networkSelfLink, subnetworkSelfLink } from "../../../tools/mocks/gcp";
import { ATTACHMENT, GCP_CLUSTER_ID, PRIVATE_HOST, cloudLookups, gcpCluster, gcpService } from "./support/fixtures";
import { GCP_TYPES, type GcpTestWorld, byName, dependsOnNames, setUpGcpMocks, sourcesOf, valueOf } from "./support/world";

let world: GcpTestWorld;
beforeAll(async () => {
  world = await setUpGcpMocks();
});
beforeEach(() => world.reset());

const ARGS: GcpPrivateServiceConnectArgs = { clusterId: GCP_CLUSTER_ID, region: "us-central1", network: { subnetCidr: "10.60.0.0/24" } };

async function build(name: string, args: GcpPrivateServiceConnectArgs, lookups = cloudLookups().lookups) {
  const psc = await GcpPrivateServiceConnect.create(name, args, { lookups });
  await valueOf(psc.connectionStatus);
  await waitForRegistrations();
  return psc;
}

const counts = () => {
  const all: Record<string, number> = {};
  for (const r of world.resources) all[r.type] = (all[r.type] ?? 0) + 1;
  return all;
};

describe("GcpPrivateServiceConnect with automatic DNS (the default) and a network of its own", () => {
  it("registers exactly the PSC resources, every child under the component as <name>-<role>", async () => {
    await build("p1", ARGS);
    expect(counts()).toEqual({
      [GCP_TYPES.psc]: 1,
      [GCP_TYPES.services]: 1,
      [GCP_TYPES.network]: 1,
      [GCP_TYPES.subnetwork]: 1,
      [GCP_TYPES.address]: 1,
      [GCP_TYPES.service]: 2,
      [GCP_TYPES.namespace]: 1,
      [GCP_TYPES.forwardingRule]: 1,
      [GCP_TYPES.connection]: 1,
    });
    const component = byName(world.resources, "p1");
    const children = world.resources.filter((r) => r !== component);
    expect(children.every((r) => r.parentUrn === component.urn)).toBe(true);
    expect(children.map((r) => r.name).sort()).toEqual(
      ["p1-services", "p1-network", "p1-subnet", "p1-address", "p1-api-servicedirectory", "p1-api-dns", "p1-namespace", "p1-endpoint", "p1-connection"].sort(),
    );
  });

  it("takes an INTERNAL address from the subnetwork it creates in the region; nothing external", async () => {
    await build("p1", ARGS);
    const network = byName(world.resources, "p1-network");
    expect(network.inputs).toMatchObject({ autoCreateSubnetworks: false, project: MOCK_GCP_PROJECT });
    const subnet = byName(world.resources, "p1-subnet");
    expect(subnet.inputs).toMatchObject({ region: "us-central1", ipCidrRange: "10.60.0.0/24" });
    expect(sourcesOf(subnet, "network")).toEqual(["p1-network"]);
    const address = byName(world.resources, "p1-address");
    expect(address.inputs).toMatchObject({ addressType: "INTERNAL", region: "us-central1" });
    expect(address.inputs.subnetwork).toBe("p1-subnet_id");
    expect(sourcesOf(address, "subnetwork")).toEqual(["p1-subnet"]);
    expect(address.inputs).not.toHaveProperty("purpose");
    expect(address.inputs).not.toHaveProperty("networkTier");
    expect(world.resources.filter((r) => r.type === "gcp:compute/globalAddress:GlobalAddress")).toEqual([]);
    expect(world.resources.filter((r) => r.type === GCP_TYPES.address && r.inputs.addressType !== "INTERNAL")).toEqual([]);
  });

  it("points a forwarding rule with scheme \"\" and global access at the service attachment, named deliberately", async () => {
    const psc = await build("p1", ARGS);
    const rule = byName(world.resources, "p1-endpoint");
    expect(rule.inputs).toMatchObject({
      name: "crdb-9a1b2c3d",
      target: ATTACHMENT,
      loadBalancingScheme: "",
      allowPscGlobalAccess: true,
      region: "us-central1",
      project: MOCK_GCP_PROJECT,
      ipAddress: "p1-address_id",
      network: networkSelfLink(MOCK_GCP_PROJECT, "p1-network"),
    });
    expect(sourcesOf(rule, "ipAddress")).toEqual(["p1-address"]);
    expect(rule.inputs).not.toHaveProperty("noAutomateDnsZone");
    expect(rule.inputs).not.toHaveProperty("recreateClosedPsc");
    expect(await valueOf(psc.endpointName)).toBe("crdb-9a1b2c3d");
  });

  it("registers the rule's pscConnectionId with the cluster, not its name or URI", async () => {
    const psc = await build("p1", ARGS);
    const connection = byName(world.resources, "p1-connection");
    expect(connection.inputs).toMatchObject({ clusterId: GCP_CLUSTER_ID, endpointId: "6133183410995353", deleteAdopted: true });
    expect(sourcesOf(connection, "endpointId")).toEqual(["p1-endpoint"]);
    expect(await valueOf(psc.pscConnectionId)).toBe("6133183410995353");
    expect(psc.ready).toEqual([psc.connection]);
  });

  it("enables the two APIs for good, then registers the rule in a regional Service Directory namespace", async () => {
    await build("p1", ARGS);
    for (const api of ["servicedirectory", "dns"]) {
      expect(byName(world.resources, `p1-api-${api}`).inputs).toEqual({
        project: MOCK_GCP_PROJECT,
        service: `${api}.googleapis.com`,
        disableOnDestroy: false,
        disableDependentServices: false,
      });
    }
    const namespace = byName(world.resources, "p1-namespace");
    expect(namespace.inputs).toMatchObject({ namespaceId: "crdb-9a1b2c3d", location: "us-central1", project: MOCK_GCP_PROJECT });
    expect(dependsOnNames(namespace).sort()).toEqual(["p1-api-dns", "p1-api-servicedirectory"]);
    const rule = byName(world.resources, "p1-endpoint");
    expect(rule.inputs.serviceDirectoryRegistrations).toEqual({ namespace: "crdb-9a1b2c3d" });
    expect(sourcesOf(rule, "serviceDirectoryRegistrations")).toEqual(["p1-namespace"]);
    expect(dependsOnNames(rule)).toEqual(expect.arrayContaining(["p1-api-dns", "p1-api-servicedirectory"]));
  });

  it("enables no API with enableApis false, still registering in the namespace", async () => {
    await build("p1", { ...ARGS, enableApis: false, serviceDirectoryNamespace: "team-dbs" });
    expect(world.resources.filter((r) => r.type === GCP_TYPES.service)).toEqual([]);
    expect(byName(world.resources, "p1-endpoint").inputs.serviceDirectoryRegistrations).toEqual({ namespace: "team-dbs" });
  });

  it("outputs the region's private_endpoint_dns as the host, and honours endpointName and allowPscGlobalAccess", async () => {
    const psc = await build("p1", { ...ARGS, endpointName: "orders-db", allowPscGlobalAccess: false });
    expect(byName(world.resources, "p1-endpoint").inputs).toMatchObject({ name: "orders-db", allowPscGlobalAccess: false });
    expect(await valueOf(psc.privateSqlHost)).toBe(PRIVATE_HOST);
    expect(await valueOf(psc.endpointAddress)).toBe("10.60.0.2");
  });
});

describe("GcpPrivateServiceConnect with dns: zone or none", () => {
  it("zone: no automatic DNS, a private zone for exactly the cluster's host with an A record at the endpoint address", async () => {
    const psc = await build("p2", { ...ARGS, dns: "zone" });
    const rule = byName(world.resources, "p2-endpoint");
    expect(rule.inputs.noAutomateDnsZone).toBe(true);
    expect(rule.inputs).not.toHaveProperty("serviceDirectoryRegistrations");
    expect(world.resources.filter((r) => r.type === GCP_TYPES.namespace || r.type === GCP_TYPES.service)).toEqual([]);
    const zone = byName(world.resources, "p2-zone");
    expect(zone.inputs).toMatchObject({
      dnsName: `${PRIVATE_HOST}.`,
      visibility: "private",
      privateVisibilityConfig: { networks: [{ networkUrl: networkSelfLink(MOCK_GCP_PROJECT, "p2-network") }] },
    });
    expect(zone.inputs.dnsName).not.toBe("cockroachlabs.cloud.");
    const record = byName(world.resources, "p2-record");
    expect(record.inputs).toMatchObject({ name: `${PRIVATE_HOST}.`, type: "A", rrdatas: ["10.60.0.2"], managedZone: "p2-zone-zone-id" });
    expect(sourcesOf(record, "rrdatas")).toEqual(["p2-address"]);
    expect(psc.ready.length).toBe(2);
  });

  it("none: neither a zone nor a namespace, and GCP told not to make one", async () => {
    await build("p3", { ...ARGS, dns: "none" });
    expect(byName(world.resources, "p3-endpoint").inputs.noAutomateDnsZone).toBe(true);
    const dnsTypes: string[] = [GCP_TYPES.zone, GCP_TYPES.record, GCP_TYPES.namespace, GCP_TYPES.service];
    expect(world.resources.filter((r) => dnsTypes.includes(r.type))).toEqual([]);
  });
});

describe("GcpPrivateServiceConnect in an existing network", () => {
  it("looks the network and subnetwork up and creates neither; the project is the provider's", async () => {
    await build("p4", { ...ARGS, network: { network: "shared-vpc", subnetwork: "shared-vpc-us-central1" } });
    expect(world.invokes.sort()).toEqual([
      "gcp:compute/getNetwork:getNetwork",
      "gcp:compute/getSubnetwork:getSubnetwork",
      "gcp:organizations/getClientConfig:getClientConfig",
    ]);
    expect(world.resources.filter((r) => r.type === GCP_TYPES.network || r.type === GCP_TYPES.subnetwork)).toEqual([]);
    expect(byName(world.resources, "p4-address").inputs.subnetwork).toBe(
      subnetworkSelfLink(MOCK_GCP_PROJECT, "us-central1", "shared-vpc-us-central1"),
    );
    expect(byName(world.resources, "p4-endpoint").inputs.network).toBe(networkSelfLink(MOCK_GCP_PROJECT, "shared-vpc"));
  });

  it("uses the given project without asking the provider", async () => {
    await build("p5", { ...ARGS, project: "other-project-1", network: { network: "vpc", subnetwork: "vpc-us-central1" } });
    expect(world.invokes).not.toContain("gcp:organizations/getClientConfig:getClientConfig");
    expect(byName(world.resources, "p5-endpoint").inputs.project).toBe("other-project-1");
  });

  it("refuses a subnetwork missing from the region, or of another network, before registering anything", async () => {
    world.gcp = {
      networks: {
        vpc: [{ name: "eu-subnet", region: "europe-west1", ipCidrRange: "10.132.0.0/20" }],
        other: [{ name: "other-subnet", region: "us-central1", ipCidrRange: "10.9.0.0/24" }],
      },
    };
    // A subnetwork is looked up in the endpoint's region: one of another region is not found there.
    await expect(build("p6", { ...ARGS, network: { network: "vpc", subnetwork: "eu-subnet" } })).rejects.toThrow(
      'looking up network.subnetwork = "eu-subnet" failed',
    );
    await expect(build("p6", { ...ARGS, network: { network: "vpc", subnetwork: "other-subnet" } })).rejects.toThrow(
      'network.subnetwork = "other-subnet": belongs to network other. Allowed: a subnetwork of vpc',
    );
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
  });
});

describe("GcpPrivateServiceConnect: the service attachment and the host", () => {
  it("reads the attachment from name when endpoint_service_id is not a URI", async () => {
    const services = [gcpService("us-central1", { endpointServiceId: "6000000000000000001", name: ATTACHMENT })];
    await build("s1", ARGS, cloudLookups(gcpCluster(), services).lookups);
    expect(byName(world.resources, "s1-endpoint").inputs.target).toBe(ATTACHMENT);
  });

  it("fails showing both fields when neither is a URI, and takes the override instead", async () => {
    const services = [gcpService("us-central1", { endpointServiceId: "svc-123", name: "crdb-psc" })];
    await expect(build("s2", ARGS, cloudLookups(gcpCluster(), services).lookups)).rejects.toThrow(
      'serviceAttachment = (not set): is needed: neither field of the endpoint service is a service attachment URI (endpoint_service_id "svc-123", name "crdb-psc")',
    );
    const override = "projects/crl-prod-a1b2c3/regions/us-central1/serviceAttachments/from-console";
    await build("s2", { ...ARGS, serviceAttachment: override }, cloudLookups(gcpCluster(), services).lookups);
    expect(byName(world.resources, "s2-endpoint").inputs.target).toBe(override);
  });

  it("refuses two different URIs in the two fields", async () => {
    const other = ATTACHMENT.replace("crdb-psc-0123456789ab", "another");
    const services = [gcpService("us-central1", { name: other })];
    await expect(build("s3", ARGS, cloudLookups(gcpCluster(), services).lookups)).rejects.toThrow("holds two different service attachment URIs");
  });

  it("on a new Advanced cluster, reads attachment and host from the services once they exist, with a warning", async () => {
    const cluster = gcpCluster({ regions: [{ name: "us-central1", internalDns: "internal-x", privateEndpointDns: "" }] });
    const psc = await GcpPrivateServiceConnect.create("s4", ARGS, { lookups: cloudLookups(cluster, []).lookups });
    expect(psc.plan.serviceAttachment).toBeUndefined();
    expect(psc.plan.privateSqlHost).toBeUndefined();
    expect(psc.plan.warnings.join("\n")).toMatch(/not AVAILABLE yet \(not created\)/);
    expect(psc.plan.warnings.join("\n")).toMatch(/no private endpoint host in us-central1 yet/);
    expect(await valueOf(psc.serviceAttachment)).toBe(ATTACHMENT);
    expect(await valueOf(psc.privateSqlHost)).toBe(PRIVATE_HOST);
    await waitForRegistrations();
    expect(byName(world.resources, "s4-endpoint").inputs.target).toBe(ATTACHMENT);
    expect(sourcesOf(byName(world.resources, "s4-endpoint"), "target")).toEqual(["s4-services"]);
  });
});

describe("GcpPrivateServiceConnect refuses clusters it cannot reach", () => {
  it.each([
    [{ cloudProvider: "AWS" }, 'clusterId = "9a1b2c3d-0000-4000-8000-000000000001": is a AWS cluster. Allowed: a GCP cluster'],
    [{ plan: "BASIC" }, "is a BASIC cluster, which has no Private Service Connect. Allowed: a cluster on STANDARD or ADVANCED"],
    [{ state: "DELETED" }, "the cluster is DELETED"],
  ])("%j", async (overrides, message) => {
    await expect(build("c1", ARGS, cloudLookups(gcpCluster(overrides)).lookups)).rejects.toThrow(message);
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
  });

  it("a region the cluster does not have, naming the ones it has", async () => {
    await expect(build("c2", { ...ARGS, region: "asia-southeast1" })).rejects.toThrow(
      'region = "asia-southeast1": is not a region of cluster 9a1b2c3d-0000-4000-8000-000000000001. Allowed: one of the cluster\'s regions: us-central1, europe-west1.',
    );
  });
});
