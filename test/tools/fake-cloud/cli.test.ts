import { spawn } from "node:child_process";
import { connect } from "node:net";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describe, expect, it, onTestFinished } from "vitest";
import { CliError, DEFAULT_PORT, DEMO_CLUSTER, parseCli, parseClusterSpec } from "../../../tools/fake-cloud/cli";

describe("parseCli", () => {
  it("defaults to the demo cluster on the default port", () => {
    const { options, help, quiet } = parseCli([]);
    expect(options.port).toBe(DEFAULT_PORT);
    expect(options.clusters).toEqual([DEMO_CLUSTER]);
    expect(DEMO_CLUSTER).toMatchObject({
      id: "1f69fdd2-600a-4cfc-a9ba-16995df0d77d",
      plan: "STANDARD",
      cloudProvider: "AWS",
      regions: [{ name: "us-east-1" }],
    });
    expect(options.apiKeys).toBeUndefined();
    expect([help, quiet]).toEqual([false, false]);
  });

  it("adds clusters, timing, faults and keys from flags", () => {
    const { options } = parseCli([
      "--port=0",
      "--cluster",
      "3B2C0D6E-1111-4222-8333-944455556666:advanced:aws:us-east-1,us-west-2:prod",
      "--cluster",
      "4b2c0d6e-1111-4222-8333-944455556666:STANDARD:GCP:us-central1",
      "--service-create-ms",
      "5000",
      "--accept-ms",
      "2000",
      "--unavailable-rate",
      "0.1",
      "--seed",
      "9",
      "--api-key",
      "k1",
      "--api-key",
      "k2=cluster_developer",
    ]);
    expect(options.port).toBe(0);
    expect(options.clusters.slice(1)).toEqual([
      {
        id: "3b2c0d6e-1111-4222-8333-944455556666",
        name: "prod",
        plan: "ADVANCED",
        cloudProvider: "AWS",
        regions: [{ name: "us-east-1" }, { name: "us-west-2" }],
      },
      {
        id: "4b2c0d6e-1111-4222-8333-944455556666",
        plan: "STANDARD",
        cloudProvider: "GCP",
        regions: [{ name: "us-central1" }],
      },
    ]);
    expect(options.timing).toMatchObject({ serviceCreateMs: 5000, connectionAcceptMs: 2000 });
    expect(options.faults).toMatchObject({ unavailableRate: 0.1, seed: 9 });
    expect(options.apiKeys).toEqual({ k1: "CLUSTER_ADMIN", k2: "CLUSTER_DEVELOPER" });
    expect(parseCli(["--no-demo"]).options.clusters).toEqual([]);
  });

  it.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["extra"], /positional/i],
    [["--port", "http"], /--port must be a non-negative number/],
    [["--port", "70000"], /--port must be at most 65535/],
    [["--slow-rate", "2"], /--slow-rate must be between 0 and 1/],
    [["--cluster", "nope"], /must look like/],
    [["--cluster", "1f69fdd2-600a-4cfc-a9ba-16995df0d77d:STANDARD:AWS:us-east-1"], /given twice/],
    [["--api-key", "k=ROOT"], /role must be one of/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseCli(argv)).toThrow(CliError);
    expect(() => parseCli(argv)).toThrow(message);
  });

  it("checks each part of a cluster spec", () => {
    expect(() => parseClusterSpec("not-a-uuid:STANDARD:AWS:us-east-1")).toThrow(/not a UUID/);
    expect(() => parseClusterSpec("3b2c0d6e-1111-4222-8333-944455556666:FREE:AWS:us-east-1")).toThrow(/plan/);
    expect(() => parseClusterSpec("3b2c0d6e-1111-4222-8333-944455556666:BASIC:AZURE:eastus")).toThrow(/cloud/);
    expect(() => parseClusterSpec("3b2c0d6e-1111-4222-8333-944455556666:BASIC:AWS:US East")).toThrow(/regions/);
  });
});

describe("npm run fake-cloud", () => {
  it("prints the environment and cluster summary, serves the API, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "tools/fake-cloud/main.ts", "--port", "0"], {
      cwd: `${__dirname}/../../..`,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const lines: string[] = [];
      for await (const line of createInterface({ input: child.stdout })) {
        lines.push(line);
        if (line.startsWith("# cluster")) break;
      }
      expect(lines[1]).toBe("COCKROACH_API_KEY=fake-api-key");
      expect(lines[2]).toMatch(/^# cluster 1f69fdd2-600a-4cfc-a9ba-16995df0d77d "demo" STANDARD AWS us-east-1: /);
      const server = /^COCKROACH_SERVER=(http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? "")?.[1];
      expect(server).toBeDefined();

      const response = await fetch(`${server}/api/v1/clusters/${DEMO_CLUSTER.id}`, {
        headers: { authorization: "Bearer fake-api-key", "cc-version": "2024-09-16" },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { name: string }).name).toBe("demo");

      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
      expect(stderr).toContain(`GET /api/v1/clusters/${DEMO_CLUSTER.id} 200`);
      expect(stderr).not.toContain("fake-api-key");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("stops the server when the npm process that started it is killed: no orphan keeps the port", async () => {
    // npm -> sh -> tsx -> node: a SIGTERM to npm ends npm and sh only; the server must notice and stop by itself.
    // Its own process group, so the cleanup below can end whatever this test started.
    const npm = spawn("npm", ["run", "--silent", "fake-cloud", "--", "--port", "0", "--quiet"], {
      cwd: `${__dirname}/../../..`,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    // Runs however the test ends (a timeout included): whatever this test started goes.
    onTestFinished(() => {
      try {
        process.kill(-npm.pid!, "SIGKILL");
      } catch {
        // the group is gone already
      }
    });
    let port = 0;
    for await (const line of createInterface({ input: npm.stdout })) {
      const match = /^COCKROACH_SERVER=http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
      if (match) {
        port = Number(match[1]);
        break;
      }
    }
    expect(port).toBeGreaterThan(0);
    expect(await accepts(port)).toBe(true);
    const exited = once(npm, "exit");
    npm.kill("SIGTERM");
    await exited;
    // Wait for the condition itself (the port refusing connections), with a generous deadline of its own.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (await accepts(port))) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await accepts(port)).toBe(false);
  }, 90_000); // npm and tsx start slowly on a busy machine; the wait is for the condition, this is only its bound
});

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
