// VpcEndpointReadyProvider as the engine runs it: from its serialized text. Its failures must arrive there with their
// message (a 403, no credentials, no region, throttling progress, a cut request), and the static credentials given to
// the provider object must not be in that text, nor any secret in an error.
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  VpcEndpointReadyProvider,
  type VpcEndpointReadyProviderOptions,
} from "../../../../components/aws/ready/vpcEndpointReadyProvider";
import { startFakeEc2, type FakeEc2 } from "../../../support/fakeEc2";
import { serializeProvider } from "../../../support/serialized";

const vpce = "vpce-0123456789abcdef0";
const SECRET = "sEcReT-static-canary-0b8e2f4a6c";
const SESSION = "SeSsIoN-static-canary-5d7f9a1c3e";
const CREDENTIALS = { accessKeyId: "AKIDSERIALIZED", secretAccessKey: SECRET, sessionToken: SESSION };

// Nothing of the machine's AWS setup may leak in, and the SDK must not try the instance metadata service (a packet
// to 169.254.169.254): no credentials or region from anywhere but what each test sets.
const awsEnv = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
] as const;
const savedEnv = Object.fromEntries(awsEnv.map((k) => [k, process.env[k]]));

let ec2: FakeEc2;
let text: string;
/** The provider loaded from its text, with static credentials (held by this process). */
let loaded: VpcEndpointReadyProvider;
/** Another provider of the loaded code (the same serialized class), with other options. */
let loadedWith: (options: VpcEndpointReadyProviderOptions) => VpcEndpointReadyProvider;
let stderr: { mock: { calls: unknown[][] }; mockRestore(): void };

const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error);
const stderrLines = () => stderr.mock.calls.map((c: unknown[]) => String(c[0]));

beforeAll(async () => {
  for (const k of awsEnv) delete process.env[k];
  const nowhere = path.join(os.tmpdir(), "crdb-private-endpoints-no-aws-config", "none");
  process.env.AWS_CONFIG_FILE = nowhere;
  process.env.AWS_SHARED_CREDENTIALS_FILE = nowhere;
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  ec2 = await startFakeEc2();
  const fast = { endpoint: ec2.url, minIntervalMs: 5, maxIntervalMs: 10 };
  ({ text, provider: loaded } = await serializeProvider(new VpcEndpointReadyProvider({ ...fast, credentials: CREDENTIALS })));
  const LoadedClass = loaded.constructor as new (options: VpcEndpointReadyProviderOptions) => VpcEndpointReadyProvider;
  loadedWith = (options) => new LoadedClass({ ...fast, ...options });
});
afterAll(async () => {
  for (const k of awsEnv) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  await ec2.close();
});
beforeEach(() => {
  ec2.requests.length = 0;
  ec2.removeEndpoint(vpce);
  stderr = vi.spyOn(console, "error").mockImplementation(() => {});
  return () => stderr.mockRestore();
});

describe("the serialized text", () => {
  it("holds no part of the static credentials, yet the loaded provider signs with them in this process", async () => {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SESSION);
    expect(text).not.toContain(CREDENTIALS.accessKeyId);
    expect(text).toMatch(/require\("@aws-sdk\/client-ec2"\)/);

    ec2.setEndpoint(vpce, { steps: ["available"] });
    const { outs } = await loaded.create({ vpcEndpointId: vpce, region: "us-east-1" });
    expect(outs?.state).toBe("available");
    expect(ec2.requests.map((r) => r.accessKeyId)).toEqual(["AKIDSERIALIZED"]);
  });

  it("in a process that never held the credentials (the engine's provider host), fails saying why", async () => {
    const key = Symbol.for("crdb-private-endpoints.static-aws-credentials");
    const global = globalThis as unknown as Record<symbol, unknown>;
    const held = global[key];
    delete global[key];
    try {
      const err = await failureOf(loaded.create({ vpcEndpointId: vpce, region: "us-east-1" }));
      expect(err?.message).toMatch(/^VpcEndpointReadyProvider was given static credentials, and those exist only in the process/);
      expect(err?.message).toMatch(/never serialized into state/);
      expect(ec2.requests).toHaveLength(0);
    } finally {
      global[key] = held;
    }
  });
});

describe("errors from the serialized provider keep their message", () => {
  it("EC2 answering 403", async () => {
    ec2.setEndpoint(vpce, { steps: [{ fault: "unauthorized" }] });
    const err = await failureOf(loaded.create({ vpcEndpointId: vpce, region: "us-east-1" }));

    expect(err).toBeInstanceOf(Error);
    expect(err?.message).toMatch(
      new RegExp(
        `^AWS refused DescribeVpcEndpoints for ${vpce} in us-east-1: UnauthorizedOperation \\(HTTP 403\\): ` +
          `You are not authorized to perform this operation\\..*need the read-only permission ec2:DescribeVpcEndpoints`,
      ),
    );
    expect(String(err)).toBe(`Ec2CallError: ${err?.message}`);
    expect(ec2.requests).toHaveLength(1);
  });

  it("a 403 that echoes a secret: the secret is redacted", async () => {
    ec2.setUnauthorizedMessage(`The security token ${SESSION} with secret ${SECRET} is not valid`);
    try {
      ec2.setEndpoint(vpce, { steps: [{ fault: "unauthorized" }] });
      const err = await failureOf(loaded.create({ vpcEndpointId: vpce, region: "us-east-1" }));
      expect(err?.message).toMatch(/The security token \[redacted\] with secret \[redacted\] is not valid/);
      expect(err?.message).not.toContain(SECRET);
      expect(err?.message).not.toContain(SESSION);
    } finally {
      ec2.setUnauthorizedMessage("You are not authorized to perform this operation.");
    }
  });

  it("no credentials anywhere", async () => {
    ec2.setEndpoint(vpce, { steps: ["available"] });
    const err = await failureOf(loadedWith({}).create({ vpcEndpointId: vpce, region: "us-east-1" }));

    expect(err?.message).toMatch(
      new RegExp(`^AWS refused DescribeVpcEndpoints for ${vpce} in us-east-1: CredentialsProviderError: \\S.*default credentials`),
    );
    expect(err?.message).not.toMatch(/undefined|\[object Object\]/);
    expect(ec2.requests).toHaveLength(0);
  });

  it("no region anywhere", async () => {
    const err = await failureOf(loadedWith({}).create({ vpcEndpointId: vpce }));
    expect(err?.message).toMatch(
      /^no AWS region for the VPC endpoint wait \(\S.*\): set the region argument, stack config aws:region, or AWS_REGION$/,
    );
    expect(ec2.requests).toHaveLength(0);
  });

  it("throttling: progress names the error, then the wait converges", async () => {
    ec2.setEndpoint(vpce, { steps: [{ fault: "throttle" }, "available"] });
    const { outs } = await loaded.create({ vpcEndpointId: vpce, region: "us-east-1" });

    expect(outs?.state).toBe("available");
    expect(stderrLines()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^waiting for VPC endpoint ${vpce} in us-east-1 to be available: transient error: DescribeVpcEndpoints ` +
            `for ${vpce} in us-east-1 failed: RequestLimitExceeded \\(HTTP 503\\): Request limit exceeded\\. \\(\\d+s\\)$`,
        ),
      ),
    ]);
  });

  it("a request cut at the deadline: the timeout names it", async () => {
    ec2.setEndpoint(vpce, { steps: [{ fault: "hang" }] });
    const err = await failureOf(loadedWith({ credentials: CREDENTIALS, timeoutMs: 1500 }).create({ vpcEndpointId: vpce, region: "us-east-1" }));
    expect(err?.message).toMatch(
      /^timed out after \d+s waiting for VPC endpoint .* last status: transient error: .* got no answer within \d+ ms \(what was left of the wait\); request cut\. /,
    );
  });
});
