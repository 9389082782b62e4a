import { EventEmitter } from "node:events";
import * as net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkTcp, classifyTcpError, probeTcp, tcpConnect, type Connect } from "../../../tools/verify/tcpStep";

/** A socket that does whatever the test makes it do, and records whether it was destroyed. */
function fakeSocket(): net.Socket & { destroyed: boolean } {
  const socket = new EventEmitter() as net.Socket & { destroyed: boolean };
  socket.destroyed = false;
  socket.destroy = () => {
    socket.destroyed = true;
    return socket;
  };
  return socket;
}

const errno = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("classifyTcpError", () => {
  it.each([
    ["ECONNREFUSED", "refused", "connection refused (ECONNREFUSED)"],
    ["ETIMEDOUT", "timed-out", "timed out (ETIMEDOUT)"],
    ["EHOSTUNREACH", "unreachable", "no route to the address (EHOSTUNREACH)"],
    ["ENETUNREACH", "unreachable", "no route to the address (ENETUNREACH)"],
    ["EACCES", "other", "EACCES: connect EACCES"],
  ])("%s is %s", (code, kind, message) => {
    expect(classifyTcpError(errno(code))).toEqual({ kind, message });
  });
});

describe("probeTcp", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("times out on its own deadline when the connection neither opens nor fails, and closes the socket", async () => {
    vi.useFakeTimers();
    const socket = fakeSocket();
    const outcome = probeTcp(() => socket, "10.1.2.3", 26257, 5000);
    await vi.advanceTimersByTimeAsync(4999);
    expect(socket.destroyed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toEqual({ kind: "timed-out", message: "no answer within 5 s" });
    expect(socket.destroyed).toBe(true);
  });

  it("reports refused for real on a loopback port nobody listens on", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    await expect(probeTcp(tcpConnect, "127.0.0.1", port, 5000)).resolves.toEqual({
      kind: "refused",
      message: "connection refused (ECONNREFUSED)",
    });
  });
});

describe("checkTcp", () => {
  it("probes every address and passes only when all connect", async () => {
    const seen: string[] = [];
    const connect: Connect = (address, port) => {
      seen.push(`${address}:${port}`);
      const socket = fakeSocket();
      queueMicrotask(() => socket.emit("connect"));
      return socket;
    };
    const { result, reachable } = await checkTcp(["10.0.0.1", "fd00::1"], 26257, connect, 1000);
    expect(seen).toEqual(["10.0.0.1:26257", "fd00::1:26257"]);
    expect(result).toEqual({ step: "tcp", status: "pass", details: ["10.0.0.1:26257: connected", "[fd00::1]:26257: connected"] });
    expect(reachable).toEqual(["10.0.0.1", "fd00::1"]);
  });

  it("fails when one address of several does not connect, with the hint for each kind of failure seen", async () => {
    const failures: Record<string, string> = { "10.0.0.2": "EHOSTUNREACH", "10.0.0.3": "ECONNREFUSED" };
    const connect: Connect = (address) => {
      const socket = fakeSocket();
      const code = failures[address];
      queueMicrotask(() => (code ? socket.emit("error", errno(code)) : socket.emit("connect")));
      return socket;
    };
    const { result, reachable } = await checkTcp(["10.0.0.1", "10.0.0.2", "10.0.0.3"], 26257, connect, 1000);
    expect(result.status).toBe("fail");
    expect(result.details).toEqual([
      "10.0.0.1:26257: connected",
      "10.0.0.2:26257: no route to the address (EHOSTUNREACH)",
      "10.0.0.3:26257: connection refused (ECONNREFUSED)",
    ]);
    expect(result.hint).toMatch(/^Unreachable: .* Refused: /);
    expect(reachable).toEqual(["10.0.0.1"]);
  });
});
