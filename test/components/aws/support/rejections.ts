// Pulumi reports an error thrown inside an `apply` as unhandled rejections, one for each output that depends on the
// failed one, not as a rejected output; vitest fails the run on any unhandled rejection, even with every test green.
// A test that makes an apply fail on purpose takes exactly those as handled, from then on until its file's process
// ends (so put it last in its file). There is no "stop" after a fixed pause: stragglers may arrive at any time on a
// busy machine, and a pause that is too short would turn them into a red run. Any other rejection still fails the run.

/** Takes unhandled rejections for which `expected` is true as handled, for the rest of this test file. */
export function expectUnhandledRejections(expected: (reason: unknown) => boolean): void {
  // While a listener of ours is installed, vitest leaves unhandled rejections to it.
  process.on("unhandledRejection", (reason: unknown) => {
    // Thrown from here it becomes an uncaught exception, which vitest reports.
    if (!expected(reason)) throw reason;
  });
}
