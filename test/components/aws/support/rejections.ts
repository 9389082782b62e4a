// Pulumi reports an error thrown inside an `apply` as unhandled rejections, one for each output that depends on the
// failed one, not as a rejected output; vitest fails the run on any unhandled rejection, even with every test green.
// A test that makes an apply fail on purpose takes exactly those as handled, and only until it stops (so put it last
// in its file): any other rejection still fails the run.

export interface ExpectedRejections {
  /** Waits for stragglers, then stops taking rejections as handled. */
  stop(): Promise<void>;
}

export function expectUnhandledRejections(expected: (reason: unknown) => boolean): ExpectedRejections {
  // While a listener of ours is installed, vitest leaves unhandled rejections to it.
  const listener = (reason: unknown) => {
    // Thrown from here it becomes an uncaught exception, which vitest reports.
    if (!expected(reason)) throw reason;
  };
  process.on("unhandledRejection", listener);
  return {
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 20));
      process.off("unhandledRejection", listener);
    },
  };
}
