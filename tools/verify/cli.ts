// `npm run verify`: arguments -> target -> the four steps -> report. Exit code 0 only when every step passed, 2 for
// a usage or input error, 1 for a failed step.
import { parseVerifyArgs, USAGE, UsageError, type VerifyOptions } from "./cliArgs";
import { readPassword, type PromptStreams } from "./password";
import { formatHeader, formatStep, formatSummary } from "./report";
import { serverResolve, systemResolve, type Resolve } from "./resolveStep";
import { OutputsError, readOutputsFile, readOutputsWithPulumi, type RegionConnection } from "./stackOutputs";
import { buildTarget, pickRegion, TargetError } from "./target";
import { tcpConnect, type Connect } from "./tcpStep";
import { verify } from "./verify";

export interface VerifyIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** For the password prompt. */
  terminal: PromptStreams;
}

/** Seams for tests; the defaults are the real system. */
export interface VerifyCliDeps {
  connect?: Connect;
  /** Replaces the resolver chosen from --resolver / the system. */
  resolve?: Resolve;
  readStackOutputs?: (stack: string) => Promise<RegionConnection[]>;
  now?: Date;
}

export async function runVerifyCli(argv: readonly string[], io: VerifyIo, deps: VerifyCliDeps = {}): Promise<number> {
  let options: VerifyOptions | "help";
  try {
    options = parseVerifyArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`verify: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === "help") {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  let region: RegionConnection | undefined;
  let target;
  try {
    if (options.outputs || options.stack) {
      const regions = options.outputs
        ? await readOutputsFile(options.outputs)
        : await (deps.readStackOutputs ?? readOutputsWithPulumi)(options.stack as string);
      region = pickRegion(regions, options.region);
    }
    target = await buildTarget(options, region, io.env);
  } catch (err) {
    if (!(err instanceof OutputsError || err instanceof TargetError)) throw err;
    io.stderr(`verify: ${err.message}\n`);
    return 2;
  }
  const label = [options.stack, region?.region].filter(Boolean).join(" ");
  io.stdout(formatHeader(target, label || undefined));
  const user = target.user;
  const timeoutMs = options.timeoutSeconds * 1000;
  const results = await verify(target, {
    resolve: deps.resolve ?? (options.resolver ? serverResolve(options.resolver, timeoutMs) : systemResolve),
    connect: deps.connect ?? tcpConnect,
    password: () => readPassword(io.env, io.terminal, user),
    timeoutMs,
    now: deps.now,
  });
  for (const result of results) io.stdout(formatStep(result));
  io.stdout(formatSummary(results));
  return results.every((r) => r.status === "pass") ? 0 : 1;
}
