/**
 * What the API benchmarks (`api-bench.ts`, `api-mcp.ts`) share: the built API bundle, Miniflare on
 * 127.0.0.1, autocannon rounds combined the same way, and the Markdown table they print (also used by
 * `tracker-bench.ts`). One copy, so the two API benches measure and report alike.
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
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const apiDir = fileURLToPath(new URL("../apps/api/", import.meta.url));
const COMPAT = { compatibilityDate: "2026-11-01", compatibilityFlags: ["nodejs_compat"] };

/** Bundles apps/api as `wrangler deploy --dry-run` does into a fresh temp dir; returns the script's path. */
export function buildApi(tmpPrefix: string): string {
  const out = mkdtempSync(join(tmpdir(), tmpPrefix));
  execFileSync(join(apiDir, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", out], {
    cwd: apiDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  return join(out, "index.js");
}

/** A Miniflare Worker on 127.0.0.1 (random port) with the API's compatibility settings. */
export async function serve(options: Record<string, unknown>) {
  const mf = new Miniflare(
    convertV4MiniflareOptions({ modules: true, host: "127.0.0.1", port: 0, ...COMPAT, ...options } as never),
  );
  const url = (await mf.ready).toString().replace(/\/$/, "");
  return { mf, url };
}

export type Run = { rps: number; p50: number; p99: number; non2xx: number };

/** Mean req/s and the worst p50/p99 over rounds. */
export const combine = (rs: Run[]): Run => ({
  rps: rs.reduce((a, r) => a + r.rps, 0) / rs.length,
  p50: Math.max(...rs.map((r) => r.p50)),
  p99: Math.max(...rs.map((r) => r.p99)),
  non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
});

/** One autocannon round (`BENCH_CONNECTIONS` connections for `BENCH_DURATION` s); errors count as non-2xx. */
export async function load(opts: {
  url: string;
  method?: "POST";
  headers?: Record<string, string>;
  body?: string;
}): Promise<Run> {
  const r = await autocannon({ ...opts, connections: CONNECTIONS, duration: DURATION_S });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + r.errors };
}

/** Prints a Markdown table to stdout; each column is as wide as its widest cell, header and `minWidth` included. */
export function printTable(header: string[], rows: string[][], minWidth = 0): void {
  const widths = header.map((h, i) => Math.max(h.length, minWidth, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}
