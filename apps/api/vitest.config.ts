import { cloudflareTest } from "@cloudflare/vitest-plugin";
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

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        // A small upstream budget so the budget tests (test/budget.test.ts) see whole windows quickly.
        bindings: {
          UPSTREAM_BUDGET_LIMIT: "10",
          UPSTREAM_BUDGET_WINDOW_MS: "2500",
          UPSTREAM_BUDGET_RESERVE: "4",
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
    globalSetup: ["./test/global-setup.ts"],
    // Every file reads the one emulator's request counters, so files must not overlap in time.
    fileParallelism: false,
    testTimeout: 20_000,
  },
});
