// The GCP rules for plain values: what each accepts and refuses, and that nothing in the module loads a package at
// import (the components load `@pulumi/gcp` only when building).
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  checkGcpProjectId,
  checkGcpRegion,
  checkGcpResourceName,
  checkGcpSubnetCidr,
  checkPscDnsMode,
  checkServiceAttachmentUri,
  checkServiceDirectoryNamespace,
  cidrsOverlap,
  serviceAttachmentRegion,
} from "../../../components/core/gcpChecks";
import { serviceAttachmentOf } from "../../../components/gcp/psc/serviceAttachment";

const accepts = (check: (v: string) => unknown, values: string[]) => values.forEach((v) => expect(check(v), v).toBeUndefined());
const refuses = (check: (v: string) => unknown, values: string[]) => values.forEach((v) => expect(check(v), v).toBeDefined());

describe("GCP value rules", () => {
  it("regions", () => {
    accepts(checkGcpRegion, ["us-central1", "europe-west4", "northamerica-northeast2", "asia-southeast1", "me-central2", "africa-south1"]);
    refuses(checkGcpRegion, ["us-east-1", "us-central", "US-CENTRAL1", "us-central1-a", "", "central1"]);
    expect(checkGcpRegion("us-east-1")?.reason).toBe("not a GCP region (this looks like an AWS region code)");
  });

  it("project IDs", () => {
    accepts(checkGcpProjectId, ["my-app-prod", "abcdef", "a".repeat(30)]);
    refuses(checkGcpProjectId, ["abcde", "a".repeat(31), "1project", "my-project-", "My-Project", "my_project", "123456789012"]);
  });

  it("resource names (RFC 1035, up to 63)", () => {
    accepts(checkGcpResourceName, ["a", "vpc-1", "a".repeat(63)]);
    refuses(checkGcpResourceName, ["", "1vpc", "vpc-", "Vpc", "vpc_1", "a".repeat(64)]);
  });

  it("subnetwork ranges: canonical IPv4, /8 to /29, not in reserved ranges", () => {
    accepts(checkGcpSubnetCidr, ["10.0.0.0/8", "10.60.0.0/24", "192.168.1.0/29", "172.16.0.0/12"]);
    refuses(checkGcpSubnetCidr, ["10.0.0.0/7", "10.0.0.0/30", "10.0.0.1/24", "10.0.0.0", "fd00::/64", "127.0.0.0/24", "169.254.1.0/24", "224.0.0.0/8", "0.0.0.0/8"]);
  });

  it("overlap of CIDR blocks", () => {
    expect(cidrsOverlap("172.28.0.0/14", "172.29.4.0/24")).toBe(true);
    expect(cidrsOverlap("172.16.0.0/12", "172.28.0.0/14")).toBe(true);
    expect(cidrsOverlap("172.32.0.0/16", "172.28.0.0/14")).toBe(false);
    expect(cidrsOverlap("10.0.0.0/8", "172.28.0.0/14")).toBe(false);
  });

  it("service attachment URIs, relative or as a Compute API URL", () => {
    const uri = "projects/crl-prod-a1b2c3/regions/us-central1/serviceAttachments/crdb-psc-1";
    accepts(checkServiceAttachmentUri, [uri, `https://www.googleapis.com/compute/v1/${uri}`]);
    refuses(checkServiceAttachmentUri, ["crdb-psc-1", `${uri}/x`, "projects/p/regions/us-central1/serviceAttachments/x", "vpce-svc-0123456789abcdef0"]);
    expect(serviceAttachmentRegion(uri)).toBe("us-central1");
  });

  it("namespaces fit the zone name NAMESPACE--REGION in 63 characters", () => {
    expect(checkServiceDirectoryNamespace("n".repeat(50), "us-central1")).toBeUndefined();
    expect(checkServiceDirectoryNamespace("n".repeat(51), "us-central1")?.reason).toBe("is 51 characters long");
    expect(checkServiceDirectoryNamespace("n".repeat(38), "northamerica-northeast1")).toBeUndefined();
    expect(checkServiceDirectoryNamespace("n".repeat(39), "northamerica-northeast1")?.allowed).toMatch(/at most 38 characters/);
    expect(checkServiceDirectoryNamespace("Team", "us-central1")).toBeDefined();
  });

  it("DNS modes", () => {
    accepts(checkPscDnsMode, ["automatic", "zone", "none"]);
    refuses(checkPscDnsMode, ["Automatic", "private", ""]);
  });
});

describe("the service attachment of an endpoint service", () => {
  const uri = "projects/crl-prod-a1b2c3/regions/us-central1/serviceAttachments/crdb-psc-1";
  it("is whichever field holds a URI, the same in both, or a reason naming both fields", () => {
    expect(serviceAttachmentOf({ endpointServiceId: uri, name: "crdb" })).toEqual({ uri });
    expect(serviceAttachmentOf({ endpointServiceId: "123", name: uri })).toEqual({ uri });
    expect(serviceAttachmentOf({ endpointServiceId: uri, name: uri })).toEqual({ uri });
    expect(serviceAttachmentOf({ endpointServiceId: "123", name: "crdb" }).reason).toBe(
      'neither field of the endpoint service is a service attachment URI (endpoint_service_id "123", name "crdb")',
    );
    expect(serviceAttachmentOf({ endpointServiceId: uri, name: `${uri}-2` }).uri).toBeUndefined();
  });
});

describe("loading the library", () => {
  it.each(["./components/index.ts", "./program/index.ts"])("%s does not load @pulumi/gcp until a GCP path is built or looked up", (entry) => {
    // A separate process, so what this test file imported does not count.
    const script = [
      'require("tsx/cjs");',
      `require(${JSON.stringify(entry)});`,
      'const loaded = Object.keys(require.cache).filter((k) => k.includes("@pulumi/gcp"));',
      "process.stdout.write(JSON.stringify(loaded.length));",
    ].join("\n");
    const out = execFileSync(process.execPath, ["-e", script], { cwd: process.cwd(), encoding: "utf8", timeout: 80_000 });
    expect(JSON.parse(out)).toBe(0);
    // A cold start of tsx and Pulumi in a child process: seconds on a busy 2-core machine, so a generous bound.
  }, 90_000);
});
