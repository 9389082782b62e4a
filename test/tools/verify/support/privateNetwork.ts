// A private address of the test's own: a network namespace joined to this one by a veth pair on a /30 in
// 10.213.0.0/16. Servers run inside it; the only packets sent go over that pair. Where namespaces cannot be made
// (not root, no CAP_NET_ADMIN, no iproute2) everything runs on 127.0.0.1 and `note` says so.
import { execFileSync } from "node:child_process";

export interface TestNetwork {
  kind: "namespace" | "loopback";
  /** Where servers listen: the namespace's end of the veth pair, or 127.0.0.1. */
  address: string;
  /** Prefix that runs a command inside the namespace (empty on loopback). */
  run: string[];
  note: string;
  close(): void;
}

function ip(args: string[]): string {
  return execFileSync("ip", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A /30 that no interface of this host overlaps (derived from the pid, so parallel runs differ). */
function freeSubnet(): { host: string; inside: string } {
  const used = ip(["-o", "-4", "addr", "show"]);
  for (let attempt = 0; attempt < 64; attempt++) {
    const block = (process.pid + attempt * 97) % 16384; // 16384 /30 blocks in a /16
    const third = block >> 6;
    const fourth = (block & 63) * 4;
    const prefix = `10.213.${third}.`;
    if (![1, 2].some((n) => used.includes(` ${prefix}${fourth + n}/`))) {
      return { host: `${prefix}${fourth + 1}`, inside: `${prefix}${fourth + 2}` };
    }
  }
  throw new Error("no free /30 in 10.213.0.0/16");
}

/** Namespaces left by a run that was killed before its cleanup: their processes (our PostgreSQL servers) and them. */
function sweepStaleNamespaces(): void {
  for (const line of ip(["netns", "list"]).split("\n")) {
    const match = /^crdbv(\d+)\b/.exec(line);
    if (!match) continue;
    const owner = Number(match[1]);
    try {
      process.kill(owner, 0);
      continue; // its test run is still alive
    } catch {
      // the run that made it is gone
    }
    const ns = `crdbv${owner}`;
    for (const pid of ip(["netns", "pids", ns]).split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        // exited meanwhile
      }
    }
    ip(["netns", "del", ns]);
  }
}

export function makeNetwork(): TestNetwork {
  const loopback = (why: string): TestNetwork => ({
    kind: "loopback",
    address: "127.0.0.1",
    run: [],
    note: `NOTE: network namespaces cannot be made here (${why}); the PostgreSQL server runs on 127.0.0.1 instead, ` +
      "and the private-address path is not exercised",
    close: () => {},
  });
  if (process.getuid?.() !== 0) return loopback("not root");
  // To exercise the fallback on a machine that can make namespaces.
  if (process.env.VERIFY_TEST_LOOPBACK === "1") return loopback("VERIFY_TEST_LOOPBACK=1");
  try {
    sweepStaleNamespaces();
  } catch {
    // best effort; `ip netns add` below says whether namespaces work at all
  }
  const ns = `crdbv${process.pid}`;
  const hostIf = `cv${process.pid}h`.slice(0, 15);
  const nsIf = `cv${process.pid}n`.slice(0, 15);
  try {
    ip(["netns", "add", ns]);
  } catch (err) {
    return loopback(`ip netns add failed: ${String((err as { stderr?: string }).stderr ?? err).trim()}`);
  }
  const close = () => {
    try {
      ip(["netns", "del", ns]); // removes the veth pair with it
    } catch {
      // already gone
    }
  };
  try {
    const { host, inside } = freeSubnet();
    ip(["link", "add", hostIf, "type", "veth", "peer", "name", nsIf]);
    ip(["link", "set", nsIf, "netns", ns]);
    ip(["addr", "add", `${host}/30`, "dev", hostIf]);
    ip(["link", "set", hostIf, "up"]);
    ip(["-n", ns, "addr", "add", `${inside}/30`, "dev", nsIf]);
    ip(["-n", ns, "link", "set", nsIf, "up"]);
    ip(["-n", ns, "link", "set", "lo", "up"]);
    return {
      kind: "namespace",
      address: inside,
      run: ["ip", "netns", "exec", ns],
      note: `network namespace ${ns}: servers on ${inside}, reached over veth ${hostIf} (${host}/30)`,
      close,
    };
  } catch (err) {
    close();
    try {
      ip(["link", "del", hostIf]);
    } catch {
      // never created
    }
    return loopback(`setting up the veth pair failed: ${String((err as { stderr?: string }).stderr ?? err).trim()}`);
  }
}
