import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // One demo stack serves every example; examples run one after another, as a reader would.
    fileParallelism: false,
    testTimeout: 120_000,
    // A block runs all its commands in its beforeAll (the export examples page through a year of
    // notices at the CLI's polite 2 requests/s), so hooks get the time a slow machine needs.
    hookTimeout: 900_000,
  },
});
