import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Dynamic-provider closure serialization needs process-level APIs that worker threads lack.
    pool: "forks",
    // vitest defaults to cores - 1: one worker on a 2-core CI machine. The suite is mostly I/O waits on local fakes.
    maxWorkers: 2,
    reporters: ["default", "./test/support/summaryReporter.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
