import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * The tracker binds the shared budget (a class of the API Worker) by script_name, so the pool needs a
 * `doffin-api` Worker hosting it: the real class, bundled with the esbuild wrangler ships.
 */
async function budgetHost(): Promise<string> {
  // Typed by hand: esbuild is wrangler's dependency, not ours, so its types are not resolvable from here.
  const esbuild = (await import(
    createRequire(createRequire(import.meta.url).resolve("wrangler/package.json")).resolve("esbuild")
  )) as { build(options: Record<string, unknown>): Promise<unknown> };
  const outdir = fileURLToPath(new URL("./.wrangler/budget-host/", import.meta.url));
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}index.mjs`;
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL("./test/budget-host.ts", import.meta.url))],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    external: ["cloudflare:*", "node:*"],
    logLevel: "warning",
  });
  return outfile;
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url)));
  const budgetScript = await budgetHost();
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: {
          // NAV off by default: the NAV tests run the job feed against the NAV emulator themselves.
          // Webhooks to the local receiver (loopback), retried after 1–2 s instead of 30 s–1 h.
          bindings: {
            TEST_MIGRATIONS: migrations,
            NAV_FEED_BASE_URL: "",
            ALERTS_ALLOW_LOOPBACK_WEBHOOKS: "true",
            ALERT_RETRY_BASE_SECONDS: "1",
            ALERT_RETRY_CAP_SECONDS: "2",
          },
          workers: [
            {
              name: "doffin-api",
              modules: true,
              scriptPath: budgetScript,
              compatibilityDate: "2026-11-01",
              compatibilityFlags: ["nodejs_compat"],
              durableObjects: { BUDGET: "UpstreamBudget" },
              // Roomy: the tracker's tests measure sweeps, not the budget (apps/api/test/budget.test.ts does).
              bindings: { UPSTREAM_BUDGET_LIMIT: "100000", UPSTREAM_BUDGET_RESERVE: "0" },
            },
          ],
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      globalSetup: ["./test/global-setup.ts"],
      // One emulator and one D1 are shared: files run one after another.
      fileParallelism: false,
      testTimeout: 300_000,
      hookTimeout: 60_000,
    },
  };
});
