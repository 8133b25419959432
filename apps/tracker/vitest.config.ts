import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url)));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.jsonc" },
        // NAV off by default: the NAV tests run the job feed against the NAV emulator themselves.
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, NAV_FEED_BASE_URL: "" } },
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
