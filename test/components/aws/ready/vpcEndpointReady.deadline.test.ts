// The EC2 wait is bounded: no request outlives the wait's deadline or its own request timeout, whatever the server
// does, and an answer without the endpoint is not taken for "the endpoint does not exist". Against the HTTP fake of
// EC2, through the real AWS SDK. No assertion on elapsed time: a wait that were not cut would exceed the test timeout
// (20 s) long before the SDK's own limits (15 min idle) and fail here.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  VpcEndpointReadyProvider,
  type VpcEndpointReadyProviderOptions,
} from "../../../../components/aws/ready/vpcEndpointReadyProvider";
import { startFakeEc2, type FakeEc2 } from "../../../support/fakeEc2";

const vpce = "vpce-0123456789abcdef0";
let ec2: FakeEc2;
let progress: string[];

function provider(options: VpcEndpointReadyProviderOptions = {}): VpcEndpointReadyProvider {
  return new VpcEndpointReadyProvider({
    endpoint: ec2.url,
    credentials: { accessKeyId: "AKIDFAKEDEADLINE", secretAccessKey: "fake-secret" },
    minIntervalMs: 5,
    maxIntervalMs: 10,
    onProgress: (line) => progress.push(line),
    ...options,
  });
}

/** Waits (for real, generously) until the fake has seen the client give up on request `index`. */
async function abandoned(index: number): Promise<void> {
  await vi.waitFor(() => expect(ec2.requests[index]?.abandoned).toBe(true), { timeout: 10_000, interval: 10 });
}

beforeAll(async () => {
  ec2 = await startFakeEc2();
  // Warm up: the SDK loads parts of itself on its first request, which must not eat into the short deadlines below.
  ec2.setEndpoint(vpce, { steps: ["available"] });
  progress = [];
  await provider().create({ vpcEndpointId: vpce, region: "us-east-1" });
});
afterAll(() => ec2.close());
beforeEach(() => {
  ec2.requests.length = 0;
  progress = [];
  ec2.removeEndpoint(vpce);
});

describe("a server that does not answer", () => {
  it("is cut when the wait's time is up, and the wait fails naming the cut request", async () => {
    ec2.setEndpoint(vpce, { steps: [{ fault: "hang" }] });

    const err = (await provider({ timeoutMs: 2000 })
      .create({ vpcEndpointId: vpce, region: "us-east-1" })
      .catch((e: unknown) => e)) as Error;

    expect(err.message).toMatch(
      new RegExp(
        `^timed out after \\d+s waiting for VPC endpoint ${vpce} in us-east-1 to be available; last status: ` +
          `transient error: DescribeVpcEndpoints for ${vpce} in us-east-1 got no answer within \\d+ ms ` +
          `\\(what was left of the wait\\); request cut\\. Run the update again`,
      ),
    );
    expect(err.message).toMatch(/AWS kept failing or throttling DescribeVpcEndpoints/);
    // Exactly one request was sent (the next observation would come after the deadline), and the client hung up on it: it is not left open behind the failed wait.
    expect(ec2.requests).toHaveLength(1);
    await abandoned(0);
  });

  it("is cut after the request timeout, and the next observation goes on", async () => {
    ec2.setEndpoint(vpce, { steps: [{ fault: "hang" }, "pending", "available"] });

    const { outs } = await provider({ timeoutMs: 60_000, requestTimeoutMs: 2000 }).create({
      vpcEndpointId: vpce,
      region: "us-east-1",
    });

    expect(outs?.state).toBe("available");
    expect(ec2.requests).toHaveLength(3);
    await abandoned(0);
    expect(ec2.requests.slice(1).map((r) => r.answered)).toEqual([true, true]);
    expect(progress[0]).toMatch(/: transient error: .*(got no answer within 2000 ms \(the request timeout\)|requestTimeout)/);
    expect(progress.join("\n")).not.toMatch(/undefined/);
  });

  it("an answer slower than the request timeout is not waited for", async () => {
    // The slow answer would say "available"; the wait must not sit on it, it observes again and sees "pending" first.
    ec2.setEndpoint(vpce, { steps: [{ state: "available", delayMs: 8000 }, "pending", "available"] });

    const { outs } = await provider({ timeoutMs: 60_000, requestTimeoutMs: 2000 }).create({
      vpcEndpointId: vpce,
      region: "us-east-1",
    });

    expect(outs?.state).toBe("available");
    expect(ec2.requests).toHaveLength(3);
    await abandoned(0);
    expect(progress.map((l) => l.replace(/ \(\d+s\)$/, ""))).toEqual([
      expect.stringMatching(/transient error: /),
      expect.stringMatching(/: pending \(AWS is applying a change/),
    ]);
  });
});

describe("an answer without the endpoint", () => {
  it("an empty body or an empty list is observed again, not reported as 'not found'", async () => {
    ec2.setEndpoint(vpce, { steps: [{ fault: "emptyBody" }, { fault: "emptySet" }, "available"] });

    const { outs } = await provider({ timeoutMs: 60_000 }).create({ vpcEndpointId: vpce, region: "us-east-1" });

    expect(outs?.state).toBe("available");
    expect(ec2.requests).toHaveLength(3);
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatch(
      new RegExp(`transient error: DescribeVpcEndpoints for ${vpce} in us-east-1 answered without the endpoint`),
    );
  });

  it("only ever empty: the wait times out saying so, it does not claim the endpoint is gone", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      ec2.setEndpoint(vpce, { steps: [{ fault: "emptySet" }] });
      const outcome = provider({ timeoutMs: 60_000 })
        .create({ vpcEndpointId: vpce, region: "us-east-1" })
        .then(() => new Error("the wait did not fail"), (e: unknown) => e as Error);
      await vi.waitFor(() => expect(ec2.requests.length).toBeGreaterThanOrEqual(2), { timeout: 15_000, interval: 5 });
      vi.setSystemTime(Date.now() + 61_000);
      const err = await outcome;
      expect(err.message).toMatch(/^timed out after \d+s waiting for VPC endpoint .* to be available; last status: transient error: /);
      expect(err.message).not.toMatch(/was not found/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("read keeps the resource when EC2 answers without it, and drops it on InvalidVpcEndpointId.NotFound", async () => {
    const olds = { vpcEndpointId: vpce, region: "us-east-1", state: "available", dnsEntries: [], privateDnsEnabled: true };
    ec2.setEndpoint(vpce, { steps: [{ fault: "emptySet" }, "available"], privateDnsEnabled: true });
    expect(await provider({ timeoutMs: 60_000 }).read(vpce, olds)).toEqual({ id: vpce, props: olds });
    expect(ec2.requests).toHaveLength(2);

    ec2.removeEndpoint(vpce);
    expect(await provider({ timeoutMs: 60_000 }).read(vpce, olds)).toEqual({ id: "", props: {} });
  });
});
