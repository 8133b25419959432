import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const COMPAT = { compatibilityDate: "2026-11-01", compatibilityFlags: ["nodejs_compat"] };
const trackerDir = fileURLToPath(new URL("../apps/tracker/", import.meta.url));

/**
 * Bundles a bench-only Worker (`entry`, a URL next to this file) the way the Workers deploy:
 * `wrangler deploy --dry-run` with a throwaway config, run from the tracker (its wrangler and its
 * dependencies resolve the imports). Returns the path of the bundle's entry module.
 */
export function bundleBenchWorker(name: string, entry: URL): string {
  const dir = mkdtempSync(join(tmpdir(), `doffin-${name}-`));
  const cfg = join(dir, "wrangler.jsonc");
  writeFileSync(
    cfg,
    JSON.stringify({
      name,
      main: fileURLToPath(entry),
      compatibility_date: COMPAT.compatibilityDate,
      compatibility_flags: COMPAT.compatibilityFlags,
    }),
  );
  const out = join(dir, "out");
  execFileSync(
    join(trackerDir, "node_modules/.bin/wrangler"),
    ["deploy", "--config", cfg, "--dry-run", "--outdir", out],
    {
      cwd: trackerDir,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    },
  );
  const file = readdirSync(out).find((f) => f.endsWith(".js"));
  if (!file) throw new Error(`no bundle in ${out}`);
  return join(out, file);
}
