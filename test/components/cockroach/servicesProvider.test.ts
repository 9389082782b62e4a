// PrivateEndpointServicesProvider against the fake: per plan and cloud, the create-only-on-Advanced rule, and waits.
import { describe, expect, it } from "vitest";
import { CockroachCloudClient } from "../../../components/cockroach/api/client";
import { PrivateEndpointServicesProvider } from "../../../components/cockroach/providers/privateEndpointServicesProvider";
import { API_KEY, CLUSTERS, FAST, rejectionOf, requestsTo, startFake, until } from "./support";

const provider = new PrivateEndpointServicesProvider(FAST);
const SERVICES_PATH = "/networking/private-endpoint-services";

describe("PrivateEndpointServicesProvider.create", () => {
  it("STANDARD on AWS: lists the built-in services, never POSTs, maps them like the pulumiverse SDK", async () => {
    const fake = await startFake({
      clusters: [{ id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }, { name: "eu-west-1" }] }],
    });
    const { id, outs } = await provider.create({ clusterId: CLUSTERS.standardAws });
    expect(id).toBe(CLUSTERS.standardAws);
    expect(fake.serviceCreateCalls(CLUSTERS.standardAws)).toBe(0);
    expect(requestsTo(fake, "POST", SERVICES_PATH)).toHaveLength(0);
    expect(outs).toMatchObject({ clusterId: CLUSTERS.standardAws, cloudProvider: "AWS", plan: "STANDARD" });
    expect(Object.keys(outs!.servicesMap).sort()).toEqual(["eu-west-1", "us-east-1"]);
    const east = outs!.servicesMap["us-east-1"]!;
    expect(east).toMatchObject({ regionName: "us-east-1", cloudProvider: "AWS", status: "AVAILABLE" });
    expect(east.name).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
    expect(east.endpointServiceId).toMatch(/^vpce-svc-/);
    expect(east.availabilityZoneIds.length).toBeGreaterThan(0);
    expect(east.aws).toEqual({ serviceName: east.name, serviceId: east.endpointServiceId, availabilityZoneIds: east.availabilityZoneIds });
    expect(outs!.services).toHaveLength(2);
  });

  it("BASIC on GCP: never POSTs, services carry no aws block", async () => {
    const fake = await startFake({
      clusters: [{ id: CLUSTERS.basicGcp, plan: "BASIC", cloudProvider: "GCP", regions: [{ name: "us-central1" }] }],
    });
    const { outs } = await provider.create({ clusterId: CLUSTERS.basicGcp });
    expect(fake.serviceCreateCalls(CLUSTERS.basicGcp)).toBe(0);
    expect(outs!.servicesMap["us-central1"]).toMatchObject({ cloudProvider: "GCP", status: "AVAILABLE" });
    expect(outs!.servicesMap["us-central1"]!.aws).toBeUndefined();
  });

  it("BASIC or STANDARD listing no service for a region: fails after a few observations with the reason, not at the deadline", async () => {
    const fake = await startFake({
      clusters: [
        { id: CLUSTERS.basicGcp, plan: "BASIC", cloudProvider: "GCP", regions: [{ name: "us-central1" }], servicesExist: false },
        { id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }, { name: "eu-west-1" }], servicesExist: false },
      ],
    });
    // The wait limit is an hour, as by default: the failure comes from the grace of three observations, or the test
    // would time out.
    const patient = new PrivateEndpointServicesProvider({ ...FAST, waitTimeoutMs: 60 * 60 * 1000 });
    const [basic, standard] = await Promise.all([
      rejectionOf(patient.create({ clusterId: CLUSTERS.basicGcp })),
      rejectionOf(patient.create({ clusterId: CLUSTERS.standardAws })),
    ]);
    expect(basic.message).toBe(
      `Cluster ${CLUSTERS.basicGcp} lists no private endpoint service in region us-central1: CockroachDB Basic has no ` +
        `private connectivity (private endpoints are available on Standard and Advanced).`,
    );
    expect(standard.message).toBe(
      `Cluster ${CLUSTERS.standardAws} lists no private endpoint service in regions us-east-1, eu-west-1. Endpoint ` +
        `services are built in on Standard (nothing creates them), so this is unexpected: contact Cockroach Labs support.`,
    );
    // A short grace of three observations each, and never a create call (it errors on these plans).
    for (const id of [CLUSTERS.basicGcp, CLUSTERS.standardAws]) {
      expect(requestsTo(fake, "GET", `${id}${SERVICES_PATH}`)).toHaveLength(3);
    }
    expect(requestsTo(fake, "POST", SERVICES_PATH)).toHaveLength(0);
  });

  it("ADVANCED: POSTs once and waits through CREATING until every region is AVAILABLE", async () => {
    const fake = await startFake({
      clusters: [{ id: CLUSTERS.advancedAws, plan: "ADVANCED", cloudProvider: "AWS", regions: [{ name: "us-east-1" }, { name: "us-west-2" }] }],
      timing: { serviceCreateMs: 250 },
    });
    const { outs } = await provider.create({ clusterId: CLUSTERS.advancedAws });
    expect(fake.serviceCreateCalls(CLUSTERS.advancedAws)).toBe(1);
    expect(outs!.services.map((s) => [s.regionName, s.status]).sort()).toEqual([
      ["us-east-1", "AVAILABLE"],
      ["us-west-2", "AVAILABLE"],
    ]);
    // Observed while still CREATING, i.e. it really waited rather than returning the POST's answer.
    expect(requestsTo(fake, "GET", SERVICES_PATH).length).toBeGreaterThan(2);
  });

  it("ADVANCED on GCP whose services already exist: no POST", async () => {
    const fake = await startFake({
      clusters: [{ id: CLUSTERS.advancedGcp, plan: "ADVANCED", cloudProvider: "GCP", regions: [{ name: "us-east4" }], servicesExist: true }],
    });
    const { outs } = await provider.create({ clusterId: CLUSTERS.advancedGcp });
    expect(fake.serviceCreateCalls(CLUSTERS.advancedGcp)).toBe(0);
    expect(outs).toMatchObject({ plan: "ADVANCED", cloudProvider: "GCP" });
  });

  it("ADVANCED on GCP: after the services are AVAILABLE, reads each region's private endpoint host (empty before)", async () => {
    const fake = await startFake({
      clusters: [{ id: CLUSTERS.advancedGcp, plan: "ADVANCED", cloudProvider: "GCP", regions: [{ name: "us-east4" }, { name: "us-central1" }] }],
      timing: { serviceCreateMs: 150 },
    });
    const before = await new CockroachCloudClient({ server: fake.url, apiKey: API_KEY }).getCluster(CLUSTERS.advancedGcp);
    expect(before.regions?.map((r) => r.private_endpoint_dns)).toEqual(["", ""]);
    const { outs } = await provider.create({ clusterId: CLUSTERS.advancedGcp });
    expect(Object.keys(outs!.privateEndpointDns ?? {}).sort()).toEqual(["us-central1", "us-east4"]);
    expect(outs!.privateEndpointDns!["us-east4"]).toMatch(/^private-[a-z0-9-]+\.gcp-us-east4\.cockroachlabs\.cloud$/);
    // The host was read from a GET of the cluster made after the POST, not from the one taken before it.
    const clusterGets = requestsTo(fake, "GET", CLUSTERS.advancedGcp);
    const post = requestsTo(fake, "POST", SERVICES_PATH)[0]!;
    expect(clusterGets.at(-1)!.at).toBeGreaterThanOrEqual(post.at);
  });

  it("on AWS reports no private endpoint hosts (the field is GCP's)", async () => {
    await startFake({ clusters: [{ id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] }] });
    const { outs } = await provider.create({ clusterId: CLUSTERS.standardAws });
    expect(outs).not.toHaveProperty("privateEndpointDns");
  });

  it("ADVANCED: a CREATE_FAILED region fails with a clear error naming the region; the next update retries", async () => {
    const fake = await startFake({
      clusters: [
        {
          id: CLUSTERS.advancedAws,
          plan: "ADVANCED",
          cloudProvider: "AWS",
          regions: [{ name: "us-east-1" }, { name: "ap-south-1" }],
          failServiceCreateIn: "ap-south-1",
        },
      ],
      timing: { serviceCreateMs: 60 },
    });
    const err = await rejectionOf(provider.create({ clusterId: CLUSTERS.advancedAws }));
    expect(err.message).toMatch(/private endpoint service of cluster 3{8}-.* in region ap-south-1 failed to create \(CREATE_FAILED\)\. Run the update again/);
    // The next update asks again, which restarts the failed service.
    const { outs } = await provider.create({ clusterId: CLUSTERS.advancedAws });
    expect(outs?.servicesMap["ap-south-1"]?.status).toBe("AVAILABLE");
    expect(fake.serviceCreateCalls(CLUSTERS.advancedAws)).toBe(2);
  });

  it("times out naming what it waited for and the last status", async () => {
    await startFake({
      clusters: [{ id: CLUSTERS.advancedAws, plan: "ADVANCED", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] }],
      timing: { serviceCreateMs: 60_000 },
    });
    const impatient = new PrivateEndpointServicesProvider({ ...FAST, waitTimeoutMs: 1000 });
    const err = await rejectionOf(impatient.create({ clusterId: CLUSTERS.advancedAws }));
    expect(err.message).toMatch(
      /timed out after \d+s waiting for the private endpoint services of cluster 3{8}-.* to be AVAILABLE in us-east-1; last status: us-east-1: CREATING/,
    );
  });

  it("waits for a cluster that is still being created before creating its services", async () => {
    const fake = await startFake({
      clusters: [{ id: CLUSTERS.advancedAws, plan: "ADVANCED", cloudProvider: "AWS", regions: [{ name: "us-east-1" }], state: "CREATING" }],
      timing: { serviceCreateMs: 50 },
    });
    const creating = provider.create({ clusterId: CLUSTERS.advancedAws });
    // CREATED once the provider has seen the cluster CREATING twice (it is waiting), not after a fixed delay.
    await until(() => requestsTo(fake, "GET", `/clusters/${CLUSTERS.advancedAws}`).length >= 2);
    fake.setClusterState(CLUSTERS.advancedAws, "CREATED");
    const { outs } = await creating;
    expect(outs?.servicesMap["us-east-1"]?.status).toBe("AVAILABLE");
    // The one POST came once the cluster was CREATED, so it was accepted.
    expect(requestsTo(fake, "POST", SERVICES_PATH).map((r) => r.status)).toEqual([200]);
  });

  it("fails clearly for a cluster that failed to create", async () => {
    await startFake({
      clusters: [{ id: CLUSTERS.advancedAws, plan: "ADVANCED", cloudProvider: "AWS", regions: [{ name: "us-east-1" }], state: "CREATION_FAILED" }],
    });
    const err = await rejectionOf(provider.create({ clusterId: CLUSTERS.advancedAws }));
    expect(err.message).toMatch(/Cluster 3{8}-.* is CREATION_FAILED; private endpoint services need a CREATED cluster/);
  });

  it("fails clearly for a cluster that does not exist", async () => {
    await startFake();
    const err = await rejectionOf(provider.create({ clusterId: CLUSTERS.missing }));
    expect(err.message).toMatch(/GetCluster \(cluster 9{8}-.*\) failed: HTTP 404 NOT_FOUND.*Not found: cluster/);
  });
});

describe("PrivateEndpointServicesProvider read, delete, diff", () => {
  it("reads the services; a cluster the API answers 404 for is an error naming it, not \"gone\"", async () => {
    await startFake({
      clusters: [{ id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] }],
    });
    const read = await provider.read(CLUSTERS.standardAws);
    expect(read.id).toBe(CLUSTERS.standardAws);
    expect(read.props?.servicesMap["us-east-1"]?.status).toBe("AVAILABLE");
    expect(read.inputs).toEqual({ clusterId: CLUSTERS.standardAws });
    const err = await rejectionOf(provider.read(CLUSTERS.missing));
    expect(err.message).toMatch(/^CockroachDB Cloud API GetCluster \(cluster 9{8}-.*\) failed: HTTP 404 NOT_FOUND.*Not found: cluster 9{8}-.*pulumi state delete/);
  });

  it("delete only drops it from state (no API call), with a warning", async () => {
    const fake = await startFake();
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => lines.push(line);
    try {
      await new PrivateEndpointServicesProvider({ ...FAST, silent: false }).delete(CLUSTERS.standardAws, {
        clusterId: CLUSTERS.standardAws,
      } as never);
    } finally {
      console.error = original;
    }
    expect(fake.requests).toHaveLength(0);
    expect(lines.join("\n")).toMatch(/cannot be deleted/);
  });

  it("replaces on a cluster change only", async () => {
    const olds = { clusterId: CLUSTERS.standardAws } as never;
    expect(await provider.diff("x", olds, { clusterId: CLUSTERS.standardAws })).toEqual({ changes: false, replaces: [] });
    expect(await provider.diff("x", olds, { clusterId: CLUSTERS.advancedAws })).toEqual({ changes: true, replaces: ["clusterId"] });
  });
});
