import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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

/** A D1 database as Miniflare hands it to Node (`mf.getD1Database`). */
type D1 = { prepare(sql: string): { run(): Promise<unknown> } };

/**
 * Applies tracker migrations (`files`, default all of apps/tracker/migrations, in order) to a bench D1:
 * statements split on `;` after comments are dropped (no migration has a trigger body).
 */
export async function migrateTracker(db: D1, files?: string[]): Promise<void> {
  const dir = join(trackerDir, "migrations");
  for (const file of files ??
    readdirSync(dir)
      .filter((f) => f.endsWith(".sql"))
      .sort()) {
    const sql = readFileSync(join(dir, file), "utf8")
      .split("\n")
      .map((l) => l.replace(/--.*$/, ""))
      .join("\n");
    for (const stmt of sql
      .split(";")
      .map((x) => x.trim())
      .filter(Boolean))
      await db.prepare(stmt).run();
  }
}
