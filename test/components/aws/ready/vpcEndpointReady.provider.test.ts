// The provider's CRUD against a real HTTP fake of EC2, through the real AWS SDK.
import { timeoutHint } from "../../../../components/aws/ready/vpcEndpointAvailability";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  VpcEndpointReadyProvider,
  type VpcEndpointReadyProviderOptions,
} from "../../../../components/aws/ready/vpcEndpointReadyProvider";
import { startFakeEc2, type FakeEc2 } from "../../../support/fakeEc2";

const vpce = "vpce-0123456789abcdef0";
const dnsEntries = [
  { dnsName: `${vpce}-abcd.vpce-svc-0fake.us-east-1.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" },
  { dnsName: "internal-dns.cockroachlabs.cloud", hostedZoneId: "Z0PRIVATEZONE" },
];

let ec2: FakeEc2;
let progress: string[];

function provider(options: VpcEndpointReadyProviderOptions = {}): VpcEndpointReadyProvider {
  return new VpcEndpointReadyProvider({
    endpoint: ec2.url,
    credentials: { accessKeyId: "AKIDFAKEPROVIDER", secretAccessKey: "fake-secret" },
    minIntervalMs: 5,
    maxIntervalMs: 10,
    onProgress: (line) => progress.push(line),
    ...options,
  });
}

beforeAll(async () => {
  ec2 = await startFakeEc2();
});
afterAll(() => ec2.close());
beforeEach(() => {
  ec2.requests.length = 0;
  progress = [];
  ec2.removeEndpoint(vpce);
});

describe("create", () => {
  it("waits through pendingAcceptance and pending, then returns the endpoint's outputs", async () => {
    const steps = ["pendingAcceptance", "pending", "pending", "available"];
    ec2.setEndpoint(vpce, { steps, privateDnsEnabled: true, dnsEntries });

    const result = await provider().create({ vpcEndpointId: vpce, region: "us-east-1" });

    expect(result).toEqual({
      id: vpce,
      outs: { vpcEndpointId: vpce, region: "us-east-1", state: "available", dnsEntries, privateDnsEnabled: true },
    });
    expect(ec2.requests).toHaveLength(4);
    expect(ec2.requests[0]).toMatchObject({
      action: "DescribeVpcEndpoints",
      params: { "VpcEndpointId.1": vpce },
      accessKeyId: "AKIDFAKEPROVIDER",
      signedRegion: "us-east-1",
    });
    const waiting = `waiting for VPC endpoint ${vpce} in us-east-1 to be available`;
    expect(progress.map((l) => l.replace(/ \(\d+s\)$/, ""))).toEqual([
      `${waiting}: pendingAcceptance (the endpoint service owner has not accepted the connection yet)`,
      `${waiting}: pending (AWS is applying a change, e.g. enabling private DNS)`,
    ]);
  });

  it("with privateDnsEnabled expected, a stale 'available' with private DNS off keeps it waiting", async () => {
    // EC2 is eventually consistent: just after EndpointPrivateDns it may still describe the endpoint as before.
    const steps = [
      { state: "available", privateDnsEnabled: false },
      { state: "pending", privateDnsEnabled: true },
      { state: "available", privateDnsEnabled: true },
    ];
    ec2.setEndpoint(vpce, { steps, dnsEntries });

    const { outs } = await provider().create({ vpcEndpointId: vpce, region: "us-east-1", privateDnsEnabled: true });

    expect(outs).toMatchObject({ state: "available", privateDnsEnabled: true });
    expect(ec2.requests).toHaveLength(3);
    expect(progress[0]).toMatch(/: available, but private DNS is not on yet/);
  });

  it("without the expectation, the first 'available' ends the wait", async () => {
    ec2.setEndpoint(vpce, { steps: [{ state: "available", privateDnsEnabled: false }, "pending", "available"] });
    const { outs } = await provider().create({ vpcEndpointId: vpce, region: "us-east-1" });
    expect(outs).toMatchObject({ state: "available", privateDnsEnabled: false });
    expect(ec2.requests).toHaveLength(1);
  });

  it("keeps the timeoutMinutes input in the outputs, so diff can compare it", async () => {
    ec2.setEndpoint(vpce, { steps: ["available"] });
    const { outs } = await provider().create({ vpcEndpointId: vpce, region: "us-east-1", timeoutMinutes: 3 });
    expect(outs).toMatchObject({ timeoutMinutes: 3, state: "available", privateDnsEnabled: false, dnsEntries: [] });
  });

  it("fails at once on rejected, naming the endpoint, the state and the owner's registration, but no vendor", async () => {
    ec2.setEndpoint(vpce, { steps: ["pendingAcceptance", "rejected", "available"] });
    const err = (await provider()
      .create({ vpcEndpointId: vpce, region: "us-east-1" })
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(new RegExp(`^VPC endpoint ${vpce} in us-east-1 is rejected, so it will not become available`));
    expect(err.message).toMatch(/the service owner did not accept the endpoint's registration, or does not allow connections from this AWS account/);
    // The wait serves any endpoint service: its texts name no vendor and no vendor's resource.
    expect(err.message).not.toMatch(/CockroachDB|PrivateEndpointConnection|cluster/);
    expect(ec2.requests).toHaveLength(2);
  });

  it("says, vendor-neutrally, what a timeout in pendingAcceptance means", () => {
    const hint = timeoutHint("pendingAcceptance (the endpoint service owner has not accepted the connection yet)");
    expect(hint).toBe(
      "The endpoint service owner has not accepted the connection: check that the endpoint is registered with the " +
        "service owner and that the registration has been accepted.",
    );
  });

  it("includes EC2's lastError when the endpoint failed", async () => {
    const lastError = { code: "InvalidParameter", message: "private DNS name conflicts" };
    ec2.setEndpoint(vpce, { steps: ["failed"], lastError });
    await expect(provider().create({ vpcEndpointId: vpce, region: "us-east-1" })).rejects.toThrow(
      /is failed, so it will not become available: .*AWS says: InvalidParameter: private DNS name conflicts\./,
    );
  });

  it("times out with the endpoint, the last state and a hint", async () => {
    // Only the clock is fake: requests and the short pauses between them run for real, and the deadline passes
    // when the test moves the clock, after the wait has seen "pending" several times. Nothing races real time.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      ec2.setEndpoint(vpce, { steps: ["pending"] });
      const outcome = provider({ timeoutMs: 60_000 })
        .create({ vpcEndpointId: vpce, region: "us-east-1" })
        .then(() => new Error("the wait did not fail"), (e: unknown) => e as Error);
      await vi.waitFor(() => expect(ec2.requests.length).toBeGreaterThanOrEqual(3), { timeout: 15_000, interval: 5 });
      vi.setSystemTime(Date.now() + 61_000);
      const err = await outcome;

      expect(err).toBeInstanceOf(Error);
      expect(err.message).toMatch(
        new RegExp(`^timed out after \\d+s waiting for VPC endpoint ${vpce} in us-east-1 to be available; last status: `),
      );
      // The last observation may be one the deadline cut: the message then still names the state last seen.
      expect(err.message).toMatch(/(last status: |The endpoint was last seen )pending \(AWS is applying a change/);
      expect(err.message).toMatch(/Run the update again to keep waiting.* raise timeoutMinutes/);
      expect(ec2.requests.every((r) => r.action === "DescribeVpcEndpoints")).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("treats throttling and 5xx as still waiting, and converges", async () => {
    ec2.setEndpoint(vpce, { steps: [{ fault: "throttle" }, { fault: "unavailable" }, "pending", "available"] });
    const { outs } = await provider().create({ vpcEndpointId: vpce, region: "us-east-1" });
    expect(outs?.state).toBe("available");
    expect(ec2.requests).toHaveLength(4);
    expect(progress[0]).toMatch(new RegExp(`${vpce} .*transient error: .*RequestLimitExceeded \\(HTTP 503\\)`));
    expect(progress[1]).toMatch(/transient error: .*InternalError \(HTTP 500\)/);
  });

  it("fails at once when the endpoint does not exist", async () => {
    await expect(provider().create({ vpcEndpointId: vpce, region: "eu-west-1" })).rejects.toThrow(
      new RegExp(`VPC endpoint ${vpce} was not found in region eu-west-1 \\(InvalidVpcEndpointId.NotFound\\)`),
    );
    expect(ec2.requests).toHaveLength(1);
  });

  it("fails at once when AWS denies the call, naming the credentials and the permission", async () => {
    ec2.setEndpoint(vpce, { steps: [{ fault: "unauthorized" }, "available"] });
    const err = (await provider()
      .create({ vpcEndpointId: vpce, region: "us-east-1" })
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(
      new RegExp(`^AWS refused DescribeVpcEndpoints for ${vpce} in us-east-1: UnauthorizedOperation \\(HTTP 403\\)`),
    );
    expect(err.message).toMatch(/AWS_PROFILE or stack config aws:profile/);
    expect(err.message).toMatch(/does not see aws:assumeRoles/);
    expect(err.message).toMatch(/need the read-only permission ec2:DescribeVpcEndpoints/);
    expect(ec2.requests).toHaveLength(1);
  });

  it("uses stack config aws:region when the region input is unset", async () => {
    ec2.setEndpoint(vpce, { steps: ["available"] });
    const p = provider();
    await p.configure({ config: { get: (k) => ({ "aws:region": "eu-west-2" })[k], require: () => "" } });
    const { outs } = await p.create({ vpcEndpointId: vpce });
    expect(outs?.region).toBe("eu-west-2");
    expect(ec2.requests[0]?.signedRegion).toBe("eu-west-2");
  });
});

describe("update, read, delete", () => {
  const olds = { vpcEndpointId: vpce, region: "us-east-1", state: "available", dnsEntries: [], privateDnsEnabled: true };

  it("update waits for available again", async () => {
    ec2.setEndpoint(vpce, { steps: ["pending", "available"], privateDnsEnabled: true });
    const before = { ...olds, privateDnsEnabled: false };
    const news = { vpcEndpointId: vpce, region: "us-east-1", timeoutMinutes: 20 };
    const { outs } = await provider().update(vpce, before, news);
    expect(outs).toMatchObject({ state: "available", privateDnsEnabled: true, timeoutMinutes: 20 });
    expect(ec2.requests).toHaveLength(2);
  });


  it("read reports the endpoint's current state without waiting", async () => {
    ec2.setEndpoint(vpce, { steps: ["pending"], privateDnsEnabled: true, dnsEntries });
    const result = await provider().read(vpce, olds);
    expect(result).toEqual({ id: vpce, props: { ...olds, state: "pending", dnsEntries } });
    expect(ec2.requests).toHaveLength(1);
  });

  it("read of an endpoint that is gone (not found, or deleted) returns id ''", async () => {
    expect(await provider().read(vpce, olds)).toMatchObject({ id: "" });
    ec2.setEndpoint(vpce, { steps: ["deleted"] });
    expect(await provider().read(vpce, olds)).toMatchObject({ id: "" });
  });

  it("delete touches nothing in AWS", async () => {
    await provider().delete();
    expect(ec2.requests).toHaveLength(0);
  });
});
