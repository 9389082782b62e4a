// The Cloud API budget of one `pulumi up` of N regions in one stack, measured at the fake (tools/fake-cloud records
// every request with its arrival time): the program's lookups (run twice, as preview and update do), the endpoint
// services create, and N connection registrations whose waits run at once and share the process-wide 10 requests/s
// limiter. Detection lag: how long after CockroachDB accepted a connection (the bench turns it STATUS_AVAILABLE at
// the fake) its provider's wait returned. Acceptances are spread over one longest poll interval (5 s) after
// `acceptAfterMs`, so the figure covers every phase of the poll schedule instead of one lucky or unlucky moment.
import { PrivateEndpointConnectionProvider, PrivateEndpointServicesProvider, CockroachCloudClient } from "../../components/cockroach";
import { startFakeCloud, type FakeCloudServer } from "../../tools/fake-cloud";
import { evaluateProgram } from "../../tools/plan/evaluate";
import { clusterSeeds } from "../../tools/plan/planCloud";

const API_KEY = "fake-api-key";
/** How often the bench looks at the fake's state, in-process (no request): the resolution of the lag figure. */
const OBSERVE_EVERY_MS = 10;
/** Acceptances are spread over the providers' longest pause between polls (ProviderTuning.pollMaxIntervalMs). */
const ACCEPT_SPREAD_MS = 5000;

export interface ApiBudget {
  regions: number;
  lookupRequests: number;
  providerRequests: number;
  totalRequests: number;
  peakPerSecond: number;
  status429: number;
  /** Per connection: seconds from STATUS_AVAILABLE at the fake to its provider's create returning. */
  lagsS: number[];
}

export async function measureApiBudget(
  stack: string,
  config: Record<string, string>,
  options: { acceptAfterMs: number },
): Promise<ApiBudget> {
  const seeds = clusterSeeds(config, stack, "STANDARD");
  if (seeds.length !== 1) throw new Error(`the API budget bench expects one cluster, the stack has ${seeds.length}`);
  const seed = seeds[0]!;
  const fake = (await startFakeCloud({
    clusters: seeds,
    // Never accepted on its own: the bench accepts each connection itself, at a chosen moment.
    timing: { connectionPendingMs: 1000, connectionAcceptMs: 24 * 3600 * 1000 },
  })) as FakeCloudServer;
  const saved = { server: process.env.COCKROACH_SERVER, key: process.env.COCKROACH_API_KEY };
  process.env.COCKROACH_SERVER = fake.url;
  process.env.COCKROACH_API_KEY = API_KEY;
  try {
    const client = new CockroachCloudClient({ server: fake.url, apiKey: API_KEY });
    for (const _run of ["preview", "update"]) await evaluateProgram(stack, { path: false, config, secretKeys: [] }, client);
    const lookupRequests = fake.requests.length;

    const tuning = { silent: true };
    await new PrivateEndpointServicesProvider(tuning).create({ clusterId: seed.id });
    const endpoints = seed.regions.map((region, i) => {
      const endpointId = `vpce-${(0xa0000000 + i).toString(16)}0000000${i.toString(16).padStart(2, "0")}`;
      fake.declareEndpoint(seed.id, endpointId, { region: region.name });
      return endpointId;
    });
    const acceptances = acceptLater(fake, seed.id, endpoints, (i) => options.acceptAfterMs + (i * ACCEPT_SPREAD_MS) / endpoints.length);
    const connections = new PrivateEndpointConnectionProvider(tuning);
    const returnedAt = await Promise.all(
      endpoints.map((endpointId) => connections.create({ clusterId: seed.id, endpointId }).then(() => Date.now())),
    );
    const seen = acceptances.stop();
    const lagsS = endpoints.map((endpointId, i) => {
      const at = seen.get(endpointId);
      if (at === undefined) throw new Error(`${endpointId} returned before it was accepted`);
      return Math.max(0, (returnedAt[i]! - at) / 1000);
    });
    return {
      regions: seed.regions.length,
      lookupRequests,
      providerRequests: fake.requests.length - lookupRequests,
      totalRequests: fake.requests.length,
      peakPerSecond: fake.maxRequestsPerSecond(),
      status429: fake.requests.filter((r) => r.status === 429).length,
      lagsS,
    };
  } finally {
    restore("COCKROACH_SERVER", saved.server);
    restore("COCKROACH_API_KEY", saved.key);
    await fake.close();
  }
}

/**
 * Watches the fake's state in-process (no request) and accepts each endpoint `delayMs(i)` after its registration
 * arrived, noting when. The acceptance is the state change the provider's wait has to notice.
 */
function acceptLater(
  fake: FakeCloudServer,
  clusterId: string,
  endpoints: string[],
  delayMs: (index: number) => number,
): { stop(): Map<string, number> } {
  const registeredAt = new Map<string, number>();
  const acceptedAt = new Map<string, number>();
  const look = () => {
    const now = Date.now();
    endpoints.forEach((endpointId, i) => {
      if (!registeredAt.has(endpointId) && fake.registrations(clusterId, endpointId) > 0) registeredAt.set(endpointId, now);
      const registered = registeredAt.get(endpointId);
      if (registered !== undefined && !acceptedAt.has(endpointId) && now >= registered + delayMs(i)) {
        fake.setConnectionStatus(clusterId, endpointId, "STATUS_AVAILABLE");
        acceptedAt.set(endpointId, now);
      }
    });
  };
  const timer = setInterval(look, OBSERVE_EVERY_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return acceptedAt;
    },
  };
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
