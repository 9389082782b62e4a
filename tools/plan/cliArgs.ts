// Command line of `npm run plan`: `-- --stack NAME --json --cluster-plan ADVANCED`.

export const CLUSTER_PLANS = ["BASIC", "STANDARD", "ADVANCED"] as const;
export type ClusterPlan = (typeof CLUSTER_PLANS)[number];

export interface PlanOptions {
  /** Reads `Pulumi.<stack>.yaml`. */
  stack: string;
  json: boolean;
  /** Plan of the fake cluster the stack's cluster ID is seeded as. */
  clusterPlan: ClusterPlan;
  /** Directory of the stack files, like `pulumi --cwd`. @default the repository root */
  cwd?: string;
}

export const USAGE = `Usage: npm run plan -- [--stack NAME] [--json] [--cluster-plan BASIC|STANDARD|ADVANCED] [--cwd DIR]

Evaluates the program for Pulumi.<NAME>.yaml offline (Pulumi mocks in preview mode, an in-process fake of the
CockroachDB Cloud API unless COCKROACH_SERVER is set, mock AWS facts) and prints the resources it would create.
  --stack NAME          stack to plan (default: dev)
  --json                print the plan as JSON
  --cluster-plan PLAN   plan of the fake cluster (default: STANDARD; ADVANCED has no endpoint services yet)
  --cwd DIR             directory of the stack files (default: the repository root)`;

export class UsageError extends Error {}

export function parsePlanArgs(argv: readonly string[]): PlanOptions | "help" {
  const options: PlanOptions = { stack: "dev", json: false, clusterPlan: "STANDARD" };
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
        options.json = true;
        break;
      case "--stack":
      case "-s":
        options.stack = value();
        break;
      case "--cwd":
        options.cwd = value();
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
  return options;
}
