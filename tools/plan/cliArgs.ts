// Command line of `npm run plan`: `-- --stack NAME --json|--markdown --base REF --cluster-plan ADVANCED --live`.

export const CLUSTER_PLANS = ["BASIC", "STANDARD", "ADVANCED"] as const;
export type ClusterPlan = (typeof CLUSTER_PLANS)[number];

export type OutputFormat = "text" | "json" | "markdown";

export interface PlanOptions {
  /** Reads `Pulumi.<stack>.yaml`. */
  stack: string;
  format: OutputFormat;
  /** Plan of the fake cluster the stack's cluster ID is seeded as. */
  clusterPlan: ClusterPlan;
  /** Directory of the stack files, like `pulumi --cwd`. @default the repository root */
  cwd?: string;
  /** A git ref: also plan the stack as of that commit and print the difference. */
  base?: string;
  /** Look the cluster up in the real Cloud API (read-only) with COCKROACH_API_KEY instead of a fake. */
  live: boolean;
  /** A `--policy-pack-config` JSON file for the policy checks. */
  policyConfig?: string;
}

export const USAGE = `Usage: npm run plan -- [--stack NAME] [--json | --markdown] [--base REF] [--cluster-plan PLAN] [--live]
                        [--policy-config FILE] [--cwd DIR]

Evaluates the program for Pulumi.<NAME>.yaml offline (Pulumi mocks in preview mode, an in-process fake of the
CockroachDB Cloud API unless COCKROACH_SERVER is set, mock AWS facts), runs the policy pack's checks, and prints
the resources it would create.
  --stack NAME          stack to plan (default: dev)
  --json                print the plan as JSON (on failure: the problems as JSON, still a non-zero exit)
  --markdown            print a pull-request comment: counts, key settings, warnings, policies, monthly cost
  --base REF            also plan the stack as of git REF and show what changes: created, updated, replaced, deleted
  --cluster-plan PLAN   plan of the fake cluster (default: STANDARD; ADVANCED has no endpoint services yet)
  --live                look the cluster up in the real Cloud API, read-only (needs COCKROACH_API_KEY;
                        COCKROACH_SERVER overrides https://cockroachlabs.cloud): catches a region not in the cluster
  --policy-config FILE  policy settings, the format of pulumi preview --policy-pack-config
  --cwd DIR             directory of the stack files (default: the repository root)
Exit codes: 0 planned, 1 the stack cannot be planned, 2 bad arguments, 3 planned but a mandatory policy is violated.`;

export class UsageError extends Error {}

export function parsePlanArgs(argv: readonly string[]): PlanOptions | "help" {
  const options: PlanOptions = { stack: "dev", format: "text", clusterPlan: "STANDARD", live: false };
  const setFormat = (format: OutputFormat) => {
    if (options.format !== "text" && options.format !== format) throw new UsageError("--json and --markdown exclude each other");
    options.format = format;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--help":
      case "-h":
        return "help";
      case "--json":
        setFormat("json");
        break;
      case "--markdown":
        setFormat("markdown");
        break;
      case "--stack":
      case "-s":
        options.stack = value();
        break;
      case "--cwd":
        options.cwd = value();
        break;
      case "--base":
        options.base = value();
        break;
      case "--live":
        options.live = true;
        break;
      case "--policy-config":
        options.policyConfig = value();
        break;
      case "--cluster-plan": {
        const plan = value().toUpperCase();
        if (!(CLUSTER_PLANS as readonly string[]).includes(plan)) {
          throw new UsageError(`--cluster-plan ${plan}: allowed: ${CLUSTER_PLANS.join(", ")}`);
        }
        options.clusterPlan = plan as ClusterPlan;
        break;
      }
      default:
        throw new UsageError(`unknown argument ${arg}`);
    }
  }
  if (options.live && options.clusterPlan !== "STANDARD") throw new UsageError("--live plans the real cluster: --cluster-plan does not apply");
  return options;
}
