// A real HTTP fake of the TiDB Cloud Serverless API on 127.0.0.1, just GET /v1beta1/clusters/{clusterId}: Digest
// auth checked (401 with a `WWW-Authenticate: Digest` challenge, for no credentials and for wrong ones), 404 for an
// unknown cluster, google.rpc.Status-shaped error bodies. Every request is logged with how it authenticated and what
// it was answered, so tests assert what the server saw.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { challenge, digestProblem, parseDigest } from "./digest";
import type { FakeTidbCluster } from "./clusters";

export interface FakeTidbRequest {
  method: string;
  path: string;
  /** `none`, `digest` (with the user name it claimed), or `other` (Basic, Bearer, ...). */
  auth: "none" | "digest" | "other";
  username?: string;
  status: number;
  /** Why a digest answer was refused. */
  authProblem?: string;
}

export interface FakeTidb {
  url: string;
  requests: FakeTidbRequest[];
  setCluster(cluster: FakeTidbCluster): void;
  removeCluster(clusterId: string): void;
  /** Answer the next `times` requests (after auth) with this status and message, e.g. 503 for retries. */
  failWith(status: number | undefined, times?: number, message?: string): void;
  close(): Promise<void>;
}

export interface FakeTidbOptions {
  keys: { publicKey: string; privateKey: string };
  clusters?: FakeTidbCluster[];
}

const GRPC = { 401: 16, 403: 7, 404: 5, 500: 13, 503: 14 } as Record<number, number>;

export async function startFakeTidb(options: FakeTidbOptions): Promise<FakeTidb> {
  const clusters = new Map<string, FakeTidbCluster>((options.clusters ?? []).map((c) => [c.clusterId, c]));
  const requests: FakeTidbRequest[] = [];
  const nonces = new Set<string>();
  let failure: { status: number; times: number; message: string } | undefined;

  const server = http.createServer((req, res) => {
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, message: string, headers: Record<string, string> = {}) =>
      reply(status, { code: GRPC[status] ?? 2, message, details: [] }, headers);
    req.resume();
    req.on("end", () => {
      const header = req.headers.authorization;
      const fields = parseDigest(header);
      const logged: FakeTidbRequest = {
        method,
        path,
        auth: header === undefined ? "none" : fields ? "digest" : "other",
        username: fields?.username,
        status: 0,
      };
      requests.push(logged);
      const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
        logged.status = status;
        if (status >= 400) error(status, String(body), headers);
        else reply(status, body, headers);
      };

      const problem = fields ? digestProblem(fields, method, path, options.keys, nonces) : "no digest credentials";
      if (problem !== undefined) {
        logged.authProblem = problem;
        const { header: wwwAuthenticate, nonce } = challenge();
        nonces.add(nonce);
        return answer(401, "Unauthorized", { "www-authenticate": wwwAuthenticate });
      }
      if (failure && failure.times > 0) {
        failure.times--;
        return answer(failure.status, failure.message);
      }
      const m = /^\/v1beta1\/clusters\/([^/?]+)(\?.*)?$/.exec(path);
      if (method !== "GET" || !m) return answer(404, `no route ${method} ${path.split("?")[0]}`);
      const cluster = clusters.get(decodeURIComponent(m[1]!));
      if (!cluster) return answer(404, `cluster ${decodeURIComponent(m[1]!)} not found`);
      return answer(200, cluster);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setCluster: (cluster) => void clusters.set(cluster.clusterId, cluster),
    removeCluster: (clusterId) => void clusters.delete(clusterId),
    failWith: (status, times = Infinity, message = "the fake is failing on purpose") =>
      void (failure = status === undefined ? undefined : { status, times, message }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
