// The providers as the engine runs them: serialized to text (as stored in state under __provider), loaded from that
// text, and driven against the fake. The API key must appear nowhere: not in the text, outputs or errors.
import { beforeAll, describe, expect, it } from "vitest";
import { serializeProvider } from "../../support/serialized";
import { pollUntil, type WaitTimeoutError } from "../../../components/core/poll";
import { AllowListProvider } from "../../../components/cockroach/providers/allowListProvider";
import { PrivateEndpointConnectionProvider } from "../../../components/cockroach/providers/privateEndpointConnectionProvider";
import { PrivateEndpointServicesProvider } from "../../../components/cockroach/providers/privateEndpointServicesProvider";
import { PrivateEndpointTrustedOwnerProvider } from "../../../components/cockroach/providers/privateEndpointTrustedOwnerProvider";
import type { FakeClusterSeed } from "../../../tools/fake-cloud";
import type { ProviderTuning } from "../../../components/cockroach/providers/tuning";
import { CLUSTERS, FAST, rejectionOf, startFake, until } from "./support";

const CANARY_KEY = "CCDB1_serialization-canary-5f1e0c2d9b";
const ADVANCED: FakeClusterSeed = { id: CLUSTERS.advancedAws, plan: "ADVANCED", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] };
const STANDARD: FakeClusterSeed = { id: CLUSTERS.standardAws, plan: "STANDARD", cloudProvider: "AWS", regions: [{ name: "us-east-1" }] };
const ENDPOINT = "vpce-0feedbeef0000c0de";

type Loaded = {
  services: PrivateEndpointServicesProvider;
  connection: PrivateEndpointConnectionProvider;
  owner: PrivateEndpointTrustedOwnerProvider;
  allowList: AllowListProvider;
};
const { rateLimit: _unlimited, ...DEFAULT_LIMIT } = FAST;
const texts: Record<string, string> = {};
const loaded = {} as Loaded;

/** One serialization per provider class: each takes ~200 ms, and other tunings are built from the loaded code. */
async function serializeAll(): Promise<void> {
  const instances = {
    services: new PrivateEndpointServicesProvider(FAST),
    connection: new PrivateEndpointConnectionProvider(FAST),
    owner: new PrivateEndpointTrustedOwnerProvider(FAST),
    allowList: new AllowListProvider(FAST),
  };
  // Concurrently: much of a serialization is waiting for the inspector's answers, which overlap.
  await Promise.all(
    Object.entries(instances).map(async ([name, instance]) => {
      const { text, provider } = await serializeProvider(instance);
      texts[name] = text;
      (loaded as Record<string, unknown>)[name] = provider;
    }),
  );
}

/** A fresh provider from stored text, as the engine's provider host loads it (no new serialization). */
function loadFromText<P>(text: string): P {
  const requireFromString = require("require-from-string") as (code: string, filename: string) => { handler: () => P };
  return requireFromString(text, `${process.cwd()}/__provider.js`).handler();
}

/** Another instance of a loaded provider's class, i.e. of the code in its text, with other tuning. */
function retuned<P extends object>(provider: P, tuning: ProviderTuning): P {
  const LoadedClass = provider.constructor as new (tuning: ProviderTuning) => P;
  return new LoadedClass(tuning);
}

/** Starts the fake with the canary as the only valid key, and the key in the environment. */
async function fakeWithCanaryKey() {
  const fake = await startFake({ clusters: [ADVANCED, STANDARD], apiKeys: { [CANARY_KEY]: "CLUSTER_ADMIN" } });
  process.env.COCKROACH_API_KEY = CANARY_KEY;
  return fake;
}

beforeAll(async () => {
  // Set while serializing: a provider that read it at module load or captured it would carry it into its text.
  process.env.COCKROACH_API_KEY = CANARY_KEY;
  await serializeAll();
}, 90_000);

describe("serialized providers", () => {
  it("carry neither the key nor @pulumi/pulumi in their text", () => {
    expect(Object.keys(texts)).toHaveLength(4);
    for (const [name, text] of Object.entries(texts)) {
      expect(text, name).not.toContain(CANARY_KEY);
      expect(text, name).not.toMatch(/@pulumi\/pulumi/);
      expect(text, name).toContain("crdb-private-endpoints.rate-limiter");
    }
  });

  it("run services, connection, trusted owner and allowlist through create/read/delete", async () => {
    const fake = await fakeWithCanaryKey();
    const services = await loaded.services.create({ clusterId: CLUSTERS.advancedAws });
    expect(services.outs?.servicesMap["us-east-1"]?.status).toBe("AVAILABLE");
    expect(fake.serviceCreateCalls(CLUSTERS.advancedAws)).toBe(1);
    expect((await loaded.services.read(services.id, services.outs)).props?.plan).toBe("ADVANCED");
    await loaded.services.delete(services.id, services.outs!);

    const connection = await loaded.connection.create({ clusterId: CLUSTERS.advancedAws, endpointId: ENDPOINT });
    expect(connection.outs?.status).toBe("STATUS_AVAILABLE");
    fake.setConnectionStatus(CLUSTERS.advancedAws, ENDPOINT, "STATUS_STALE");
    expect((await loaded.connection.read(connection.id)).props?.status).toBe("STATUS_STALE");
    await loaded.connection.delete(connection.id, connection.outs!);
    expect(fake.connections(CLUSTERS.advancedAws)[0]?.status).toBe("STATUS_REJECTED");

    const owner = await loaded.owner.create({ clusterId: CLUSTERS.advancedAws, type: "AWS_ACCOUNT_ID", externalOwnerId: "012345678901" });
    expect((await loaded.owner.read(owner.id)).props?.ownerId).toBe(owner.outs?.ownerId);
    await loaded.owner.delete(owner.id, owner.outs!);
    expect(fake.trustedOwners(CLUSTERS.advancedAws)).toEqual([]);

    const entry = { clusterId: CLUSTERS.advancedAws, cidrIp: "198.51.100.7", cidrMask: 32, sql: true, ui: true };
    const allow = await loaded.allowList.create(entry);
    await loaded.allowList.update!(allow.id, allow.outs!, { ...entry, ui: false });
    expect((await loaded.allowList.read(allow.id)).props?.ui).toBe(false);
    await loaded.allowList.delete(allow.id, allow.outs!);
    expect(fake.allowlist(CLUSTERS.advancedAws)).toEqual([]);

    const outputs = JSON.stringify([services, connection, owner, allow]);
    expect(outputs).not.toContain(CANARY_KEY);
    expect(fake.requests.every((r) => r.path.endsWith("/cert") || r.authorization === `Bearer ${CANARY_KEY}`)).toBe(true);
  });

  it("run the services of an Advanced GCP cluster: wait for the private endpoint hosts after AVAILABLE, outputs that marshal", async () => {
    const gcp: FakeClusterSeed = { id: CLUSTERS.advancedGcp, plan: "ADVANCED", cloudProvider: "GCP", regions: [{ name: "us-central1" }] };
    await startFake({ clusters: [gcp], apiKeys: { [CANARY_KEY]: "CLUSTER_ADMIN" } });
    process.env.COCKROACH_API_KEY = CANARY_KEY;
    const services = await loaded.services.create({ clusterId: CLUSTERS.advancedGcp });
    expect(services.outs?.privateEndpointDns?.["us-central1"]).toMatch(/^private-[a-z0-9-]+\.gcp-us-central1\.cockroachlabs\.cloud$/);
    expect(services.outs?.servicesMap["us-central1"]?.name).toMatch(/^projects\/[a-z0-9-]+\/regions\/us-central1\/serviceAttachments\//);
    const read = await loaded.services.read(services.id, services.outs);
    expect(read.props?.privateEndpointDns).toEqual(services.outs?.privateEndpointDns);
    const { Struct } = require("google-protobuf/google/protobuf/struct_pb.js") as { Struct: { fromJavaScript(v: unknown): unknown } };
    expect(() => Struct.fromJavaScript(services)).not.toThrow();
  });

  it("check runs from the text too (it requires ip-address inside the method)", async () => {
    const { failures } = await loaded.allowList.check!({} as never, {
      clusterId: CLUSTERS.advancedAws,
      cidrIp: "2001:db8::1",
      cidrMask: 64,
      sql: true,
      ui: false,
    });
    expect(failures?.map((f) => f.property)).toEqual(["cidrIp", "cidrMask"]);
  });

  it("return nothing the engine's host cannot marshal: no undefined property values (case 16)", async () => {
    // The dynamic-provider host turns every result into a protobuf Struct, which throws on `undefined`; the engine
    // would then show "Unexpected struct type." instead of our check failure or outputs.
    const { Struct } = require("google-protobuf/google/protobuf/struct_pb.js") as { Struct: { fromJavaScript(v: unknown): unknown } };
    const marshal = (value: unknown) => Struct.fromJavaScript(value);
    const fake = await fakeWithCanaryKey();
    const missingMask = await loaded.allowList.check!({} as never, {
      clusterId: CLUSTERS.advancedAws, cidrIp: "198.51.100.0", sql: true, ui: false, name: undefined,
    } as never);
    expect(() => marshal(missingMask.inputs)).not.toThrow();
    expect(missingMask.failures).toEqual([{ property: "cidrMask", reason: "cidrMask (missing) must be an integer from 0 to 32 (32 allows a single address)." }]);
    expect(Object.values(missingMask.inputs!)).not.toContain(undefined);

    const unnamed = { clusterId: CLUSTERS.advancedAws, cidrIp: "198.51.100.0", cidrMask: 24, sql: true, ui: false, name: undefined };
    const created = await loaded.allowList.create(unnamed as never);
    const read = await loaded.allowList.read(created.id, created.outs);
    const updated = await loaded.allowList.update!(created.id, created.outs!, { ...unnamed, ui: true } as never);
    const owner = await loaded.owner.create({ clusterId: CLUSTERS.advancedAws, type: "AWS_ACCOUNT_ID", externalOwnerId: "*", deleteAdopted: undefined } as never);
    fake.setQuirks({ connectionsWithoutStatus: true });
    const services = await loaded.services.read(CLUSTERS.advancedAws);
    for (const [name, result] of Object.entries({ created, read, updated, owner, services })) {
      expect(() => marshal(result), name).not.toThrow();
    }
    expect(() => marshal({ value: undefined })).toThrow(); // the check above can fail
  });

  it("keep constructor arguments: each class, loaded from its text, builds instances with the tuning given", () => {
    // An implicit derived constructor loses its arguments once serialized; the providers declare theirs.
    const tuning: ProviderTuning = { waitTimeoutMs: 123, silent: true };
    for (const [name, provider] of Object.entries(loaded)) {
      expect((retuned(provider, tuning) as unknown as { tuning: ProviderTuning }).tuning, name).toEqual(tuning);
    }
  });

  it("throw errors that keep their message, and never the key", async () => {
    const fake = await fakeWithCanaryKey();
    const notFound = await rejectionOf(loaded.connection.create({ clusterId: CLUSTERS.missing, endpointId: ENDPOINT }));
    expect(notFound.message).toMatch(/GetCluster \(cluster 9{8}-.*\) failed: HTTP 404 NOT_FOUND/);
    expect(notFound).toBeInstanceOf(Error);
    expect(String(notFound)).toMatch(/^CockroachApiError: /);
    expect(`${notFound.message}${notFound.stack}`).not.toContain(CANARY_KEY);

    fake.setTiming({ connectionAcceptMs: 60_000 });
    const impatient = retuned(loaded.connection, { ...FAST, waitTimeoutMs: 1000 });
    const timeout = await rejectionOf(impatient.create({ clusterId: CLUSTERS.standardAws, endpointId: ENDPOINT }));
    expect(timeout.message).toMatch(/timed out after \d+s waiting for private endpoint .* to be STATUS_AVAILABLE; last status: STATUS_PENDING/);
    // Registered, then timed out: a partial create the host reports with the ID, so state keeps the entry.
    expect(timeout.message).toMatch(/The entry was created \(ID 1{8}-.*:vpce-0feedbeef0000c0de\) and is recorded in the state/);
    expect(timeout).toMatchObject({
      id: `${CLUSTERS.standardAws}:${ENDPOINT}`,
      properties: { clusterId: CLUSTERS.standardAws, endpointId: ENDPOINT, status: expect.stringMatching(/^STATUS_PENDING/), adopted: false },
    });
  });

  it("wait out a cluster lock from the text too (reconcile's lock wait and its GET cluster travel with it)", async () => {
    const fake = await fakeWithCanaryKey();
    fake.setClusterState(CLUSTERS.advancedAws, "LOCKED");
    // One attempt only: without the lock wait, the first 409 would end it.
    const allowList = retuned(loaded.allowList, { ...FAST, mutationAttempts: 1 });
    const entry = { clusterId: CLUSTERS.advancedAws, cidrIp: "198.51.100.8", cidrMask: 32, sql: true, ui: false };
    const creating = allowList.create(entry);
    const posts = () => fake.requests.filter((r) => r.method === "POST").map((r) => r.status);
    // Unlocked once the POST met the lock and the cluster was seen LOCKED (or the create already ended).
    let settled = false;
    void creating.finally(() => (settled = true)).catch(() => undefined);
    const sawLocked = () => fake.requests.some((r) => r.method === "GET" && r.path === `/api/v1/clusters/${CLUSTERS.advancedAws}`);
    await until(() => settled || (posts().length === 1 && sawLocked()));
    fake.setClusterState(CLUSTERS.advancedAws, "CREATED");
    expect((await creating).outs).toMatchObject(entry);
    expect(posts()).toEqual([409, 200]);
  });

  it("share one 10 requests/s limit across separately loaded copies and in-process providers, measured at the fake", async () => {
    const fake = await fakeWithCanaryKey();
    // Each load of the text is a separate copy of our modules, as each resource type's provider is in the engine.
    const copies = [1, 2].map(() => retuned(loadFromText<PrivateEndpointConnectionProvider>(texts.connection!), DEFAULT_LIMIT));
    const inProcess = [1, 2, 3].map(() => new PrivateEndpointConnectionProvider(DEFAULT_LIMIT));
    const id = `${CLUSTERS.standardAws}:${ENDPOINT}`;
    // 5 providers x 4 reads x 1 request (ListPrivateEndpointConnections) = 20 requests: two windows.
    await Promise.all([...copies, ...inProcess].flatMap((p) => [1, 2, 3, 4].map(() => p.read(id))));
    expect(fake.requests).toHaveLength(20);
    // The fake's own count over each 1 s window: no clock of the test's is compared.
    expect(fake.maxRequestsPerSecond()).toBeLessThanOrEqual(10);
  });

  it("take the key and server from stack config handed to configure(), preferring it over env", async () => {
    const fake = await fakeWithCanaryKey();
    process.env.COCKROACH_API_KEY = "wrong-env-key";
    // Nothing listens there: a request that went to the env server would fail.
    process.env.COCKROACH_SERVER = "http://127.0.0.1:9";
    const provider = loadFromText<PrivateEndpointServicesProvider>(texts.services!);
    const config: Record<string, string> = { "cockroach:apikey": CANARY_KEY, "cockroach:server": fake.url };
    await provider.configure!({ config: { get: (key: string) => config[key], require: (key: string) => config[key]! } });
    const read = await provider.read(CLUSTERS.advancedAws);
    expect(read.props?.plan).toBe("ADVANCED");
    expect(fake.requests.at(-1)?.authorization).toBe(`Bearer ${CANARY_KEY}`);
  });

  it("a wait's timeout error keeps its message, fields and Error prototype from the serialized form, and a hung observation ends at the deadline", async () => {
    // Here rather than in a file of its own: each file that serializes pays for loading @pulumi/pulumi again.
    const waiter = {
      async waitBriefly(hang: boolean): Promise<unknown> {
        return pollUntil({
          description: "endpoint vpce-1 to be available",
          timeoutMs: 200,
          observationGraceMs: 50,
          minIntervalMs: 5,
          observe: async () => (hang ? new Promise<string>(() => undefined) : "pending"),
          check: (status) => ({ done: false, status }),
          onProgress: () => {},
        }).catch((err: unknown) => err);
      },
    };
    const { provider } = await serializeProvider(waiter);
    for (const hang of [false, true]) {
      const err = (await provider.waitBriefly(hang)) as WaitTimeoutError;
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toBe("WaitTimeoutError");
      const status = hang ? "not observed yet" : "pending";
      expect(err.message).toMatch(new RegExp(`^timed out after \\ds waiting for endpoint vpce-1 to be available; last status: ${status}\\.`));
      expect(err.lastStatus).toBe(status);
      expect(String(err)).toBe(`WaitTimeoutError: ${err.message}`);
    }
  });
});
