import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Dynamic-provider closure serialization needs process-level APIs that worker threads lack.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
