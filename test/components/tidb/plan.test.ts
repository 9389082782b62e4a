// TiDB's argument checks and plan, pure: every problem at once (key, value, what is allowed), the service given or
// looked up, AZ names mapped to IDs, the existing VPC's checks shared with AwsPrivateLink.
import { describe, expect, it } from "vitest";
import { TidbPrivateLink, TidbPrivateLinkArgumentError, serviceAzIdsOf } from "../../../components/tidb";
import { ACCOUNT_ZONES, HOST, OWNER, SERVICE, TIDB_CLUSTER, fixtureLookups } from "./support";

const prepare = (args: unknown, lookups = fixtureLookups()) =>
  TidbPrivateLink.prepare("tidb", args as Parameters<typeof TidbPrivateLink.prepare>[1], { lookups, owner: OWNER });

async function problemsOf(args: unknown, lookups = fixtureLookups()) {
  const err = await prepare(args, lookups).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TidbPrivateLinkArgumentError);
  return (err as TidbPrivateLinkArgumentError).problems.map((p) => `${p.argument} = ${JSON.stringify(p.value)}: ${p.reason}. Allowed: ${p.allowed}`);
}

describe("TiDB arguments", () => {
  it("reports every problem of the arguments at once, before any lookup", async () => {
    const log = { calls: [] as string[] };
    const problems = await problemsOf(
      {
        clusterId: "orders",
        vpc: { cidrBlock: "10.60.0.0/8" },
        allowedCidrs: ["10.0.0.1/8"],
        port: 70000,
        existingEndpoint: "adopt",
        service: { serviceName: 7, availabilityZones: "use1-az1", host: "h", zone: 1 },
      },
      fixtureLookups(log),
    );
    expect(problems).toEqual([
      'clusterId = "orders": not a TiDB Cloud cluster ID. Allowed: the cluster\'s numeric ID, e.g. 10289758592817381 (TiDB Cloud console, cluster overview)',
      "service.zone = 1: unknown field. Allowed: serviceName, availabilityZones, host, and port (optional)",
      "service.serviceName = 7: not a string. Allowed: the endpoint service name, com.amazonaws.vpce.<region>.vpce-svc-...",
      'service.availabilityZones = "use1-az1": not a list of strings. Allowed: the service\'s AZ IDs (use1-az1) or names (us-east-1a)',
      expect.stringMatching(/^vpc\.cidrBlock = "10\.60\.0\.0\/8": /),
      expect.stringMatching(/^allowedCidrs\[0\] = "10\.0\.0\.1\/8": /),
      // The shared network check (AwsPrivateLink's too) counts the sources left after the bad ones.
      expect.stringMatching(/^allowedCidrs = \[\]: no source could connect/),
      expect.stringMatching(/^port = 70000: .*Allowed: /),
      'existingEndpoint = "adopt": not a choice. Allowed: refuse or reuse',
    ]);
    expect(log.calls).toEqual([]);
  });

  it("needs clusterId or service", async () => {
    expect(await problemsOf({ vpc: { cidrBlock: "10.60.0.0/16" } })).toEqual([
      "clusterId = undefined: is required when service is not given. Allowed: the TiDB Cloud Serverless cluster's ID (its service is looked up), or service: {serviceName, availabilityZones, host}",
    ]);
  });
});

describe("TiDB plan", () => {
  it("with the service given: no TiDB API lookup, its port and host, AZ names and IDs mixed", async () => {
    const log = { calls: [] as string[] };
    const plan = await prepare(
      { service: { serviceName: SERVICE, availabilityZones: ["use1-az1", "us-east-1b"], host: HOST, port: 4001 }, vpc: { cidrBlock: "10.60.0.0/16" } },
      fixtureLookups(log),
    );
    expect(log.calls).toEqual(["providerRegion", "accountZones us-east-1"]);
    expect(plan).toMatchObject({ serviceName: SERVICE, privateHost: HOST, port: 4001, serviceAzIds: ["use1-az1", "use1-az4"], privateDns: true });
    expect(plan.subnets).toEqual([
      { azId: "use1-az1", cidrBlock: "10.60.0.0/20" },
      { azId: "use1-az4", cidrBlock: "10.60.48.0/20" },
    ]);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it("reports the given service's bad values together, naming each field", async () => {
    const problems = await problemsOf({
      service: { serviceName: "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0", availabilityZones: ["us-east-1z", "use1-az2"], host: "not a host" },
      vpc: { cidrBlock: "10.60.0.0/16" },
    });
    expect(problems).toEqual([
      expect.stringMatching(/^service\.serviceName = "com\.amazonaws\.vpce\.us-west-2\.vpce-svc-0123456789abcdef0": is a service in us-west-2, not us-east-1\. Allowed: com\.amazonaws\.vpce\.us-east-1\.vpce-svc-\.\.\., as the TiDB Cloud console shows it/),
      'service.host = "not a host": not a DNS name. Allowed: the private host, e.g. gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com',
    ]);
  });

  it("names an AZ that is neither an ID of the region nor one of the account's names, with the names allowed", async () => {
    const problems = await problemsOf({
      service: { serviceName: SERVICE, availabilityZones: ["us-east-1z", "usw2-az1"], host: HOST },
      vpc: { cidrBlock: "10.60.0.0/16" },
    });
    expect(problems).toEqual([
      'service.availabilityZones[0] = "us-east-1z": neither an AZ ID of us-east-1 (use1-azN) nor the name of one of this account\'s zones there. Allowed: an AZ ID such as use1-az1, or one of the account\'s AZ names in us-east-1: us-east-1a, us-east-1b, us-east-1c, us-east-1d',
      expect.stringMatching(/^service\.availabilityZones\[1\] = "usw2-az1": neither an AZ ID of us-east-1/),
      expect.stringMatching(/^region = "us-east-1": no availability zone is both supported/),
    ]);
  });

  it("refuses a cluster in another region, one without a private endpoint, and a deleted one, pointing at clusterId", async () => {
    const wrongRegion = await problemsOf({ clusterId: TIDB_CLUSTER, region: "us-west-2", vpc: { cidrBlock: "10.60.0.0/16" } });
    expect(wrongRegion[0]).toMatch(/^clusterId = "10289758592817381": cluster fake-7381 is in us-east-1, not us-west-2\. Allowed: a cluster in us-west-2, or region: us-east-1/);
    const noPrivate = await problemsOf({ clusterId: TIDB_CLUSTER, vpc: { cidrBlock: "10.60.0.0/16" } }, fixtureLookups(undefined, { cluster: { privateEndpoint: false } }));
    expect(noPrivate[0]).toMatch(/^clusterId = "10289758592817381": the TiDB Cloud API reports no AWS private endpoint service/);
    const deleted = await problemsOf({ clusterId: TIDB_CLUSTER, vpc: { cidrBlock: "10.60.0.0/16" } }, fixtureLookups(undefined, { cluster: { state: "DELETED" } }));
    expect(deleted).toEqual(['clusterId = "10289758592817381": the cluster is DELETED. Allowed: a cluster that exists (ACTIVE)']);
  });

  it("checks an existing VPC as AwsPrivateLink does: DNS flags for private DNS, subnets in the VPC, a stranger endpoint, all at once", async () => {
    const problems = await problemsOf(
      { clusterId: TIDB_CLUSTER, vpc: { vpcId: "vpc-0bbbbbbbbbbbbbbbb", subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] } },
      fixtureLookups(undefined, { endpoints: [{ id: "vpce-0123456789abcdef0", state: "pending", privateDnsEnabled: false, tags: {} }] }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^vpc\.vpcId = "vpc-0bbbbbbbbbbbbbbbb": the VPC has enableDnsSupport turned off/),
      'vpc.subnetIds[0] = "subnet-0aaaaaaaaaaaaaaa1": the subnet is in vpc-0aaaaaaaaaaaaaaaa. Allowed: subnets of vpc-0bbbbbbbbbbbbbbbb',
      expect.stringMatching(/^vpc\.vpcId = "vpc-0bbbbbbbbbbbbbbbb": the VPC already has an endpoint to .*: vpce-0123456789abcdef0 \(pending, private DNS off\)/),
    ]);
  });

  it("refuses to reuse when the VPC has two endpoints to the service", async () => {
    const two = ["vpce-0000000000000000a", "vpce-0000000000000000b"].map((id) => ({ id, state: "available", privateDnsEnabled: false, tags: {} }));
    const problems = await problemsOf(
      { clusterId: TIDB_CLUSTER, existingEndpoint: "reuse", vpc: { vpcId: "vpc-0aaaaaaaaaaaaaaaa", subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] } },
      fixtureLookups(undefined, { endpoints: two }),
    );
    expect(problems).toEqual([expect.stringMatching(/^vpc\.vpcId = "vpc-0aaaaaaaaaaaaaaaa": the VPC has 2 endpoints to .*Allowed: one endpoint to reuse: delete the others$/)]);
  });

  it("warns when the port differs from the service's", async () => {
    const plan = await prepare({ clusterId: TIDB_CLUSTER, port: 3306, vpc: { cidrBlock: "10.60.0.0/16" } });
    expect(plan.port).toBe(3306);
    expect(plan.warnings).toContain(
      "port is 3306, but the TiDB service serves on 4000: the security group opens TCP 3306 only, so clients connecting over the endpoint will be refused. Leave port unset to use the service's.",
    );
  });
});

describe("serviceAzIdsOf", () => {
  it("keeps AZ IDs (even ones the account lacks), maps names with the account's own mapping, sorts and dedupes", () => {
    expect(serviceAzIdsOf("z", ["us-east-1a", "use1-az6", "use1-az2", "us-east-1d"], "us-east-1", ACCOUNT_ZONES)).toEqual({
      azIds: ["use1-az2", "use1-az3", "use1-az6"],
      problems: [],
    });
  });
});
