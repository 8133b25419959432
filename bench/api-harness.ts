/**
 * What the API benchmarks share: build the API bundle the way it deploys (`wrangler deploy --dry-run`),
 * serve a Worker with Miniflare on 127.0.0.1, load it with autocannon, and print a table.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

export const DURATION_S = Number(process.env.BENCH_DURATION ?? 6);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
export const apiDir = fileURLToPath(new URL("../apps/api/", import.meta.url));
const COMPAT = { compatibilityDate: "2026-11-01", compatibilityFlags: ["nodejs_compat"] };

/** The built API Worker (path of its entry module). */
export function buildApi(): string {
  const out = mkdtempSync(join(tmpdir(), "doffin-api-bench-"));
  execFileSync(join(apiDir, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", out], {
    cwd: apiDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  return join(out, "index.js");
}

export async function serve(options: Record<string, unknown>) {
  const mf = new Miniflare(
    convertV4MiniflareOptions({ modules: true, host: "127.0.0.1", port: 0, ...COMPAT, ...options } as never),
  );
  const url = (await mf.ready).toString().replace(/\/$/, "");
  return { mf, url };
}

export type Run = { rps: number; p50: number; p99: number; mean: number; non2xx: number };
/** Mean req/s and latency, the worst p50/p99 over rounds. */
export const combine = (rs: Run[]): Run => ({
  rps: rs.reduce((a, r) => a + r.rps, 0) / rs.length,
  p50: Math.max(...rs.map((r) => r.p50)),
  p99: Math.max(...rs.map((r) => r.p99)),
  mean: rs.reduce((a, r) => a + r.mean, 0) / rs.length,
  non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
});

export async function load(
  url: string,
  headers: Record<string, string> = {},
  connections = CONNECTIONS,
): Promise<Run> {
  const r = await autocannon({ url, connections, duration: DURATION_S, headers });
  const non2xx = r.non2xx + r.errors;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.mean, non2xx };
}

/** A markdown table of [metric, value, note] rows on stdout. */
export function printTable(rows: [string, string, string][]): void {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(["metric", "value", "note"]));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}
