// Section 3: type-check time of the program against a file importing the @pulumi/aws root.
import { formatSummary } from "../measure/stats";
import { ratio, type Section, table } from "../report/markdown";
import { BASELINE_LABEL, measureTypecheck, PROGRAM_LABEL } from "../typecheck/typecheck";

const GOAL = 0.6;

export function typecheckSection(options: { rounds: number }): Section {
  const rows = measureTypecheck(options.rounds);
  const program = rows.find((r) => r.label === PROGRAM_LABEL)!;
  const baseline = rows.find((r) => r.label === BASELINE_LABEL)!;
  const met = program.vsBaseline.median <= GOAL;
  const detail = [
    `\`tsc --noEmit\` with the project's compiler options (skipLibCheck on) on one root file, ${options.rounds} rounds, commands in`,
    "turn within a round (the first `--listFilesOnly` pass warms the cache). The program imports each @pulumi/aws class",
    "from its own module (`@pulumi/aws/ec2/vpc`, not the root) and types the part of the EC2 SDK it uses locally",
    "(components/aws/ready/ec2EndpointState.ts), so its check reads only the declarations it uses.",
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
        `Type check: the program takes ${ratio(program.vsBaseline.median)} the baseline (goal ${GOAL}×). Why: not the files read ` +
          `(${program.files} against the baseline's ${baseline.files}; @pulumi/aws is imported per class): the time goes to checking, not reading. ` +
          "What would close it: find the costly types with `tsc --extendedDiagnostics --generateTrace` and narrow them.",
      ];
  return {
    title: "3. Type-check time",
    rows: [
      { area: "Type check", figure: "program / baseline (root @pulumi/aws import)", value: `${ratio(program.vsBaseline.median)} (${program.wallS.median.toFixed(2)} s, ${program.files} files)`, goal: `≤ ${GOAL}×`, met },
    ],
    detail,
    misses,
  };
}
