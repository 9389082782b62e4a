import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeCloud, type FakeCloudServer } from "../../../tools/fake-cloud";
import {
  ALL_SEEDS,
  AWS_ADVANCED,
  AWS_BASIC,
  AWS_STANDARD,
  GCP_ADVANCED,
  call,
  clusterPath,
  networkingPath,
  startWithAllClusters,
} from "./helpers";

let fake: FakeCloudServer;
beforeEach(async () => {
  fake = await startWithAllClusters();
});
afterEach(async () => {
  vi.useRealTimers();
  await fake.close();
});

describe("GET cluster", () => {
  it("describes a STANDARD AWS cluster with a serverless config and deterministic DNS names", async () => {
    const { status, body } = await call(fake, "GET", clusterPath(AWS_STANDARD));

    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: AWS_STANDARD.id,
      name: "demo",
      plan: "STANDARD",
      cloud_provider: "AWS",
      state: "CREATED",
      upgrade_status: "FINALIZED",
      operation_status: "UNSPECIFIED",
      cidr_range: "",
      labels: {},
      network_visibility: "PUBLIC",
      config: { serverless: { upgrade_type: "AUTOMATIC", usage_limits: { provisioned_virtual_cpus: "2" } } },
    });
    expect(body.config.dedicated).toBeUndefined();
    expect(body.config.serverless.routing_id).toEqual(expect.any(String));
    expect(body.account_id).toMatch(/^\d{12}$/);
    expect(body.cockroach_version).toMatch(/^v\d+\.\d+\.\d+$/);
    const [region] = body.regions;
    expect(region.name).toBe("us-east-1");
    expect(region.node_count).toBe(0);
    expect(region.primary).toBe(true);
    expect(region.sql_dns).toMatch(/^demo-[0-9a-f]{5}\.aws-us-east-1\.cockroachlabs\.cloud$/);
    expect(region.internal_dns).toBe(`internal-${region.sql_dns}`);
    expect(region.private_endpoint_dns).toBe(`private-${region.sql_dns}`);
    expect(body.sql_dns).toBe(region.sql_dns);
  });

  it("describes ADVANCED clusters with a dedicated config, nodes per region, and a CIDR only on GCP", async () => {
    const aws = (await call(fake, "GET", clusterPath(AWS_ADVANCED))).body;
    const gcp = (await call(fake, "GET", clusterPath(GCP_ADVANCED))).body;

    expect(aws.config.serverless).toBeUndefined();
    expect(aws.config.dedicated).toMatchObject({ machine_type: "m6i.xlarge", num_virtual_cpus: 4, disk_iops: 3000 });
    expect(aws.config.dedicated.storage_gib).toBeGreaterThan(0);
    expect(aws.config.dedicated.memory_gib).toBeGreaterThan(0);
    expect(aws.cidr_range).toBe("");
    expect(aws.regions.map((r: { name: string }) => r.name)).toEqual(["us-east-1", "us-west-2"]);
    expect(aws.regions.every((r: { node_count: number }) => r.node_count === 3)).toBe(true);
    expect(aws.regions[1].sql_dns).toMatch(/^prod-[0-9a-f]{5}\.aws-us-west-2\.cockroachlabs\.cloud$/);
    expect(aws.regions[0].ui_dns).toMatch(/^admin-prod-/);

    expect(gcp.cloud_provider).toBe("GCP");
    expect(gcp.cidr_range).toBe("172.28.0.0/14");
    expect(gcp.config.dedicated.machine_type).toBe("n2-standard-4");
    expect(gcp.account_id).toMatch(/^crl-prod-[0-9a-f]{6}$/);
    expect(gcp.regions[0].sql_dns).toMatch(/\.gcp-us-east1\.cockroachlabs\.cloud$/);
  });

  it("gives every cluster the same object in every run", async () => {
    const other = await startFakeCloud({ clusters: ALL_SEEDS });
    try {
      for (const seed of ALL_SEEDS) {
        const fromOther = await call(other, "GET", clusterPath(seed));
        expect(fromOther.body).toEqual((await call(fake, "GET", clusterPath(seed))).body);
      }
      expect(fake.cluster(AWS_BASIC.id)).toEqual((await call(fake, "GET", clusterPath(AWS_BASIC))).body);
    } finally {
      await other.close();
    }
  });

  it("answers 404 naming an unknown cluster", async () => {
    const id = "99999999-9999-4999-8999-999999999999";
    const { status, body } = await call(fake, "GET", `/api/v1/clusters/${id}`);
    expect(status).toBe(404);
    expect(body).toEqual({ code: 5, message: `cluster ${id} not found`, details: [] });
  });
});

describe("connection string and CA certificate", () => {
  it("returns the public host with capitalised params", async () => {
    const cluster = fake.cluster(AWS_STANDARD.id) as { sql_dns: string };
    const { status, body } = await call(
      fake,
      "GET",
      clusterPath(AWS_STANDARD, "/connection-string?database=app&sql_user=maxroach&os=LINUX"),
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      connection_string: `postgresql://maxroach@${cluster.sql_dns}:26257/app?sslmode=verify-full`,
      params: { Host: cluster.sql_dns, Port: "26257", Database: "app", Username: "maxroach" },
    });
    const badOs = await call(fake, "GET", clusterPath(AWS_STANDARD, "/connection-string?os=AMIGA"));
    expect(badOs.status).toBe(400);
  });

  it("serves the CA certificate as PEM outside /api/v1, without authentication", async () => {
    const response = await fetch(`${fake.url}/clusters/${AWS_ADVANCED.id}/cert`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(text).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    expect((await fetch(`${fake.url}/clusters/not-a-cluster/cert`)).status).toBe(404);
  });
});

describe("LOCKED clusters", () => {
  it("refuse mutations with 409 'cluster lock is held' while reads work, until the lock is released", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_000_000);
    fake.setClusterState(AWS_STANDARD.id, "LOCKED", 5_000);
    const entry = { cidr_ip: "10.0.0.0", cidr_mask: 8, ui: true, sql: true };

    expect((await call(fake, "GET", clusterPath(AWS_STANDARD))).body.state).toBe("LOCKED");
    const refused = await call(fake, "POST", networkingPath(AWS_STANDARD, "allowlist"), { body: entry });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      code: 9,
      message: "cluster lock is held: an exclusive operation is being performed on this cluster",
      details: [],
    });
    const refusedConnection = await call(fake, "POST", networkingPath(AWS_STANDARD, "private-endpoint-connections"), {
      body: { endpoint_id: "vpce-0123456789abcdef0" },
    });
    expect(refusedConnection.status).toBe(409);
    expect((await call(fake, "GET", networkingPath(AWS_STANDARD, "allowlist"))).status).toBe(200);
    expect(fake.allowlist(AWS_STANDARD.id)).toEqual([]);
    expect(fake.connections(AWS_STANDARD.id)).toEqual([]);

    vi.setSystemTime(1_005_000);
    expect((await call(fake, "GET", clusterPath(AWS_STANDARD))).body.state).toBe("CREATED");
    expect((await call(fake, "POST", networkingPath(AWS_STANDARD, "allowlist"), { body: entry })).status).toBe(200);
  });

  it("stay LOCKED without a deadline until set back to CREATED", async () => {
    fake.setClusterState(AWS_ADVANCED.id, "LOCKED");
    expect((await call(fake, "POST", networkingPath(AWS_ADVANCED, "private-endpoint-services"))).status).toBe(409);
    fake.setClusterState(AWS_ADVANCED.id, "CREATED");
    expect((await call(fake, "POST", networkingPath(AWS_ADVANCED, "private-endpoint-services"))).status).toBe(200);
  });

  it("refuse mutations on clusters that are not CREATED with FAILED_PRECONDITION", async () => {
    fake.setClusterState(AWS_ADVANCED.id, "CREATING");
    const result = await call(fake, "POST", networkingPath(AWS_ADVANCED, "private-endpoint-services"));
    expect(result.status).toBe(400);
    expect(result.body.code).toBe(9);
  });
});
