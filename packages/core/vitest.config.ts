import { defineConfig } from "vitest/config";

// Core runs in plain Node: it is runtime-agnostic, and the client tests reach the emulator on 127.0.0.1.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
