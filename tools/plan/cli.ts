// The plan's command line as a function: parse, read the stack file, evaluate, print. Returns the exit code, so
// tests run it in-process; main.ts only hands it process.argv and the real streams.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE } from "../../program";
import { parsePlanArgs, USAGE, UsageError } from "./cliArgs";
import { evaluateProgram } from "./evaluate";
import { planDocument } from "./planDocument";
import { startPlanCloud } from "./planCloud";
import { renderText } from "./renderText";
import { readStackFile, StackFileError } from "./stackFile";

export interface PlanIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The repository root: where Pulumi.yaml and the stack files are, unless --cwd says otherwise. */
export const PROJECT_DIR = path.resolve(__dirname, "../..");
const AWS_FACTS = "mock data (AZ IDs az1 to az4 in every region; existing VPCs have DNS support and hostnames on)";

export async function runPlanCli(argv: readonly string[], io: PlanIo): Promise<number> {
  let options;
  try {
    options = parsePlanArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === "help") {
    io.stdout(`${USAGE}\n`);
    return 0;
  }

  let stackFile;
  try {
    stackFile = readStackFile(options.cwd ?? PROJECT_DIR, options.stack);
  } catch (err) {
    if (!(err instanceof StackFileError)) throw err;
    io.stderr(`${err.message}\n`);
    return 1;
  }

  const cloud = await startPlanCloud(stackFile.config, options.stack, options.clusterPlan);
  try {
    const evaluation = await evaluateProgram(options.stack, stackFile.config, cloud.client);
    const plan = planDocument(evaluation, {
      stack: options.stack,
      project: NAMESPACE,
      sources: { cockroach: cloud.description, aws: AWS_FACTS, secretsLeftOut: stackFile.secretKeys },
    });
    io.stdout(options.json ? `${JSON.stringify(plan, null, 2)}\n` : renderText(plan));
    return 0;
  } catch (err) {
    // Validation errors are RunErrors: their message is the whole story.
    if (!pulumi.RunError.isInstance(err)) throw err;
    io.stderr(`${(err as Error).message}\n`);
    return 1;
  } finally {
    await cloud.close();
  }
}

