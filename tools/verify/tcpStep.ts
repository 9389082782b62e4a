// Step 2: TCP reaches the port on every address the host resolved to (one per Availability Zone for a PrivateLink
// endpoint: a broken one fails a share of the application's connections). Refused, timed out and unreachable are told
// apart because each points to a different fix.
import * as net from "node:net";
import { fail, pass, type StepResult } from "./steps";

/** Opens a TCP connection; the socket emits "connect" or "error". Injectable so tests can prove nothing connected. */
export type Connect = (address: string, port: number) => net.Socket;

export const tcpConnect: Connect = (address, port) => net.connect({ host: address, port });

export type TcpOutcome =
  | { kind: "connected" }
  | { kind: "refused" | "timed-out" | "unreachable" | "other"; message: string };

/** Connects once and closes again; never waits longer than `timeoutMs`. */
export function probeTcp(connect: Connect, address: string, port: number, timeoutMs: number): Promise<TcpOutcome> {
  return new Promise((resolve) => {
    const socket = connect(address, port);
    const finish = (outcome: TcpOutcome) => {
      clearTimeout(timer);
      socket.removeAllListeners("connect");
      socket.on("error", () => {}); // late errors after destroy are expected and not news
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ kind: "timed-out", message: `no answer within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    socket.once("connect", () => finish({ kind: "connected" }));
    socket.once("error", (err: NodeJS.ErrnoException) => finish(classifyTcpError(err)));
  });
}

export function classifyTcpError(err: NodeJS.ErrnoException): TcpOutcome {
  switch (err.code) {
    case "ECONNREFUSED":
      return { kind: "refused", message: "connection refused (ECONNREFUSED)" };
    case "ETIMEDOUT":
      return { kind: "timed-out", message: "timed out (ETIMEDOUT)" };
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EHOSTDOWN":
    case "ENETDOWN":
      return { kind: "unreachable", message: `no route to the address (${err.code})` };
    default:
      return { kind: "other", message: `${err.code ?? "error"}: ${err.message}` };
  }
}

const HINTS: Record<Exclude<TcpOutcome["kind"], "connected">, string> = {
  refused:
    "Refused: the address answered but nothing accepts connections on this port. Check the port (CockroachDB SQL " +
    "is 26257; stack config port) and that the endpoint is registered and available (stack output connectionStatus " +
    "STATUS_AVAILABLE).",
  "timed-out":
    "Timed out: packets are dropped on the way. The endpoint's security group must admit this host on the SQL port " +
    "(stack config allowedCidrs / allowedSecurityGroupIds); also check network ACLs and, from a peered network or " +
    "VPN, the routes back.",
  unreachable:
    "Unreachable: this host has no route to the endpoint's addresses. Run verify from inside the VPC or a network " +
    "routed to it (peering, Transit Gateway, VPN).",
  other: "See the error above; the network between this host and the endpoint refused the connection.",
};

export async function checkTcp(
  addresses: readonly string[],
  port: number,
  connect: Connect,
  timeoutMs: number,
): Promise<{ result: StepResult; reachable: string[] }> {
  const outcomes = await Promise.all(addresses.map((a) => probeTcp(connect, a, port, timeoutMs)));
  const lines = outcomes.map((o, i) => `${endpoint(addresses[i] as string, port)}: ${o.kind === "connected" ? "connected" : o.message}`);
  const reachable = addresses.filter((_, i) => outcomes[i]?.kind === "connected");
  const failed = outcomes.flatMap((o) => (o.kind === "connected" ? [] : [o.kind]));
  if (failed.length === 0) return { result: pass("tcp", lines), reachable };
  const hint = [...new Set(failed)].map((kind) => HINTS[kind]).join(" ");
  return { result: fail("tcp", lines, hint), reachable };
}

export function endpoint(address: string, port: number): string {
  return net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}
