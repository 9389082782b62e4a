// Bad GCP arguments: each is rejected by prepare before any lookup and before any resource registers, naming the
// argument, the value given and what is allowed; several problems come out together.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GcpArgumentError } from "../../../components/gcp/errors";
import { GcpPrivateServiceConnect } from "../../../components/gcp/privateServiceConnect";
import type { GcpPrivateServiceConnectArgs } from "../../../components/gcp/psc/args";
import type { GcpVpcPeeringArgs } from "../../../components/gcp/peering/args";
import { GcpVpcPeering } from "../../../components/gcp/vpcPeering";
import { waitForRegistrations } from "../../../tools/mocks/pulumiInternals";
import { GCP_CLUSTER_ID, cloudLookups } from "./support/fixtures";
import { type GcpTestWorld, setUpGcpMocks } from "./support/world";

let world: GcpTestWorld;
beforeAll(async () => {
  world = await setUpGcpMocks();
});
beforeEach(() => world.reset());

const PSC: GcpPrivateServiceConnectArgs = { clusterId: GCP_CLUSTER_ID, region: "us-central1", network: { subnetCidr: "10.60.0.0/24" } };
const PEERING: GcpVpcPeeringArgs = { clusterId: GCP_CLUSTER_ID, network: "app-vpc", peerProject: "crl-prod-a1b2c3", peerNetwork: "crdb-net" };

interface Case {
  what: string;
  change: Record<string, unknown>;
  argument: string;
  value: unknown;
  /** Words of the reason or of what is allowed. */
  says: RegExp;
}

const pscCases: Case[] = [
  { what: "no clusterId", change: { clusterId: undefined }, argument: "clusterId", value: undefined, says: /is required.*UUID/ },
  { what: "a clusterId that is no UUID", change: { clusterId: "analytics" }, argument: "clusterId", value: "analytics", says: /not a cluster ID/ },
  { what: "an AWS region code", change: { region: "us-east-1" }, argument: "region", value: "us-east-1", says: /looks like an AWS region code.*us-central1/ },
  { what: "no region", change: { region: undefined }, argument: "region", value: undefined, says: /is required.*GCP region/ },
  { what: "a project number for the project", change: { project: "123456789012" }, argument: "project", value: "123456789012", says: /project number, not a project ID/ },
  { what: "a project ID with capitals", change: { project: "My_Project" }, argument: "project", value: "My_Project", says: /not a GCP project ID.*6 to 30/ },
  { what: "no network", change: { network: undefined }, argument: "network", value: undefined, says: /is required.*subnetCidr/ },
  { what: "both a range and an existing network", change: { network: { subnetCidr: "10.60.0.0/24", network: "vpc", subnetwork: "s" } }, argument: "network", value: { subnetCidr: "10.60.0.0/24", network: "vpc", subnetwork: "s" }, says: /sets both/ },
  { what: "an empty network map", change: { network: {} }, argument: "network", value: {}, says: /sets neither/ },
  { what: "a range without prefix", change: { network: { subnetCidr: "10.60.0.0" } }, argument: "network.subnetCidr", value: "10.60.0.0", says: /no prefix length.*\/8 to \/29/ },
  { what: "a range with host bits", change: { network: { subnetCidr: "10.60.0.1/24" } }, argument: "network.subnetCidr", value: "10.60.0.1/24", says: /host bits are set \(the network is 10.60.0.0\/24\)/ },
  { what: "a /30 range", change: { network: { subnetCidr: "10.60.0.0/30" } }, argument: "network.subnetCidr", value: "10.60.0.0/30", says: /prefix \/30 is out of range/ },
  { what: "a loopback range", change: { network: { subnetCidr: "127.0.0.0/24" } }, argument: "network.subnetCidr", value: "127.0.0.0/24", says: /loopback/ },
  { what: "an IPv6 range", change: { network: { subnetCidr: "fd00::/64" } }, argument: "network.subnetCidr", value: "fd00::/64", says: /is IPv6/ },
  { what: "a network without subnetwork", change: { network: { network: "shared-vpc" } }, argument: "network.subnetwork", value: undefined, says: /is required/ },
  { what: "a subnetwork name with an underscore", change: { network: { network: "vpc", subnetwork: "app_subnet" } }, argument: "network.subnetwork", value: "app_subnet", says: /not a GCP resource name.*lower-case/ },
  { what: "an AWS field in network", change: { network: { subnetCidr: "10.60.0.0/24", vpcId: "vpc-1" } }, argument: "network.vpcId", value: "vpc-1", says: /unknown field.*subnetCidr, network, subnetwork/ },
  { what: "an endpoint name with capitals", change: { endpointName: "Orders" }, argument: "endpointName", value: "Orders", says: /part of the host name/ },
  { what: "an endpoint name of 64 characters", change: { endpointName: "a".repeat(64) }, argument: "endpointName", value: "a".repeat(64), says: /is 64 characters long/ },
  { what: "global access as a string", change: { allowPscGlobalAccess: "yes" }, argument: "allowPscGlobalAccess", value: "yes", says: /not a boolean.*true or false/ },
  { what: "an unknown DNS mode", change: { dns: "private" }, argument: "dns", value: "private", says: /not a DNS mode.*"automatic".*"zone".*"none"/ },
  { what: "a namespace with dns zone", change: { dns: "zone", serviceDirectoryNamespace: "crdb" }, argument: "serviceDirectoryNamespace", value: "crdb", says: /only for dns "automatic"/ },
  { what: "a namespace too long for the zone name", change: { serviceDirectoryNamespace: "n".repeat(55) }, argument: "serviceDirectoryNamespace", value: "n".repeat(55), says: /at most 50 characters in us-central1/ },
  { what: "enableApis with dns none", change: { dns: "none", enableApis: true }, argument: "enableApis", value: true, says: /only for dns "automatic"/ },
  { what: "an AWS service name as the attachment", change: { serviceAttachment: "com.amazonaws.vpce.us-east-1.vpce-svc-1" }, argument: "serviceAttachment", value: "com.amazonaws.vpce.us-east-1.vpce-svc-1", says: /not a service attachment URI.*serviceAttachments/ },
  { what: "a label key with capitals", change: { labels: { Team: "db" } }, argument: "labels", value: "Team", says: /not a GCP label key/ },
  { what: "a label value with capitals", change: { labels: { team: "Platform" } }, argument: "labels.team", value: "Platform", says: /not a GCP label value/ },
  { what: "an AWS argument", change: { vpc: { cidrBlock: "10.0.0.0/16" } }, argument: "vpc", value: { cidrBlock: "10.0.0.0/16" }, says: /unknown field.*clusterId, region, project/ },
];

const peeringCases: Case[] = [
  { what: "no peer project", change: { peerProject: undefined }, argument: "peerProject", value: undefined, says: /is required.*project ID/ },
  { what: "a peer network with a space", change: { peerNetwork: "crdb net" }, argument: "peerNetwork", value: "crdb net", says: /not a GCP resource name/ },
  { what: "routes export as a string", change: { exportCustomRoutes: "true" }, argument: "exportCustomRoutes", value: "true", says: /not a boolean/ },
  { what: "no network", change: { network: undefined }, argument: "network", value: undefined, says: /is required/ },
  { what: "peering the network with itself", change: { project: "crl-prod-a1b2c3", network: "crdb-net" }, argument: "peerNetwork", value: "crdb-net", says: /is the network itself/ },
];

async function rejection(run: () => Promise<unknown>): Promise<GcpArgumentError> {
  const error = await run().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(GcpArgumentError);
  return error as GcpArgumentError;
}

function expectNamed(error: GcpArgumentError, c: Case) {
  const problem = error.problems.find((p) => p.argument === c.argument);
  expect(problem, `${c.argument} in ${error.message}`).toBeDefined();
  expect(problem?.value).toEqual(c.value);
  expect(`${problem?.reason} ${problem?.allowed}`).toMatch(c.says);
  expect(problem?.allowed.length).toBeGreaterThan(5);
  // The message names key and value, in the project's one format.
  expect(error.message).toContain(`${c.argument} = ${c.value === undefined ? "(not set)" : JSON.stringify(c.value).slice(0, 100)}`);
  expect(error.message).toContain("Allowed: ");
}

describe("GcpPrivateServiceConnect refuses bad arguments before any lookup or resource", () => {
  it.each(pscCases)("$what", async (c) => {
    const { lookups, calls } = cloudLookups();
    const error = await rejection(() => GcpPrivateServiceConnect.create("bad", { ...PSC, ...c.change } as GcpPrivateServiceConnectArgs, { lookups }));
    expectNamed(error, c);
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
    expect(calls).toEqual([]);
    expect(world.invokes).toEqual([]);
  });

  it("reports every problem at once", async () => {
    const args = { ...PSC, region: "us-east-1", endpointName: "Bad", dns: "private", network: { subnetCidr: "10.0.0.1/16" }, labels: { X: "y" } };
    const error = await rejection(() => GcpPrivateServiceConnect.create("bad", args, { lookups: cloudLookups().lookups }));
    expect(error.problems.map((p) => p.argument).sort()).toEqual(["dns", "endpointName", "labels", "network.subnetCidr", "region"]);
    expect(error.message).toMatch(/^GcpPrivateServiceConnect "bad": 5 problems:\n {2}/);
  });
});

describe("GcpVpcPeering refuses bad arguments before any lookup or resource", () => {
  it.each(peeringCases)("$what", async (c) => {
    const { lookups, calls } = cloudLookups();
    const error = await rejection(() => GcpVpcPeering.create("bad", { ...PEERING, ...c.change } as GcpVpcPeeringArgs, { lookups }));
    expectNamed(error, c);
    await waitForRegistrations();
    expect(world.resources).toEqual([]);
    expect(calls).toEqual([]);
    expect(world.invokes).toEqual([]);
  });
});
