import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** Test-only limit, low so the rate-limit test needs few requests; production's is in wrangler.jsonc. */
const TEST_RATE_LIMIT = 5;

export default defineConfig(async () => {
  const migrations = await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url)));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_RATE_LIMIT,
            OPERATOR_TOKEN: "test-operator-token",
          },
          ratelimits: {
            FEEDBACK_LIMITER: { namespace_id: "1003", simple: { limit: TEST_RATE_LIMIT, period: 60 } },
          },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      testTimeout: 60_000,
    },
  };
});
