import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** Stand-in for the tracker Worker: echoes what the gateway forwarded, so tests can check it. */
async function echoTracker(request: Request): Promise<Response> {
  const url = new URL(request.url);
  return Response.json({
    worker: "tracker",
    method: request.method,
    path: url.pathname + url.search,
    requestId: request.headers.get("x-request-id"),
    body: request.method === "GET" || request.method === "HEAD" ? null : await request.text(),
  });
}

/** Low limits for the limits-* tests, which swap these in for ANON_LIMITER / KEY_LIMITER. */
export const TEST_LIMITS = { anon: 5, key: 4 };

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: {
          // A small upstream budget so the budget tests (test/budget.test.ts) see whole windows quickly.
          UPSTREAM_BUDGET_LIMIT: "10",
          UPSTREAM_BUDGET_WINDOW_MS: "2500",
          UPSTREAM_BUDGET_RESERVE: "4",
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url))),
          KEY_PEPPER: "test-pepper",
          OPERATOR_TOKEN: "test-operator-token",
          TEST_ANON_RATE_LIMIT: String(TEST_LIMITS.anon),
          TEST_KEY_RATE_LIMIT: String(TEST_LIMITS.key),
        },
        // Every other suite shares one anonymous bucket (no client IP in tests): far above what they send.
        ratelimits: {
          ANON_LIMITER: { namespace_id: "1101", simple: { limit: 100_000, period: 60 } },
          TEST_ANON_LIMITER: { namespace_id: "1901", simple: { limit: TEST_LIMITS.anon, period: 60 } },
          TEST_KEY_LIMITER: { namespace_id: "1902", simple: { limit: TEST_LIMITS.key, period: 60 } },
        },
        serviceBindings: {
          TRACKER: echoTracker,
          FEEDBACK: () => {
            throw new Error("feedback worker crashed");
          },
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/apply-migrations.ts"],
    globalSetup: ["./test/global-setup.ts"],
    // Every file reads the one emulator's request counters, so files must not overlap in time.
    fileParallelism: false,
    testTimeout: 20_000,
  },
}));
