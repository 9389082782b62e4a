// Misbehaviours of a server that is not quite the API, for the client's reliability tests: answers that are
// malformed, pagination that never ends, a cluster that answers 404 everywhere, HTML error pages, and requests held
// back until the test releases them (a POST that lands after another process has looked).
import type { RecordedRequest } from "./types";

export interface FakeQuirks {
  /** Every allowlist page hands out a new next_page token, so the list never ends. @default false */
  endlessPages?: boolean;
  /** Operations (spec names, e.g. "AddAllowlistEntry") answered `200 {}` after being applied. @default none */
  emptyAnswers?: string[];
  /** Clusters answered 404 NOT_FOUND on every path, as for a key of another organization. @default none */
  hiddenClusters?: string[];
  /** The next this many successful GETs are answered 200 with a truncated JSON body. @default 0 */
  invalidJsonAnswers?: number;
  /** The next this many API requests are answered 500 with an HTML page, before they are handled. @default 0 */
  htmlErrors?: number;
  /** Connections are listed without their `status` field. @default false */
  connectionsWithoutStatus?: boolean;
}

/** A request parked before handling until the test releases it. */
export interface HeldRequest {
  /** Resolves when a matching request has arrived (and is parked). */
  readonly arrived: Promise<void>;
  /** Lets it through: it is then handled (applied) and answered, whether or not its client is still there. */
  release(): void;
  /** Resolves with its record once it has been answered (or dropped). */
  readonly done: Promise<RecordedRequest>;
}

export interface Hold extends HeldRequest {
  method: string;
  pathEnd: string;
  taken: boolean;
  /** Called by the server when the matching request arrives: resolves once released. */
  park(record: RecordedRequest): Promise<void>;
  finish(record: RecordedRequest): void;
}

export function newHold(method: string, pathEnd: string): Hold {
  let arrive = () => undefined as void;
  let release = () => undefined as void;
  let finish = (_record: RecordedRequest) => undefined as void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const done = new Promise<RecordedRequest>((resolve) => (finish = resolve));
  return {
    method: method.toUpperCase(),
    pathEnd,
    taken: false,
    arrived,
    done,
    release: () => release(),
    park: () => {
      arrive();
      return released;
    },
    finish: (record) => finish(record),
  };
}

export const HTML_ERROR_PAGE =
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>" +
  "<h1>Bad Gateway</h1><p>The upstream server returned an invalid response.</p>".repeat(20) +
  "</body></html>";

/** Rewrites a handled answer as the quirks say. `operation` is the spec name of the route. */
export function quirkedBody(quirks: FakeQuirks, operation: string, body: unknown): unknown {
  if (quirks.emptyAnswers?.includes(operation)) return {};
  if (operation === "ListAllowlistEntries" && quirks.endlessPages) {
    const page = body as { pagination?: Record<string, unknown> };
    return { ...page, pagination: { ...page.pagination, next_page: `page-${Math.random().toString(36).slice(2)}` } };
  }
  if (operation === "ListPrivateEndpointConnections" && quirks.connectionsWithoutStatus) {
    const list = body as { connections?: Record<string, unknown>[] };
    return { ...list, connections: list.connections?.map(({ status: _status, ...rest }) => rest) };
  }
  return body;
}
