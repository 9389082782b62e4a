// startFakeCloud: builds the state, starts the HTTP server and exposes both through the FakeCloud contract.
import { newHold } from "./quirks";
import { maxArrivalsInWindow } from "./requestLog";
import { startServer } from "./server";
import { FakeState } from "./state";
import type { FakeCloudOptions, FakeCloudServer } from "./types";

export async function startFakeCloud(options: FakeCloudOptions = {}): Promise<FakeCloudServer> {
  const state = new FakeState(options);
  const server = await startServer(state, options.port ?? 0, options.onRequestDone);
  const url = `http://127.0.0.1:${server.port}`;
  const now = () => state.now();
  const cluster = (id: string) => state.requireCluster(id);

  return {
    url,
    port: server.port,
    requests: state.requests,
    close: () => server.close(),

    addCluster: (seed) => state.addCluster(seed),
    setClusterState: (id, clusterState, unlockAfterMs) => cluster(id).setState(clusterState, now(), unlockAfterMs),
    setFaults: (faults) => state.dice.reset(faults),
    setTiming: (timing) => state.setTiming(timing),
    setConnectionStatus: (id, endpointId, status) => cluster(id).connections.forceStatus(endpointId, status),
    removeConnection: (id, endpointId) => cluster(id).connections.remove(endpointId),
    declareEndpoint: (id, endpointId, declaration) => cluster(id).connections.declare(endpointId, declaration),

    cluster: (id) => cluster(id).toApi(now()),
    setQuirks: (quirks) => (state.quirks = { ...quirks }),
    hold: (method, pathEnd) => {
      const hold = newHold(method, pathEnd);
      state.holds.push(hold);
      return hold;
    },
    connections: (id) => cluster(id).connections.list(now(), state.timing),
    services: (id) => cluster(id).services.list(now(), state.timing.serviceCreateMs),
    allowlist: (id) => cluster(id).allowlist.all(),
    trustedOwners: (id) => cluster(id).trustedOwners.list(),
    registrations: (id, endpointId) => cluster(id).connections.registrations(endpointId),
    // Counted from the request log so that every POST the fake received counts, whatever its outcome.
    serviceCreateCalls: (id) =>
      state.requests.filter(
        (r) => r.method === "POST" && r.path === `/api/v1/clusters/${id}/networking/private-endpoint-services`,
      ).length,
    maxRequestsPerSecond: () => maxArrivalsInWindow(state.requests.map((r) => r.at)),
  };
}
