// The fake GCP project on its own: what GCP computes (IDs, self links, an internal address inside the subnetwork,
// a numeric PSC connection ID, a peering's state), what it refuses, and update vs replace from the shared table.
import { Address4 } from "ip-address";
import { describe, expect, it } from "vitest";
import { FakeGcp, GCP_TYPES, type PscEndpointCreated } from "../../tools/engine/fakeGcp";
import { answerGcpInvoke, existingSubnetworkRange, gcpMockWorldOf } from "../../tools/engine/fakeGcpInvokes";

const ATTACHMENT = "projects/crl-prod-1/regions/us-central1/serviceAttachments/crdb-psc-abc";
const COMPUTE = "https://www.googleapis.com/compute/v1/";

function network(gcp: FakeGcp, cidr = "10.60.0.0/24") {
  const net = gcp.create(GCP_TYPES.network, "crdb-network", { project: "p1", autoCreateSubnetworks: false });
  const subnet = gcp.create(GCP_TYPES.subnetwork, "crdb-subnet", { project: "p1", region: "us-central1", network: net.id, ipCidrRange: cidr });
  return { net, subnet };
}

function endpoint(gcp: FakeGcp, subnetId: string, name = "crdb-analytics") {
  const address = gcp.create(GCP_TYPES.address, `${name}-address`, { project: "p1", region: "us-central1", subnetwork: subnetId, addressType: "INTERNAL" });
  const rule = gcp.create(GCP_TYPES.forwardingRule, `${name}-endpoint`, {
    project: "p1", region: "us-central1", name, target: ATTACHMENT, loadBalancingScheme: "", ipAddress: address.id, network: `${COMPUTE}projects/p1/global/networks/x`,
  });
  return { address, rule };
}

describe("fake GCP project", () => {
  it("names, IDs and self links as GCP forms them; auto-named resources get a suffix", () => {
    const gcp = new FakeGcp();
    const { net, subnet } = network(gcp);
    expect(net.id).toMatch(/^projects\/p1\/global\/networks\/crdb-network-[0-9a-f]{7}$/);
    expect(net.outputs.selfLink).toBe(`${COMPUTE}${net.id}`);
    expect(gcp.create(GCP_TYPES.service, "api", { project: "p1", service: "dns.googleapis.com" }).outputs).toEqual({ project: "p1", service: "dns.googleapis.com", id: "p1/dns.googleapis.com" });
    expect(subnet.id).toMatch(/^projects\/p1\/regions\/us-central1\/subnetworks\/crdb-subnet-[0-9a-f]{7}$/);
    expect(subnet.outputs).toMatchObject({ gatewayAddress: "10.60.0.1", network: net.outputs.selfLink });
  });

  it("internal addresses come from the subnetwork's range, skipping the reserved ones and the taken ones", () => {
    const gcp = new FakeGcp();
    const { subnet } = network(gcp, "10.60.0.0/29");
    const addresses = [1, 2, 3, 4].map((i) => gcp.create(GCP_TYPES.address, `a${i}`, { region: "us-central1", subnetwork: subnet.outputs.selfLink as string, addressType: "INTERNAL" }).outputs.address);
    expect(addresses).toEqual(["10.60.0.2", "10.60.0.3", "10.60.0.4", "10.60.0.5"]);
    expect(() => gcp.create(GCP_TYPES.address, "a5", { region: "us-central1", subnetwork: subnet.id, addressType: "INTERNAL" })).toThrow(/ipSpaceExhausted/);
  });

  it("an existing subnetwork's range is the one getSubnetwork reports", () => {
    const world = gcpMockWorldOf({ "gcp:project": "p1", "gcp:region": "us-central1" });
    const subnet = answerGcpInvoke("gcp:compute/getSubnetwork:getSubnetwork", { name: "app-us-central1", region: "us-central1" }, world);
    const gcp = new FakeGcp({ existingSubnetworkRange: (link) => existingSubnetworkRange(world, link) });
    const address = gcp.create(GCP_TYPES.address, "a", { region: "us-central1", subnetwork: subnet.selfLink as string, addressType: "INTERNAL" });
    expect(new Address4(String(address.outputs.address)).isInSubnet(new Address4(String(subnet.ipCidrRange)))).toBe(true);
    expect(() => answerGcpInvoke("gcp:compute/getRouter:getRouter", {}, world)).toThrow(/does not answer the invoke gcp:compute\/getRouter/);
  });

  it("a PSC rule gets a numeric connection ID and its address's IP, and is announced with its region and target", () => {
    const announced: PscEndpointCreated[] = [];
    const gcp = new FakeGcp({ onPscEndpointCreated: (e) => announced.push(e) });
    const { subnet } = network(gcp);
    const { address, rule } = endpoint(gcp, subnet.id);
    expect(rule.id).toBe("projects/p1/regions/us-central1/forwardingRules/crdb-analytics");
    expect(rule.outputs.pscConnectionId).toMatch(/^[0-9]{10,20}$/);
    expect(rule.outputs.ipAddress).toBe(address.outputs.address);
    expect(announced).toEqual([{ pscConnectionId: rule.outputs.pscConnectionId, region: "us-central1", target: ATTACHMENT, name: "crdb-analytics" }]);
  });

  it("refuses what GCP refuses: a target that is no attachment or does not exist, a second rule on one address, names taken", () => {
    const gcp = new FakeGcp({ serviceAttachmentExists: (uri) => uri === ATTACHMENT });
    const { subnet } = network(gcp);
    const { address } = endpoint(gcp, subnet.id);
    const rule = (name: string, target: string) => () => gcp.create(GCP_TYPES.forwardingRule, name, { region: "us-central1", name, target, loadBalancingScheme: "", ipAddress: address.id });
    expect(rule("r2", ATTACHMENT)).toThrow(/IP_IN_USE_BY_ANOTHER_RESOURCE/);
    expect(rule("r3", "projects/crl-prod-1/regions/us-central1/serviceAttachments/other")).toThrow(/was not found/);
    expect(rule("r4", "https://example.invalid/attachment")).toThrow(/must be a service attachment/);
    expect(() => endpoint(gcp, subnet.id)).toThrow(/already exists/);
    expect(() => gcp.create(GCP_TYPES.address, "a", { region: "us-central1", subnetwork: "projects/p1/regions/us-central1/subnetworks/none" })).toThrow(/was not found/);
  });

  it("Service Directory needs its API on; deleting the Service leaves the API on unless disableOnDestroy", () => {
    const gcp = new FakeGcp({ project: "p1" });
    const namespace = () => gcp.create(GCP_TYPES.namespace, "ns", { location: "us-central1", namespaceId: "crdb" });
    expect(namespace).toThrow(/SERVICE_DISABLED/);
    const api = gcp.create(GCP_TYPES.service, "api", { service: "servicedirectory.googleapis.com", disableOnDestroy: false });
    expect(namespace().id).toBe("projects/p1/locations/us-central1/namespaces/crdb");
    gcp.delete(GCP_TYPES.service, api.id);
    expect([...gcp.enabledApis]).toEqual(["p1/servicedirectory.googleapis.com"]);
    const dns = gcp.create(GCP_TYPES.service, "dns", { service: "dns.googleapis.com" });
    gcp.delete(GCP_TYPES.service, dns.id);
    expect([...gcp.enabledApis]).toEqual(["p1/servicedirectory.googleapis.com"]);
  });

  it("a network with a subnetwork in it cannot be deleted; deleting what is gone is success", () => {
    const gcp = new FakeGcp();
    const { net, subnet } = network(gcp);
    expect(() => gcp.delete(GCP_TYPES.network, net.id)).toThrow(/resourceInUseByAnotherResource/);
    gcp.delete(GCP_TYPES.subnetwork, subnet.id);
    gcp.delete(GCP_TYPES.network, net.id);
    gcp.delete(GCP_TYPES.network, net.id);
    expect(gcp.resources.size).toBe(0);
    expect(gcp.events.filter((e) => e.action === "delete")).toHaveLength(2);
  });

  it("a record must be inside its zone", () => {
    const gcp = new FakeGcp();
    const zone = gcp.create(GCP_TYPES.managedZone, "zone", { dnsName: "private-x.gcp-us-central1.cockroachlabs.cloud.", visibility: "private" });
    const record = (name: string) => () => gcp.create(GCP_TYPES.recordSet, "rec", { managedZone: zone.outputs.name as string, name, type: "A", rrdatas: ["10.60.0.2"] });
    expect(record("other.cockroachlabs.cloud.")).toThrow(/not within zone/);
    expect(record("private-x.gcp-us-central1.cockroachlabs.cloud.")().id).toMatch(/\/rrsets\/private-x\.gcp-us-central1\.cockroachlabs\.cloud\.\/A$/);
  });

  it("a peering is INACTIVE until the peer network peers back, then ACTIVE on read", () => {
    const gcp = new FakeGcp();
    const { net } = network(gcp);
    const peer = `${COMPUTE}projects/crl-prod-1/global/networks/crdb-net`;
    const peering = gcp.create(GCP_TYPES.peering, "peering", { name: "crdb", network: net.outputs.selfLink as string, peerNetwork: peer });
    expect(peering.outputs.state).toBe("INACTIVE");
    gcp.peerFromOtherSide(peer, net.id);
    expect(gcp.read(GCP_TYPES.peering, peering.id)!.state).toBe("ACTIVE");
  });

  it("update takes the new inputs and keeps what GCP computed (the rule's IP, not its address reference)", () => {
    const gcp = new FakeGcp();
    const { subnet } = network(gcp);
    const { address, rule } = endpoint(gcp, subnet.id);
    const updated = gcp.update(GCP_TYPES.forwardingRule, rule.id, { ...rule.outputs, ipAddress: address.id, labels: { team: "data" } });
    expect(updated).toMatchObject({ labels: { team: "data" }, ipAddress: address.outputs.address, pscConnectionId: rule.outputs.pscConnectionId });
    expect(gcp.events.map((e) => e.action)).toEqual(["create", "create", "create", "create", "update"]);
    expect(() => gcp.update(GCP_TYPES.address, "projects/p1/regions/us-central1/addresses/none", {})).toThrow(/was not found/);
  });

  it("diff: labels update in place; a rule's name, target or address replaces it", () => {
    const gcp = new FakeGcp();
    const base = { name: "crdb-analytics", target: ATTACHMENT, ipAddress: "a1", allowPscGlobalAccess: true };
    expect(gcp.diff(GCP_TYPES.address, { labels: { a: "1" }, addressType: "INTERNAL" }, { labels: { a: "2" }, addressType: "INTERNAL" })).toEqual({ changed: ["labels"], replaces: [] });
    expect(gcp.diff(GCP_TYPES.forwardingRule, base, { ...base, name: "crdb-2", target: "t2" })).toEqual({ changed: ["name", "target"], replaces: ["name", "target"] });
    expect(gcp.diff(GCP_TYPES.forwardingRule, base, base)).toEqual({ changed: [], replaces: [] });
  });
});
