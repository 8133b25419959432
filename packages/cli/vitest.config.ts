import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // The binary tests spawn node processes and page through thousands of notices.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
