// The HTTP side of the fake: records each request, rolls the fault dice, runs the cross-cutting checks (auth,
// Cc-Version, route, role, cluster, lock) and sends the handler's answer, or drops the socket when a fault says so.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { authenticate, authorize, checkCcVersion } from "./auth";
import { FAKE_CLUSTER_CA_PEM } from "./cert";
import {
  ApiError,
  GrpcCode,
  clusterLocked,
  failedPrecondition,
  invalidArgument,
  notFound,
  rateLimited,
  unavailable,
} from "./errors";
import { isMutation, type FaultDecision } from "./faults";
import { HTML_ERROR_PAGE, quirkedBody } from "./quirks";
import { headerValue, queryRecord } from "./requestLog";
import { ROUTES, matchRoute, type RouteContext } from "./routes";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

const API_PREFIX = "/api/v1/";
const MAX_BODY_BYTES = 1024 * 1024;
const NO_FAULT: FaultDecision = { slow: false, dropAfter: false };

interface Reply {
  status: number;
  contentType: string;
  text: string;
  headers?: Record<string, string>;
}

const jsonReply = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  contentType: "application/json",
  text: JSON.stringify(body),
  headers,
});

const errorReply = (error: ApiError, headers?: Record<string, string>) =>
  jsonReply(error.httpStatus, error.toBody(), headers);

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export async function startServer(
  state: FakeState,
  port: number,
  onRequestDone?: (request: RecordedRequest) => void,
): Promise<RunningServer> {
  // Aborted on close, so requests sleeping in a "slow" fault do not keep the process alive.
  const closing = new AbortController();
  const server: Server = createServer((req, res) => {
    handleRequest(state, req, res, closing.signal, onRequestDone).catch((error: unknown) => {
      // Only reached on a bug in the fake; answer 500 rather than hang the client.
      console.error("fake-cloud: internal error:", error instanceof Error ? error.stack : error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 13, message: "internal error in fake-cloud", details: [] }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  // Cached so that a second close() (e.g. a test's own plus an afterEach) resolves instead of failing.
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= new Promise<void>((resolve, reject) => {
      closing.abort();
      server.close((error) => (error ? reject(error) : resolve()));
      // Also end keep-alive sockets and in-flight requests now, so nothing waits for their timeouts.
      server.closeAllConnections();
    }));

  return { port: (server.address() as AddressInfo).port, close };
}

async function handleRequest(
  state: FakeState,
  req: IncomingMessage,
  res: ServerResponse,
  closing: AbortSignal,
  onRequestDone?: (request: RecordedRequest) => void,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://fake-cloud.invalid");
  const record: RecordedRequest = {
    method,
    path: url.pathname,
    query: queryRecord(url.searchParams),
    status: 0,
    at: Date.now(),
    authorization: headerValue(req.headers.authorization),
    ccVersion: headerValue(req.headers["cc-version"]),
    userAgent: headerValue(req.headers["user-agent"]),
  };
  state.requests.push(record);
  const hold = state.holds.find((h) => !h.taken && h.method === method && url.pathname.endsWith(h.pathEnd));
  if (hold) hold.taken = true;
  const finish = (reply: Reply | "drop") => {
    if (reply === "drop") {
      record.status = 0;
      req.socket.destroy();
    } else {
      record.status = reply.status;
      res.writeHead(reply.status, {
        "content-type": reply.contentType,
        "content-length": Buffer.byteLength(reply.text),
        ...reply.headers,
      });
      res.end(reply.text);
    }
    onRequestDone?.(record);
    hold?.finish(record);
  };

  const isApi = url.pathname.startsWith(API_PREFIX);
  if (isApi && (state.quirks.htmlErrors ?? 0) > 0) {
    state.quirks.htmlErrors = (state.quirks.htmlErrors ?? 0) - 1;
    return finish({ status: 500, contentType: "text/html", text: HTML_ERROR_PAGE });
  }
  const fault = isApi ? state.dice.decide(method) : NO_FAULT;
  if (fault.before) {
    record.fault = fault.before;
    if (fault.before === "drop-before") return finish("drop");
    if (fault.before === "unavailable") return finish(errorReply(unavailable()));
    const retryAfter = String(state.dice.settings.retryAfterSeconds);
    return finish(errorReply(rateLimited(), { "retry-after": retryAfter }));
  }

  let bodyText: string;
  try {
    bodyText = await readBody(req);
  } catch (error) {
    if (error instanceof ApiError) return finish(errorReply(error));
    return finish("drop"); // the client went away mid-body
  }
  // Parked with its body read: once released it is handled (applied) even if its client has gone meanwhile.
  if (hold) await hold.park(record);

  if (fault.slow) {
    record.fault = "slow";
    try {
      await sleep(state.dice.settings.slowMs, undefined, { signal: closing });
    } catch {
      return finish("drop"); // the fake is shutting down
    }
  }

  const reply = isApi ? answerApi(state, method, url, req, bodyText) : answerPublic(state, method, url);
  if (fault.dropAfter) {
    record.fault = "drop-after";
    return finish("drop");
  }
  finish(reply);
}

function answerApi(state: FakeState, method: string, url: URL, req: IncomingMessage, bodyText: string): Reply {
  try {
    const role = authenticate(headerValue(req.headers.authorization), state.apiKeys);
    checkCcVersion(headerValue(req.headers["cc-version"]));

    const match = matchRoute(ROUTES, method, url.pathname.split("/").filter(Boolean));
    if (match.kind === "none") throw notFound("Not Found");
    // grpc-gateway's default routing error handler turns 405 into UNIMPLEMENTED, which goes out as HTTP 501.
    if (match.kind === "wrong-method") throw new ApiError(501, GrpcCode.UNIMPLEMENTED, "Method Not Allowed");
    const { route, params } = match;
    authorize(role, route.roles, route.operation);

    const now = state.now();
    if (state.quirks.hiddenClusters?.includes(params.cluster_id ?? "")) throw notFound(`cluster ${params.cluster_id} not found`);
    const cluster = state.findCluster(params.cluster_id ?? "");
    if (isMutation(method)) {
      const clusterState = cluster.stateAt(now);
      if (clusterState === "LOCKED") throw clusterLocked();
      if (clusterState !== "CREATED") throw failedPrecondition(`cluster ${cluster.id} is ${clusterState}`);
    }

    const ctx: RouteContext = {
      state,
      cluster,
      params,
      query: pageQuery(state, url.searchParams),
      body: () => parseJson(bodyText),
      now,
    };
    const result = route.handle(ctx);
    const reply = jsonReply(result.status ?? 200, quirkedBody(state.quirks, route.operation, result.body));
    if (method === "GET" && reply.status === 200 && (state.quirks.invalidJsonAnswers ?? 0) > 0) {
      state.quirks.invalidJsonAnswers = (state.quirks.invalidJsonAnswers ?? 0) - 1;
      return { ...reply, text: reply.text.slice(0, Math.max(1, Math.floor(reply.text.length / 2))) };
    }
    return reply;
  } catch (error) {
    if (error instanceof ApiError) return errorReply(error);
    throw error;
  }
}

/** Routes outside /api/v1: the unauthenticated cluster CA certificate download. */
function answerPublic(state: FakeState, method: string, url: URL): Reply {
  const match = /^\/clusters\/([0-9A-Za-z-]+)\/cert$/.exec(url.pathname);
  const cluster = match && method === "GET" ? state.clusters.get(match[1]!) : undefined;
  if (!cluster) return errorReply(notFound("Not Found"));
  return { status: 200, contentType: "text/plain; charset=utf-8", text: FAKE_CLUSTER_CA_PEM };
}

/** The query; with endless pages switched on, every page token is taken as the first page. */
function pageQuery(state: FakeState, params: URLSearchParams): Record<string, string> {
  const query = queryRecord(params);
  if (state.quirks.endlessPages) delete query["pagination.page"];
  return query;
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidArgument("request body is not valid JSON");
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw invalidArgument("request body is too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
