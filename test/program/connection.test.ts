// Connection outputs per region: the private host, the port, the secret connection string, and the CA that verifies
// the server (the cluster's own CA on Advanced, fetched and checked once; the system trust store otherwise).
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runProgram } from "../../program";
import type { RegionOutputs } from "../../program";
import { checkedCaPem, connectionString, fetchClusterCaFromApi, sslRootCertPath } from "../../program/connection";
import { startFakeCloud, type FakeCloud } from "../../tools/fake-cloud";
import { FAKE_CLUSTER_CA_PEM } from "../../tools/fake-cloud/cert";
import { waitForRegistrations } from "../../tools/mocks/pulumiInternals";
import { CLUSTER_ID, awsCluster, fakeLookups } from "../components/aws/support/fixtures";
import { type MockWorld, setUpMocks, valueOf } from "../components/aws/support/mocks";
import { withWorld } from "./badConfigCases";
import { stackConfig } from "./support";

const HOST = "internal-orders-abc12.aws-us-east-1.cockroachlabs.cloud";
const advanced = () => withWorld((w) => (w.clusters[0] = awsCluster(undefined, { plan: "ADVANCED" })));

let world: MockWorld;
beforeAll(async () => {
  world = await setUpMocks();
});
beforeEach(() => world.reset());

describe("connection outputs of a Standard cluster", () => {
  it("give host, port, the system trust store and a secret verify-full connection string", async () => {
    const outputs = await runProgram({
      config: stackConfig({ connection: { user: "app", database: "orders", os: "redhat" } }),
      lookups: fakeLookups(),
      env: {},
      clusterCa: async () => Promise.reject(new Error("a Standard cluster needs no cluster CA")),
    });
    const region = outputs.regions["us-east-1"] as RegionOutputs;
    expect(await valueOf(region.privateSqlHost)).toBe(HOST);
    expect(region.sqlPort).toBe(26257);
    expect(region.sslRootCert).toBe("/etc/pki/tls/certs/ca-bundle.crt");
    expect(await pulumi.isSecret(region.connectionString)).toBe(true);
    expect(await valueOf(region.connectionString)).toBe(
      `postgresql://app@${HOST}:26257/orders?sslmode=verify-full&sslrootcert=/etc/pki/tls/certs/ca-bundle.crt`,
    );
    expect(region.caCert).toBeUndefined();
    await waitForRegistrations();
  });

  it("use the region's port, defaultdb and Debian's trust store by default", async () => {
    const outputs = await runProgram({ config: stackConfig({ port: 26000 }), lookups: fakeLookups(), env: {} });
    const region = outputs.regions["us-east-1"] as RegionOutputs;
    expect(await valueOf(region.connectionString)).toBe(
      `postgresql://${HOST}:26000/defaultdb?sslmode=verify-full&sslrootcert=/etc/ssl/certs/ca-certificates.crt`,
    );
    await waitForRegistrations();
  });
});

describe("connection outputs of an Advanced cluster", () => {
  it("fetch the cluster CA once for all regions, check it, and point the connection string at its file", async () => {
    const fetched: string[] = [];
    const outputs = await runProgram({
      config: stackConfig({ regions: [{ region: "us-east-1" }, { region: "us-west-2", vpc: { cidrBlock: "10.41.0.0/16" } }] }),
      lookups: advanced(),
      env: {},
      clusterCa: async (id) => (fetched.push(id), FAKE_CLUSTER_CA_PEM),
    });
    for (const region of ["us-east-1", "us-west-2"]) {
      const out = outputs.regions[region] as RegionOutputs;
      expect(out.sslRootCert).toBe("orders-ca.crt");
      expect(await valueOf(out.caCert!)).toBe(FAKE_CLUSTER_CA_PEM);
      expect(await valueOf(out.connectionString)).toMatch(/\?sslmode=verify-full&sslrootcert=orders-ca\.crt$/);
    }
    expect(fetched).toEqual([CLUSTER_ID]);
    await waitForRegistrations();
  });

  it("keep an sslRootCert override and still give the CA to save there", async () => {
    const outputs = await runProgram({
      config: stackConfig({ connection: { sslRootCert: "/etc/crdb/orders-ca.crt" } }),
      lookups: advanced(),
      env: {},
      clusterCa: async () => FAKE_CLUSTER_CA_PEM,
    });
    const region = outputs.regions["us-east-1"] as RegionOutputs;
    expect(region.sslRootCert).toBe("/etc/crdb/orders-ca.crt");
    expect(await valueOf(region.caCert!)).toBe(FAKE_CLUSTER_CA_PEM);
    await waitForRegistrations();
  });
});

describe("checking the CA the API returns", () => {
  it("accepts one PEM CA certificate", () => {
    expect(checkedCaPem(CLUSTER_ID, `\n${FAKE_CLUSTER_CA_PEM}\n`)).toBe(FAKE_CLUSTER_CA_PEM);
  });

  it.each([
    ["an HTML error page", "<html><body>Service Unavailable</body></html>", /no PEM certificate block/],
    ["an empty answer", "", /no PEM certificate block/],
    ["a damaged certificate", FAKE_CLUSTER_CA_PEM.replace(/MIIB/, "AAAA"), /did not return the cluster's CA certificate/],
  ])("refuses %s, naming the cluster and what came back", (_, text, reason) => {
    expect(() => checkedCaPem(CLUSTER_ID, text)).toThrow(reason);
    expect(() => checkedCaPem(CLUSTER_ID, text)).toThrow(`GET /clusters/${CLUSTER_ID}/cert`);
  });

  describe("from the fake Cloud API over HTTP", () => {
    let cloud: FakeCloud;
    const saved = process.env.COCKROACH_SERVER;
    beforeAll(async () => {
      cloud = await startFakeCloud({
        clusters: [{ id: CLUSTER_ID, name: "orders", plan: "ADVANCED", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] }],
      });
      process.env.COCKROACH_SERVER = cloud.url;
    });
    afterAll(async () => {
      if (saved === undefined) delete process.env.COCKROACH_SERVER;
      else process.env.COCKROACH_SERVER = saved;
      await cloud.close();
    });

    it("fetches the PEM unauthenticated from /clusters/{id}/cert, and it passes the check", async () => {
      const pem = await fetchClusterCaFromApi(CLUSTER_ID);
      expect(checkedCaPem(CLUSTER_ID, pem)).toBe(FAKE_CLUSTER_CA_PEM);
      const request = cloud.requests.at(-1)!;
      expect(request.path).toBe(`/clusters/${CLUSTER_ID}/cert`);
    });
  });
});

describe("connection string and CA path", () => {
  it("percent-encodes user and database", () => {
    expect(connectionString("h", 26257, "/ca.pem", { user: "app.ro", database: "my-db" })).toBe(
      "postgresql://app.ro@h:26257/my-db?sslmode=verify-full&sslrootcert=/ca.pem",
    );
  });

  it.each([
    ["macos", "/etc/ssl/cert.pem"],
    ["alpine", "/etc/ssl/cert.pem"],
    ["debian", "/etc/ssl/certs/ca-certificates.crt"],
    ["ubuntu", "/etc/ssl/certs/ca-certificates.crt"],
    ["arch", "/etc/ssl/certs/ca-certificates.crt"],
    ["redhat", "/etc/pki/tls/certs/ca-bundle.crt"],
    ["fedora", "/etc/pki/tls/certs/ca-bundle.crt"],
    ["centos", "/etc/pki/tls/certs/ca-bundle.crt"],
    ["opensuse", "/etc/ssl/ca-bundle.pem"],
    ["windows", "isrgrootx1.pem"],
  ])("system trust store on %s: %s", (os, path) => {
    expect(sslRootCertPath({ plan: "STANDARD", name: "orders" }, { os })).toBe(path);
    expect(sslRootCertPath({ plan: "BASIC", name: "orders" }, { os })).toBe(path);
    expect(sslRootCertPath({ plan: "ADVANCED", name: "orders" }, { os })).toBe("orders-ca.crt");
  });
});
