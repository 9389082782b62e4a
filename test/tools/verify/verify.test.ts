// The order of the steps: nothing connects before DNS passed, and the password is asked only once TCP passed.
import { EventEmitter } from "node:events";
import type * as net from "node:net";
import { describe, expect, it, vi } from "vitest";
import { systemResolve } from "../../../tools/verify/resolveStep";
import type { Connect } from "../../../tools/verify/tcpStep";
import { verify, type VerifyTarget } from "../../../tools/verify/verify";

const target: VerifyTarget = { host: "internal-a.crdb.test", port: 26257, user: "app", database: "defaultdb",
  caPem: undefined, caSource: "Node's bundled public root CAs" };

function refusingConnect(): Connect {
  return () => {
    const socket = new EventEmitter() as net.Socket;
    socket.destroy = () => socket;
    queueMicrotask(() => socket.emit("error", Object.assign(new Error("refused"), { code: "ECONNREFUSED" })));
    return socket;
  };
}

describe("verify", () => {
  it("stops at a public DNS answer: no connection, no password prompt", async () => {
    const connect = vi.fn(refusingConnect());
    const password = vi.fn(async () => "pw");
    const results = await verify(target, { resolve: async () => ["10.0.0.1", "52.94.76.10"], connect, password, timeoutMs: 1000 });
    expect(results.map((r) => `${r.step}:${r.status}`)).toEqual(["dns:fail", "tcp:skipped", "tls:skipped", "sql:skipped"]);
    expect(results[1]?.details).toEqual(["not run: the DNS step failed"]);
    expect(connect).not.toHaveBeenCalled();
    expect(password).not.toHaveBeenCalled();
  });

  it("stops at a failed TCP step without asking for the password", async () => {
    const connect = vi.fn(refusingConnect());
    const password = vi.fn(async () => "pw");
    const results = await verify(target, { resolve: async () => ["10.0.0.1"], connect, password, timeoutMs: 1000 });
    expect(results.map((r) => `${r.step}:${r.status}`)).toEqual(["dns:pass", "tcp:fail", "tls:skipped", "sql:skipped"]);
    expect(connect).toHaveBeenCalledWith("10.0.0.1", 26257);
    expect(password).not.toHaveBeenCalled();
  });
});

describe("systemResolve", () => {
  // An address literal: getaddrinfo answers it without any query (a name could reach the machine's DNS server).
  it("returns what the system resolver returns, as a list of addresses", async () => {
    await expect(systemResolve("127.0.0.1")).resolves.toEqual(["127.0.0.1"]);
  });
});
