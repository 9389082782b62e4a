// Ends a run with a plain "N passed, N failed" line, which CI reads in any language; vitest's own summary is
// coloured and worded for people. A file that failed outside its tests (a failing hook, an import error) and an
// unhandled error each count as one failure, so the line never says "0 failed" for a red run.
import type { Reporter, SerializedError, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed" || state === "failed" || state === "skipped") counts[state] += 1;
        if (state === "failed") failedTests += 1;
      }
      if (failedTests === 0 && module.state() === "failed") counts.failed += 1;
    }
    counts.failed += unhandledErrors.length;
    console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
