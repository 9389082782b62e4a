// Section 3: type-check time of the program against a file importing the @pulumi/aws root, and what the scratch
// rewrites would save.
import { formatSummary } from "../measure/stats";
import { ratio, type Section, table } from "../report/markdown";
import { BASELINE_LABEL, measureTypecheck, VARIANTS } from "../typecheck/typecheck";

const GOAL = 0.6;

export function typecheckSection(options: { rounds: number }): Section {
  const rows = measureTypecheck(options.rounds);
  const program = rows.find((r) => r.label === VARIANTS[0]!.label)!;
  const both = rows.find((r) => r.label === VARIANTS.at(-1)!.label)!;
  const met = program.vsBaseline.median <= GOAL;
  const detail = [
    `\`tsc --noEmit\` with the project's compiler options (skipLibCheck on) on one root file, ${options.rounds} rounds, commands in`,
    "turn within a round (the first `--listFilesOnly` pass warms the cache). Scratch variants are copies of index.ts,",
    "program/ and components/ in .scratch/ with one rewrite applied (bench/typecheck/rewrites.ts); the committed files are",
    "not changed. The exact changes:",
    "",
    "- *per-module @pulumi/aws imports*: in components/aws/awsPrivateLink.ts and components/aws/lookups.ts, replace",
    '  `import * as aws from "@pulumi/aws"` by one import per member used, e.g. `import { Vpc } from "@pulumi/aws/ec2/vpc"`,',
    '  `import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule"`, `import { getRegion } from',
    '  "@pulumi/aws/getRegion"`, `import { Provider } from "@pulumi/aws/provider"`, and `aws.ec2.Vpc` by `Vpc` (same for each).',
    "- *local type for the EC2 SDK*: in components/aws/ec2EndpointState.ts, replace `typeof import(\"@aws-sdk/client-ec2\")`",
    "  (a type-only reference that pulls the whole SDK's declarations into every type check of the program) by a local",
    "  interface of the members used (`EC2Client`, `DescribeVpcEndpointsCommand`, the fields read); the runtime `require` is unchanged.",
    "  Measured together with the first (\"both\"); alone it is not run, to keep the bench short.",
    "",
    table(["Root file", "Files read", "Wall s, median (min–max)", "Peak MiB", "× baseline"], rows.map((r) => [
      r.label,
      String(r.files),
      formatSummary(r.wallS, 2),
      r.peakMiB.median.toFixed(0),
      formatSummary(r.vsBaseline, 2),
    ])),
  ].join("\n");
  const misses = met
    ? []
    : [
        `Type check: the program takes ${ratio(program.vsBaseline.median)} the baseline (goal ${GOAL}×). Why: it reads ${program.files} declaration and source files ` +
          `against the baseline's ${rows.find((r) => r.label === BASELINE_LABEL)?.files}: all of @pulumi/aws through the root import, plus @aws-sdk/client-ec2 through one type-only ` +
          `reference. What would close it: both scratch rewrites together (${both.files} files, ${ratio(both.vsBaseline.median)} the baseline in this run); ` +
          "they edit components/aws (owned by the components helper), so the lead applies them.",
      ];
  return {
    title: "3. Type-check time",
    rows: [
      { area: "Type check", figure: "program / baseline (root @pulumi/aws import)", value: `${ratio(program.vsBaseline.median)} (${program.wallS.median.toFixed(2)} s, ${program.files} files)`, goal: `≤ ${GOAL}×`, met },
      { area: "Type check", figure: "scratch, both rewrites / baseline", value: `${ratio(both.vsBaseline.median)} (${both.wallS.median.toFixed(2)} s, ${both.files} files)`, goal: `≤ ${GOAL}×`, met: both.vsBaseline.median <= GOAL },
    ],
    detail,
    misses,
  };
}
