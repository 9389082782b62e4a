import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeCloud, type FakeCloudServer } from "../../../tools/fake-cloud";
import { awsZoneIdPrefix, defaultAwsZoneIds } from "../../../tools/fake-cloud/zones";
import { AWS_ADVANCED, AWS_STANDARD, GCP_ADVANCED, GCP_STANDARD, call, networkingPath } from "./helpers";

const T0 = 2_000_000;
let fake: FakeCloudServer;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
  fake = await startFakeCloud({
    clusters: [AWS_STANDARD, GCP_STANDARD, GCP_ADVANCED, { ...AWS_ADVANCED, failServiceCreateIn: "us-west-2" }],
    timing: { serviceCreateMs: 1_000 },
  });
});
afterEach(async () => {
  vi.useRealTimers();
  await fake.close();
});

const list = async (seed: typeof AWS_STANDARD) =>
  (await call(fake, "GET", networkingPath(seed, "private-endpoint-services"))).body.services;
const statuses = async (seed: typeof AWS_STANDARD) =>
  Object.fromEntries((await list(seed)).map((s: { region_name: string; status: string }) => [s.region_name, s.status]));

describe("serverless endpoint services", () => {
  it("exist from the start as AVAILABLE AWS services with AZ IDs and the aws detail block", async () => {
    const [service, ...rest] = await list(AWS_STANDARD);
    expect(rest).toEqual([]);
    expect(service).toMatchObject({
      region_name: "us-east-1",
      cloud_provider: "AWS",
      status: "AVAILABLE",
      availability_zone_ids: ["use1-az1", "use1-az2", "use1-az4"],
    });
    expect(service.endpoint_service_id).toMatch(/^vpce-svc-[0-9a-f]{17}$/);
    expect(service.name).toBe(`com.amazonaws.vpce.us-east-1.${service.endpoint_service_id}`);
    expect(service.aws).toEqual({
      service_name: service.name,
      service_id: service.endpoint_service_id,
      availability_zone_ids: service.availability_zone_ids,
    });
  });

  it("refuse a create POST with FAILED_PRECONDITION, and the POST is still counted", async () => {
    const result = await call(fake, "POST", networkingPath(AWS_STANDARD, "private-endpoint-services"));
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      code: 9,
      message: "private endpoint services are created automatically for serverless clusters",
      details: [],
    });
    expect(fake.serviceCreateCalls(AWS_STANDARD.id)).toBe(1);
    expect(fake.serviceCreateCalls(GCP_STANDARD.id)).toBe(0);
  });

  it("on GCP name a PSC service attachment and have no AZ IDs", async () => {
    const [service] = await list(GCP_STANDARD);
    expect(service.status).toBe("AVAILABLE");
    expect(service.name).toMatch(
      /^projects\/crl-prod-[0-9a-f]{6}\/regions\/us-central1\/serviceAttachments\/[a-z0-9-]+$/,
    );
    expect(service.endpoint_service_id).toBe(service.name);
    expect(service.availability_zone_ids).toEqual([]);
    expect(service.aws).toBeUndefined();
  });
});

describe("ADVANCED endpoint services", () => {
  it("do not exist until POSTed, then go CREATING -> AVAILABLE per region after serviceCreateMs", async () => {
    expect(await list(GCP_ADVANCED)).toEqual([]);

    const created = await call(fake, "POST", networkingPath(GCP_ADVANCED, "private-endpoint-services"));
    expect(created.status).toBe(200);
    expect(created.body.services.map((s: { status: string }) => s.status)).toEqual(["CREATING"]);

    vi.setSystemTime(T0 + 999);
    expect(await statuses(GCP_ADVANCED)).toEqual({ "us-east1": "CREATING" });
    vi.setSystemTime(T0 + 1_000);
    expect(await statuses(GCP_ADVANCED)).toEqual({ "us-east1": "AVAILABLE" });
  });

  it("on GCP leave the region's private_endpoint_dns empty until its service is AVAILABLE (AWS always report it)", async () => {
    const host = async (seed: typeof GCP_ADVANCED) =>
      (await call(fake, "GET", `/api/v1/clusters/${seed.id}`)).body.regions[0].private_endpoint_dns as string;
    expect(await host(GCP_ADVANCED)).toBe("");
    await call(fake, "POST", networkingPath(GCP_ADVANCED, "private-endpoint-services"));
    vi.setSystemTime(T0 + 999);
    expect(await host(GCP_ADVANCED)).toBe("");
    vi.setSystemTime(T0 + 1_000);
    expect(await host(GCP_ADVANCED)).toMatch(/^private-gcp-prod-[0-9a-f]{5}\.gcp-us-east1\.cockroachlabs\.cloud$/);
    expect(await host(GCP_STANDARD)).toMatch(/^private-gcp-std-/);
    expect(await host(AWS_ADVANCED)).toMatch(/^private-prod-/);
  });

  it("treat a repeated POST as a no-op that returns the current list, and count every POST", async () => {
    await call(fake, "POST", networkingPath(GCP_ADVANCED, "private-endpoint-services"));
    vi.setSystemTime(T0 + 600);
    const again = await call(fake, "POST", networkingPath(GCP_ADVANCED, "private-endpoint-services"));
    expect(again.body.services[0].status).toBe("CREATING");
    // The clock of the first POST still applies: the repeat did not restart the create.
    vi.setSystemTime(T0 + 1_000);
    expect(await statuses(GCP_ADVANCED)).toEqual({ "us-east1": "AVAILABLE" });
    const third = await call(fake, "POST", networkingPath(GCP_ADVANCED, "private-endpoint-services"));
    expect(third.body.services[0].status).toBe("AVAILABLE");
    expect(fake.serviceCreateCalls(GCP_ADVANCED.id)).toBe(3);
  });

  it("end in CREATE_FAILED in the region told to fail, and a later POST retries that region", async () => {
    await call(fake, "POST", networkingPath(AWS_ADVANCED, "private-endpoint-services"));
    expect(await statuses(AWS_ADVANCED)).toEqual({ "us-east-1": "CREATING", "us-west-2": "CREATING" });
    vi.setSystemTime(T0 + 1_000);
    expect(await statuses(AWS_ADVANCED)).toEqual({ "us-east-1": "AVAILABLE", "us-west-2": "CREATE_FAILED" });

    await call(fake, "POST", networkingPath(AWS_ADVANCED, "private-endpoint-services"));
    expect(await statuses(AWS_ADVANCED)).toEqual({ "us-east-1": "AVAILABLE", "us-west-2": "CREATING" });
    vi.setSystemTime(T0 + 2_000);
    expect(await statuses(AWS_ADVANCED)).toEqual({ "us-east-1": "AVAILABLE", "us-west-2": "AVAILABLE" });
    expect(fake.services(AWS_ADVANCED.id)).toEqual(await list(AWS_ADVANCED));
  });

  it("are AVAILABLE from the start when seeded with servicesExist, with seeded AZ IDs", async () => {
    fake.addCluster({
      id: "66666666-6666-4666-8666-666666666666",
      plan: "ADVANCED",
      cloudProvider: "AWS",
      regions: [{ name: "eu-central-1", availabilityZoneIds: ["euc1-az2", "euc1-az3"] }],
      servicesExist: true,
    });
    const services = fake.services("66666666-6666-4666-8666-666666666666");
    expect(services).toMatchObject([{ status: "AVAILABLE", availability_zone_ids: ["euc1-az2", "euc1-az3"] }]);
  });
});

describe("default AZ IDs", () => {
  it("follow AWS's AZ ID naming", () => {
    expect(defaultAwsZoneIds("us-west-2")).toEqual(["usw2-az1", "usw2-az2", "usw2-az3"]);
    expect(defaultAwsZoneIds("eu-west-1")).toEqual(["euw1-az1", "euw1-az2", "euw1-az3"]);
    expect(defaultAwsZoneIds("ap-southeast-2")).toEqual(["apse2-az1", "apse2-az2", "apse2-az3"]);
    expect(awsZoneIdPrefix("eu-central-1")).toBe("euc1");
    expect(awsZoneIdPrefix("ca-central-1")).toBe("cac1");
    expect(awsZoneIdPrefix("us-gov-west-1")).toBe("usgw1");
  });
});
