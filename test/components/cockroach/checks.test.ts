// Every provider's `check`: bad inputs fail naming the property, the value and what is allowed; unknowns pass.
import { describe, expect, it } from "vitest";
import { UNKNOWN_SENTINEL } from "../../../components/core/unknown";
import { AllowListProvider } from "../../../components/cockroach/providers/allowListProvider";
import { PrivateEndpointConnectionProvider } from "../../../components/cockroach/providers/privateEndpointConnectionProvider";
import { PrivateEndpointServicesProvider } from "../../../components/cockroach/providers/privateEndpointServicesProvider";
import { PrivateEndpointTrustedOwnerProvider } from "../../../components/cockroach/providers/privateEndpointTrustedOwnerProvider";

const CLUSTER = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d";
const connections = new PrivateEndpointConnectionProvider();
const allowLists = new AllowListProvider();
const owners = new PrivateEndpointTrustedOwnerProvider();
const services = new PrivateEndpointServicesProvider();

// The sentinel is typed as a string; casting lets it stand where a number or boolean is expected.
const unknown = UNKNOWN_SENTINEL as never;

describe("check", () => {
  it("accepts the endpoint ID forms of each cloud", async () => {
    for (const endpointId of [
      "vpce-0c1308d7312217abc",
      "vpce-12345678",
      "6133183410995353",
      "/subscriptions/0b1c2d3e-0000-4111-8222-333344445555/resourceGroups/rg-1/providers/Microsoft.Network/privateEndpoints/crdb-pe",
      "/subscriptions/0b1c2d3e-0000-4111-8222-333344445555/resourceGroups/My_RG.(prod)-1/providers/Microsoft.Network/privateEndpoints/pe.crdb_1",
    ]) {
      expect((await connections.check({} as never, { clusterId: CLUSTER, endpointId })).failures).toEqual([]);
    }
  });

  it("rejects a bad cluster ID and endpoint ID, naming property, value and what is allowed", async () => {
    const { failures } = await connections.check({} as never, { clusterId: "my-cluster", endpointId: "vpce-XYZ" });
    expect(failures).toEqual([
      { property: "clusterId", reason: expect.stringMatching(/^clusterId "my-cluster" is not a cluster ID: expected a UUID/) },
      {
        property: "endpointId",
        reason: expect.stringMatching(/^endpointId "vpce-XYZ" is not a private endpoint ID\. Allowed: an AWS VPC endpoint ID .*GCP Private Service Connect .*Azure/),
      },
    ]);
    const missing = await services.check({} as never, {} as never);
    expect(missing.failures).toEqual([{ property: "clusterId", reason: expect.stringMatching(/^clusterId \(missing\) is not a cluster ID/) }]);
  });

  it("validates allowlist entries: IPv4 only, mask 0-32, booleans", async () => {
    const base = { clusterId: CLUSTER, cidrIp: "203.0.113.0", cidrMask: 24, sql: true, ui: false };
    expect((await allowLists.check({} as never, base)).failures).toEqual([]);
    const cases: [Partial<typeof base> & Record<string, unknown>, string, RegExp][] = [
      [{ cidrIp: "2001:db8::1" }, "cidrIp", /is IPv6; the CockroachDB Cloud allowlist takes IPv4 addresses only/],
      [{ cidrIp: "203.0.113.0/24" }, "cidrIp", /includes a prefix length; give only the address/],
      [{ cidrIp: "203.0.113" }, "cidrIp", /is not a dotted IPv4 address/],
      [{ cidrIp: "256.1.1.1" }, "cidrIp", /is not a dotted IPv4 address/],
      [{ cidrMask: 33 }, "cidrMask", /^cidrMask 33 must be an integer from 0 to 32/],
      [{ cidrMask: 8.5 }, "cidrMask", /^cidrMask 8\.5 must be an integer/],
      [{ sql: "yes" as never }, "sql", /^sql "yes" must be true or false/],
      [{ ui: undefined }, "ui", /^ui \(missing\) must be true or false/],
      [{ name: 7 as never }, "name", /^name 7 must be a string/],
      // Case 11: host bits, name length, control characters and terminal escapes.
      [{ cidrIp: "10.0.0.1", cidrMask: 8 }, "cidrIp", /^cidrIp "10\.0\.0\.1" with cidrMask 8 has host bits set: the range 10\.0\.0\.1\/8 starts at 10\.0\.0\.0\. Use cidrIp "10\.0\.0\.0" \(or cidrMask 32 for the single address\)\.$/],
      [{ cidrIp: "203.0.113.7", cidrMask: 0 }, "cidrIp", /starts at 0\.0\.0\.0/],
      [{ name: "x".repeat(1024 * 1024) }, "name", /^name is 1048576 characters long; at most 255 are allowed\.$/],
      [{ name: "office\nrm -rf" }, "name", /^name "office\\nrm -rf" contains control characters/],
      [{ name: "\u001b[31mred\u001b[0m" }, "name", /contains control characters \(newlines, tabs or terminal escapes\)/],
    ];
    for (const [change, property, reason] of cases) {
      const { failures } = await allowLists.check({} as never, { ...base, ...change } as never);
      expect(failures, JSON.stringify(change)).toEqual([{ property, reason: expect.stringMatching(reason) }]);
    }
  });

  it("accepts network addresses of every size, and a 255-character name", async () => {
    const base = { clusterId: CLUSTER, sql: true, ui: false, name: "n".repeat(255) };
    for (const [cidrIp, cidrMask] of [["0.0.0.0", 0], ["10.0.0.0", 8], ["203.0.113.128", 25], ["203.0.113.7", 32]] as const) {
      expect((await allowLists.check({} as never, { ...base, cidrIp, cidrMask })).failures, `${cidrIp}/${cidrMask}`).toEqual([]);
    }
  });

  it("refuses Azure-shaped endpoint IDs that break Azure's naming rules (case 11)", async () => {
    const prefix = "/subscriptions/0b1c2d3e-0000-4111-8222-333344445555/resourceGroups";
    const suffix = "providers/Microsoft.Network/privateEndpoints";
    for (const endpointId of [
      `${prefix}/rg-ü/${suffix}/pe-1`,
      `${prefix}/rg\n1/${suffix}/pe-1`,
      `${prefix}/../${suffix}/pe-1`,
      `${prefix}/rg-1/${suffix}/pe..1?x=#y`,
      `${prefix}/rg-1/${suffix}/${"p".repeat(20_000)}`,
      `/subscriptions/not-a-guid/resourceGroups/rg-1/${suffix}/pe-1`,
      `${prefix}/rg./${suffix}/pe-1`,
    ]) {
      const { failures } = await connections.check({} as never, { clusterId: CLUSTER, endpointId });
      expect(failures, endpointId.slice(0, 120)).toEqual([{ property: "endpointId", reason: expect.stringMatching(/is not a private endpoint ID/) }]);
      // A huge value is cut in the message.
      expect(failures![0]!.reason.length).toBeLessThan(800);
    }
  });

  it("accepts a mask given as a digit string, passing it on as a number", async () => {
    const base = { clusterId: CLUSTER, cidrIp: "203.0.113.0", cidrMask: "24" as never, sql: true, ui: false };
    const { inputs, failures } = await allowLists.check({} as never, base);
    expect(failures).toEqual([]);
    expect(inputs?.cidrMask).toBe(24);
  });

  it("validates trusted owners: AWS_ACCOUNT_ID with a 12-digit account or *", async () => {
    const ok = { clusterId: CLUSTER, type: "AWS_ACCOUNT_ID", externalOwnerId: "012345678901" };
    expect((await owners.check({} as never, ok)).failures).toEqual([]);
    expect((await owners.check({} as never, { ...ok, externalOwnerId: "*" })).failures).toEqual([]);
    const { failures } = await owners.check({} as never, { ...ok, type: "GCP_PROJECT", externalOwnerId: "1234" });
    expect(failures).toEqual([
      { property: "type", reason: expect.stringMatching(/^type "GCP_PROJECT" is not supported: the only allowed value is AWS_ACCOUNT_ID/) },
      { property: "externalOwnerId", reason: expect.stringMatching(/^externalOwnerId "1234" must be a 12-digit AWS account ID/) },
    ]);
  });

  it("lets values that are unknown at preview through", async () => {
    const results = await Promise.all([
      connections.check({} as never, { clusterId: unknown, endpointId: unknown }),
      services.check({} as never, { clusterId: unknown }),
      allowLists.check({} as never, { clusterId: unknown, cidrIp: unknown, cidrMask: unknown, sql: unknown, ui: unknown, name: unknown }),
      owners.check({} as never, { clusterId: unknown, type: unknown, externalOwnerId: unknown }),
    ]);
    for (const result of results) expect(result.failures).toEqual([]);
    expect(results[0]?.inputs).toEqual({ clusterId: UNKNOWN_SENTINEL, endpointId: UNKNOWN_SENTINEL });
  });
});
