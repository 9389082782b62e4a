// One rule, one place: each value rule of components/core/checks.ts on its own, the stack config schema, the
// library's argument checks and the providers' `check` agreeing on the same values, and the module working from a
// serialized closure as the providers carry it.
import { describe, expect, it } from "vitest";
import {
  awsAzIdPrefix,
  azNumber,
  canonicalCidr,
  checkAwsAccountId,
  checkAwsRegion,
  checkAzId,
  checkClusterId,
  checkPort,
  checkSourceCidr,
  checkVpcCidr,
} from "../../../components/core/checks";
import { checkAwsPrivateLinkArgs } from "../../../components/aws/planArgs";
import { AwsPrivateLinkArgumentError } from "../../../components/aws/errors";
import {
  checkCidrIp,
  checkClusterId as providerCheckClusterId,
  checkExternalOwnerId,
  checkHostBits,
} from "../../../components/cockroach/providers/checks";
import { vpcEndpointReadyFailures } from "../../../components/aws/ready/vpcEndpointReadyInputs";
import { checkEndpointId } from "../../../components/cockroach/providers/checks";
import { splitClusterScopedId } from "../../../components/cockroach/providers/resourceIds";
import { stackConfigSchema } from "../../../program/config/schema";
import { serializeProvider } from "../../support/serialized";

const CLUSTER = "1f69fdd2-600a-4cfc-a9ba-16995df0d77d";
const NOT_CLUSTER_IDS = ["", "1f69fdd2-600a-4cfc-a9ba-16995df0d77", "1f69fdd2600a4cfca9ba16995df0d77d", `${CLUSTER} `, "g".repeat(36)];

describe("the value rules", () => {
  it("cluster ID: a UUID in any case", () => {
    expect(checkClusterId(CLUSTER)).toBeUndefined();
    expect(checkClusterId(CLUSTER.toUpperCase())).toBeUndefined();
    for (const bad of NOT_CLUSTER_IDS) {
      expect(checkClusterId(bad)).toEqual({ reason: "not a cluster ID", allowed: `the cluster's UUID, e.g. ${CLUSTER}` });
    }
  });

  it("AWS region code, AZ ID and AZ-ID prefix", () => {
    for (const region of ["us-east-1", "ap-southeast-2", "us-gov-west-1", "eu-central-2"]) expect(checkAwsRegion(region)).toBeUndefined();
    for (const bad of ["us-east", "US-EAST-1", "useast1", "us-east-1a"]) expect(checkAwsRegion(bad)?.reason).toBe("not an AWS region code");
    expect(["use1-az1", "apse2-az3", "use1-az10"].map(azNumber)).toEqual([1, 3, 10]);
    expect(checkAzId("use1-az4")).toBeUndefined();
    for (const bad of ["us-east-1a", "use1-bos1-az1", "use1-az"]) expect(checkAzId(bad)?.reason).toBe("not a regional AZ ID");
    expect(
      ["us-east-1", "ap-southeast-2", "ap-northeast-1", "us-gov-west-1", "eu-central-1", "ca-central-1", "me-south-1"].map(
        awsAzIdPrefix,
      ),
    ).toEqual(["use1", "apse2", "apne1", "usgw1", "euc1", "cac1", "mes1"]);
  });

  it("AWS account ID: exactly 12 digits", () => {
    expect(checkAwsAccountId("012345678901")).toBeUndefined();
    for (const bad of ["12345678901", "0123456789012", "01234567890a", "*"]) {
      expect(checkAwsAccountId(bad)).toEqual({
        reason: "is not a 12-digit AWS account ID",
        allowed: 'a 12-digit AWS account ID in quotes, such as "012345678901"',
      });
    }
  });

  it("port: an integer from 1 to 65535", () => {
    for (const port of [1, 4000, 26257, 65535]) expect(checkPort(port)).toBeUndefined();
    for (const bad of [0, 65536, 1.5, NaN, -1]) expect(checkPort(bad)?.reason).toBe("not a TCP port");
  });

  it("IPv4 CIDR: canonical, and for a VPC /16 to /24 outside the ranges AWS refuses", () => {
    expect(checkSourceCidr("0.0.0.0/0")).toBeUndefined();
    expect(checkSourceCidr("10.0.0.1/8")?.reason).toBe("host bits are set (the network is 10.0.0.0/8)");
    expect(checkSourceCidr("10.0.0.0")?.reason).toBe("has no prefix length");
    expect(checkSourceCidr("fd00::/8")?.reason).toBe("is IPv6; the endpoint is reached over IPv4 only");
    expect(checkVpcCidr("10.40.0.0/16")).toBeUndefined();
    expect(checkVpcCidr("10.40.0.0/25")?.reason).toBe("prefix /25 is out of range");
    expect(checkVpcCidr("127.1.0.0/16")?.reason).toBe("is in 127.0.0.0/8 (loopback), which AWS does not allow for a VPC");
    expect(canonicalCidr("10.40.1.5/16")).toBe("10.40.0.0/16");
  });
});

/** Whether each consumer accepts `clusterId`: stack config, library arguments, provider check, import ID. */
function clusterIdVerdicts(clusterId: string): boolean[] {
  const schema = stackConfigSchema.safeParse({ clusterId }).success;
  let library = true;
  try {
    checkAwsPrivateLinkArgs("link", { clusterId, vpc: { cidrBlock: "10.40.0.0/16" } });
  } catch (err) {
    expect(err).toBeInstanceOf(AwsPrivateLinkArgumentError);
    library = false;
  }
  const provider = providerCheckClusterId(clusterId) === undefined;
  let importId = true;
  try {
    splitClusterScopedId(`${clusterId}:rest`, "Thing", "<clusterId>:<rest>");
  } catch {
    importId = false;
  }
  return [schema, library, provider, importId];
}

describe("every consumer applies the same rule", () => {
  it("cluster IDs: schema, library, provider check and import IDs agree", () => {
    expect(clusterIdVerdicts(CLUSTER)).toEqual([true, true, true, true]);
    expect(clusterIdVerdicts(CLUSTER.toUpperCase())).toEqual([true, true, true, true]);
    for (const bad of NOT_CLUSTER_IDS.filter((id) => id !== "")) expect(clusterIdVerdicts(bad)).toEqual([false, false, false, false]);
  });

  it("AWS account IDs: stack config trustedOwners and the trusted-owner provider agree", () => {
    for (const [id, ok] of [
      ["012345678901", true],
      ["12345678901", false],
      ["01234567890a", false],
    ] as const) {
      expect(stackConfigSchema.safeParse({ trustedOwners: [id] }).success).toBe(ok);
      expect(checkExternalOwnerId(id) === undefined).toBe(ok);
    }
  });

  it("VPC endpoint IDs and region codes: the readiness wait, the registration check and the config agree", () => {
    for (const [id, ok] of [
      ["vpce-0123456789abcdef0", true],
      ["vpce-12345678", true],
      ["vpce-1234567", false],
      ["vpce-0123456789ABCDEF0", false],
    ] as const) {
      const waitAccepts = !vpcEndpointReadyFailures({ vpcEndpointId: id }).some((f) => f.property === "vpcEndpointId");
      expect([waitAccepts, checkEndpointId(id) === undefined]).toEqual([ok, ok]);
    }
    for (const region of ["us-east-1", "us-gov-west-1", "us-east", "US-EAST-1"]) {
      const waitAccepts = vpcEndpointReadyFailures({ vpcEndpointId: "vpce-12345678", region }).length === 0;
      expect(waitAccepts).toBe(checkAwsRegion(region) === undefined);
    }
  });

  it("host bits: the allowlist provider names the same network as the CIDR rule", () => {
    expect(checkHostBits("10.1.2.3", 8)?.reason).toContain('Use cidrIp "10.0.0.0"');
    expect(checkSourceCidr("10.1.2.3/8")?.reason).toBe("host bits are set (the network is 10.0.0.0/8)");
    expect(checkHostBits("10.0.0.0", 8)).toBeUndefined();
    // Not dotted IPv4: checkCidrIp reports it, checkHostBits stays silent rather than throw.
    expect(checkHostBits("01.2.3.4", 8)).toBeUndefined();
    expect(checkCidrIp("01.2.3.4")?.reason).toContain("is not a dotted IPv4 address");
  });
});

describe("from serialized text", () => {
  it("the rules work from a serialized closure, as a provider carries them", async () => {
    const rules = { checkClusterId, checkSourceCidr, checkVpcCidr, checkHostBits, awsAzIdPrefix };
    const { text, provider } = await serializeProvider(rules);
    expect(text).not.toMatch(/^\s*(import|export) /m);
    expect(provider.checkClusterId(CLUSTER)).toBeUndefined();
    expect(provider.checkClusterId("nope")?.reason).toBe("not a cluster ID");
    expect(provider.checkSourceCidr("10.0.0.1/8")?.reason).toBe("host bits are set (the network is 10.0.0.0/8)");
    expect(provider.checkVpcCidr("169.254.0.0/16")?.reason).toContain("link-local");
    expect(provider.checkHostBits("192.168.1.1", 16)?.reason).toContain('Use cidrIp "192.168.0.0"');
    expect(provider.awsAzIdPrefix("ap-southeast-2")).toBe("apse2");
  }, 30_000);
});
