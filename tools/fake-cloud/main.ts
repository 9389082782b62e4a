// `npm run fake-cloud`: the fake Cloud API as a standalone server for manual runs of the program against it.
// Prints the environment to point the program at it, logs requests (never the Authorization header) to stderr,
// and stops on SIGINT/SIGTERM/SIGHUP, or when the process that launched it ends (see launcher.ts).
import { CliError, USAGE, parseCli, type CliConfig } from "./cli";
import { stopWhenLauncherEnds } from "./launcher";
import { startFakeCloud } from "./start";
import type { FakeCloudServer, FakeClusterSeed, RecordedRequest } from "./types";

function describeCluster(fake: FakeCloudServer, seed: FakeClusterSeed): string {
  const regions = seed.regions.map((r) => r.name).join(",");
  const { name } = fake.cluster(seed.id) as { name: string };
  const serviceState =
    fake.services(seed.id).length === 0
      ? "endpoint services not created yet (POST creates them)"
      : "endpoint services AVAILABLE";
  // Prefixed with "#" so the printed block can be sourced by a shell as it is.
  return `# cluster ${seed.id} "${name}" ${seed.plan} ${seed.cloudProvider} ${regions}: ${serviceState}`;
}

function logRequest(request: RecordedRequest): void {
  const outcome = request.status === 0 ? "dropped" : String(request.status);
  const fault = request.fault ? ` [${request.fault}]` : "";
  process.stderr.write(`${new Date(request.at).toISOString()} ${request.method} ${request.path} ${outcome}${fault}\n`);
}

async function main(argv: string[]): Promise<void> {
  // The launch chain is read first, before anything is printed: once the ready lines are out, the launcher may be
  // killed at any moment, and a chain read after that would miss it.
  const running: { fake?: FakeCloudServer } = {};
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`fake-cloud: ${signal}, stopping\n`);
    (running.fake?.close() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`fake-cloud: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  stopWhenLauncherEnds((why) => stop(why));
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGHUP", () => stop("SIGHUP"));

  let config: CliConfig;
  try {
    config = parseCli(argv);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`fake-cloud: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const started = await startFakeCloud({ ...config.options, onRequestDone: config.quiet ? undefined : logRequest });
  running.fake = started;
  const apiKey = Object.keys(config.options.apiKeys ?? { "fake-api-key": "CLUSTER_ADMIN" })[0];
  const lines = [
    `COCKROACH_SERVER=${started.url}`,
    `COCKROACH_API_KEY=${apiKey}`,
    ...config.options.clusters.map((seed) => describeCluster(started, seed)),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`fake-cloud: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
