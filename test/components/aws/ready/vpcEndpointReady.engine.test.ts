// VpcEndpointReady as the Pulumi engine sees it: registered from the program (under mocks), and the provider run from
// its serialized text with credentials from the environment. One file, so @pulumi/pulumi loads once.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { VpcEndpointReady, VpcEndpointReadyProvider } from "../../../../components/aws/ready/vpcEndpointReady";
import { startFakeEc2, type FakeEc2 } from "../../../support/fakeEc2";
import { serializeProvider } from "../../../support/serialized";

const vpce = "vpce-0123456789abcdef0";

describe("registration under mocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  const promiseOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          const region = args.inputs.region ?? "us-east-1";
          return { id: `${args.name}_id`, state: { ...args.inputs, region, state: "available" } };
        },
        call: (args) => args.inputs,
      },
      "crdb-private-endpoints",
      "test",
      false,
    );
  });

  it("registers as pulumi-nodejs:dynamic/aws:VpcEndpointReady with its inputs and a serialized provider", async () => {
    const ready = new VpcEndpointReady("use1-ready", {
      vpcEndpointId: pulumi.output(vpce),
      region: "us-east-1",
      timeoutMinutes: 15,
    });

    // Outputs are `declare`d: class fields would overwrite them with undefined after super().
    expect(await promiseOf(ready.state)).toBe("available");
    expect(await promiseOf(ready.vpcEndpointId)).toBe(vpce);
    const [args] = registered.filter((r) => r.name === "use1-ready");
    expect(args).toMatchObject({
      type: "pulumi-nodejs:dynamic/aws:VpcEndpointReady",
      custom: true,
      inputs: { vpcEndpointId: vpce, region: "us-east-1", timeoutMinutes: 15 },
    });
    expect(Object.keys(args!.inputs).sort()).toEqual(["__provider", "region", "timeoutMinutes", "vpcEndpointId"]);
    expect(args!.inputs.__provider).toMatch(/require\("@aws-sdk\/client-ec2"\)/);
  });

  it("leaves region and timeout unset when not given, for the provider to resolve", async () => {
    const ready = new VpcEndpointReady("default-region", { vpcEndpointId: vpce });
    expect(await promiseOf(ready.region)).toBe("us-east-1");
    const [args] = registered.filter((r) => r.name === "default-region");
    expect(args!.inputs).not.toHaveProperty("region");
    expect(args!.inputs).not.toHaveProperty("timeoutMinutes");
  });

  it("rejects plain invalid values in the constructor, before anything is registered", () => {
    const before = registered.length;
    expect(() => new VpcEndpointReady("bad", { vpcEndpointId: "vpc-123", timeoutMinutes: 500 })).toThrow(
      /^VpcEndpointReady bad: vpcEndpointId "vpc-123" is not a VPC endpoint ID.*; timeoutMinutes 500 is not allowed/,
    );
    expect(registered.length).toBe(before);
  });
});

describe("serialized provider", () => {
  const secretAtSerialization = "sEcReT-at-serialization-7f3a9c1e5b";
  const keyIdAtSerialization = "AKIDATSERIALIZATION";
  const awsEnv = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
  ] as const;
  const savedEnv = Object.fromEntries(awsEnv.map((k) => [k, process.env[k]]));
  let ec2: FakeEc2;

  beforeAll(async () => {
    ec2 = await startFakeEc2();
    for (const k of awsEnv) delete process.env[k];
  });
  afterAll(async () => {
    for (const k of awsEnv) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    await ec2.close();
  });

  it("runs create from its text, reading credentials and config when it runs and capturing none", async () => {
    // A provider that read credentials at load or construction would carry these into its text.
    process.env.AWS_ACCESS_KEY_ID = keyIdAtSerialization;
    process.env.AWS_SECRET_ACCESS_KEY = secretAtSerialization;
    const { text, provider } = await serializeProvider(
      new VpcEndpointReadyProvider({ endpoint: ec2.url, minIntervalMs: 5, maxIntervalMs: 10 }),
    );

    expect(text).not.toContain(secretAtSerialization);
    expect(text).not.toContain(keyIdAtSerialization);
    expect(text).toMatch(/require\("@aws-sdk\/client-ec2"\)/);

    // Rotated after serialization: the serialized provider must use what the environment holds now.
    process.env.AWS_ACCESS_KEY_ID = "AKIDATRUNTIME";
    process.env.AWS_SECRET_ACCESS_KEY = "sEcReT-at-runtime";
    ec2.setEndpoint(vpce, { steps: ["pending", "available"], privateDnsEnabled: true });
    const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await provider.configure!({ config: { get: (k) => ({ "aws:region": "ap-southeast-2" })[k], require: () => "" } });
      const result = await provider.create({ vpcEndpointId: vpce });

      expect(result).toEqual({
        id: vpce,
        outs: {
          vpcEndpointId: vpce,
          region: "ap-southeast-2",
          state: "available",
          dnsEntries: [],
          privateDnsEnabled: true,
        },
      });
      expect(ec2.requests.map((r) => [r.accessKeyId, r.signedRegion])).toEqual([
        ["AKIDATRUNTIME", "ap-southeast-2"],
        ["AKIDATRUNTIME", "ap-southeast-2"],
      ]);
      // Progress goes to the provider process's stderr by default, naming the endpoint and the state.
      expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
        expect.stringMatching(new RegExp(`${vpce} in ap-southeast-2 .*: pending`)),
      ]);
    } finally {
      stderr.mockRestore();
    }
  });
});
