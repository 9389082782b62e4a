// Pure decisions, no AWS: check, diff, and which EC2 failures the wait sits out.
import { afterEach, describe, expect, it } from "vitest";
import { describeFailure } from "../../../../components/aws/ready/ec2EndpointState";
import { VpcEndpointReadyProvider } from "../../../../components/aws/ready/vpcEndpointReadyProvider";
import { UNKNOWN_SENTINEL } from "../../../../components/core/unknown";

const vpce = "vpce-0123456789abcdef0";
const provider = new VpcEndpointReadyProvider();

describe("check", () => {
  it("accepts valid inputs, with and without the optional ones", async () => {
    for (const news of [
      { vpcEndpointId: vpce },
      { vpcEndpointId: "vpce-0a1b2c3d", region: "us-gov-west-1", timeoutMinutes: 120 },
      { vpcEndpointId: vpce, region: "eu-central-2", timeoutMinutes: 0.5 },
    ]) {
      expect(await provider.check({ vpcEndpointId: vpce }, news)).toEqual({ inputs: news, failures: [] });
    }
  });

  it("lets preview's unknown values through", async () => {
    const unknownNumber = UNKNOWN_SENTINEL as unknown as number;
    const news = { vpcEndpointId: UNKNOWN_SENTINEL, region: UNKNOWN_SENTINEL, timeoutMinutes: unknownNumber };
    expect((await provider.check({ vpcEndpointId: vpce }, news)).failures).toEqual([]);
  });

  it.each([
    [
      "vpcEndpointId",
      { vpcEndpointId: "vpc-0123456789abcdef0" },
      /vpcEndpointId "vpc-0123456789abcdef0" is not a VPC endpoint ID: expected "vpce-" followed by 8 to 17 lowercase hex/,
    ],
    ["vpcEndpointId", { vpcEndpointId: "vpce-0123456789ABCDEF0" }, /"vpce-0123456789ABCDEF0"/],
    ["vpcEndpointId", { vpcEndpointId: "vpce-0123456789abcdef01" }, /8 to 17/],
    ["vpcEndpointId", {}, /vpcEndpointId undefined is not a VPC endpoint ID/],
    ["region", { vpcEndpointId: vpce, region: "US-EAST-1" }, /region "US-EAST-1" is not an AWS region name: expected e.g/],
    ["region", { vpcEndpointId: vpce, region: "useast1" }, /region "useast1"/],
    [
      "timeoutMinutes",
      { vpcEndpointId: vpce, timeoutMinutes: 0 },
      /timeoutMinutes 0 is not allowed: expected a number of minutes greater than 0 and at most 120 \(default 10\)/,
    ],
    ["timeoutMinutes", { vpcEndpointId: vpce, timeoutMinutes: 121 }, /timeoutMinutes 121 is not allowed/],
    ["timeoutMinutes", { vpcEndpointId: vpce, timeoutMinutes: "10" }, /timeoutMinutes "10" is not allowed/],
  ])("rejects a bad %s, naming the value and what is allowed (%j)", async (property, news, reason) => {
    const { failures } = await provider.check({ vpcEndpointId: vpce }, news as never);
    expect(failures).toHaveLength(1);
    expect(failures![0]!.property).toBe(property);
    expect(failures![0]!.reason).toMatch(reason);
  });

  it("reports every bad property at once", async () => {
    const news = { vpcEndpointId: "x", region: "y", timeoutMinutes: -1 };
    const { failures } = await provider.check({ vpcEndpointId: vpce }, news);
    expect(failures!.map((f) => f.property)).toEqual(["vpcEndpointId", "region", "timeoutMinutes"]);
  });
});

describe("diff", () => {
  const olds = { vpcEndpointId: vpce, region: "us-east-1", state: "available", dnsEntries: [], privateDnsEnabled: true };
  const inUsEast1 = { vpcEndpointId: vpce, region: "us-east-1" };
  const savedRegion = process.env.AWS_REGION;
  afterEach(() => {
    if (savedRegion === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = savedRegion;
  });

  it("reports no change for the same inputs", async () => {
    expect(await provider.diff(vpce, olds, inUsEast1)).toMatchObject({ changes: false, replaces: [] });
    // An explicit default is no change either.
    expect(await provider.diff(vpce, { ...olds, timeoutMinutes: 10 }, inUsEast1)).toMatchObject({ changes: false });
  });

  it("replaces on a new endpoint ID or region", async () => {
    const other = "vpce-0fedcba9876543210";
    expect(await provider.diff(vpce, olds, { ...inUsEast1, vpcEndpointId: other })).toMatchObject({
      changes: true,
      replaces: ["vpcEndpointId"],
    });
    expect(await provider.diff(vpce, olds, { ...inUsEast1, region: "us-west-2" })).toMatchObject({
      changes: true,
      replaces: ["region"],
    });
    expect(await provider.diff(vpce, olds, { ...inUsEast1, vpcEndpointId: UNKNOWN_SENTINEL })).toMatchObject({
      replaces: ["vpcEndpointId"],
    });
  });

  it("updates in place, without replacement, on a new timeout", async () => {
    expect(await provider.diff(vpce, olds, { ...inUsEast1, timeoutMinutes: 30 })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("without a region input, compares the region config or env names, and otherwise keeps the old one", async () => {
    delete process.env.AWS_REGION;
    expect(await provider.diff(vpce, olds, { vpcEndpointId: vpce })).toMatchObject({ changes: false });
    process.env.AWS_REGION = "eu-west-1";
    expect(await provider.diff(vpce, olds, { vpcEndpointId: vpce })).toMatchObject({ replaces: ["region"] });

    const configured = new VpcEndpointReadyProvider();
    await configured.configure({ config: { get: (k) => ({ "aws:region": "us-east-1" })[k], require: () => "" } });
    expect(await configured.diff(vpce, olds, { vpcEndpointId: vpce })).toMatchObject({ changes: false });
  });
});

describe("DescribeVpcEndpoints failures", () => {
  const sdkError = (name: string, status?: number) =>
    Object.assign(new Error(`${name} happened`), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });
  const networkError = (code: string) => Object.assign(new Error(`connect ${code} 1.2.3.4:443`), { code });

  it.each([
    ["RequestLimitExceeded 503", sdkError("RequestLimitExceeded", 503)],
    ["InternalError 500", sdkError("InternalError", 500)],
    ["an unnamed 502", sdkError("BadGateway", 502)],
    ["429", sdkError("TooManyRequests", 429)],
    ["a request timeout", sdkError("TimeoutError")],
    ["ECONNRESET", networkError("ECONNRESET")],
    ["EAI_AGAIN", networkError("EAI_AGAIN")],
  ])("waits through %s", (_what, err) => {
    const failure = describeFailure(err, vpce, "us-east-1");
    expect(failure.retryable).toBe(true);
    expect(failure.message).toMatch(new RegExp(`^DescribeVpcEndpoints for ${vpce} in us-east-1 failed: `));
  });

  it.each([
    ["UnauthorizedOperation 403", sdkError("UnauthorizedOperation", 403)],
    ["AuthFailure 401", sdkError("AuthFailure", 401)],
    ["missing credentials", sdkError("CredentialsProviderError")],
    ["an expired session", sdkError("ExpiredToken", 400)],
  ])("fails at once on %s, naming the credentials and the permission", (_what, err) => {
    const failure = describeFailure(err, vpce, "us-east-1");
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(/^AWS refused DescribeVpcEndpoints .*default credentials.*ec2:DescribeVpcEndpoints/);
  });

  it("fails at once on other client errors and on a region with no EC2 API", () => {
    expect(describeFailure(sdkError("InvalidParameterValue", 400), vpce, "us-east-1").retryable).toBe(false);
    const noHost = describeFailure(networkError("ENOTFOUND"), vpce, "xx-nowhere-1");
    expect(noHost.retryable).toBe(false);
    expect(noHost.message).toMatch(/in xx-nowhere-1 failed: ENOTFOUND.*is the region right\?/);
  });
});
