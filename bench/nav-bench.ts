/**
 * NAV job benchmarks (issue #12). Run: `pnpm --dir bench exec tsx nav-bench.ts` (≈1 minute).
 *
 * 1. Feed catch-up over 6 months of emulated lines: the tracker's `runNavFeed` from an empty D1 (Miniflare's
 *    local D1, driven from Node) to the tip, against the NAV emulator over HTTP. lines/s, upstream requests
 *    vs the minimum (one per page + one token fetch), peak RSS of this process.
 * 2. Cache-hit job search vs cache-hit notice search in one run: the built API bundle in Miniflare,
 *    autocannon on both URLs in alternating rounds (goal: equal within 10 %).
 * Prints one table. Not a test: figures depend on the machine (2 shared cores here).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulatorServer } from "@doffin/emulator";
import { startNavEmulatorServer } from "@doffin/emulator-nav";
import autocannon from "autocannon";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const NAV_ADS = Number(process.env.BENCH_NAV_ADS ?? 6000);
const PAGE_SIZE = 1000;
const apiDir = fileURLToPath(new URL("../apps/api/", import.meta.url));
const migration = fileURLToPath(new URL("../apps/tracker/migrations/0003_nav_jobs.sql", import.meta.url));
const COMPAT = { compatibilityDate: "2026-11-01", compatibilityFlags: ["nodejs_compat"] };
const rows: [string, string, string][] = [];

/** Bundles a Worker entry like a deploy (`wrangler deploy --dry-run`); returns the bundle's path. */
function bundle(main: string | null): string {
  const out = mkdtempSync(join(tmpdir(), "doffin-nav-bench-"));
  const args = ["deploy", "--dry-run", "--outdir", out];
  if (main) {
    const cfg = join(out, "wrangler.jsonc");
    writeFileSync(
      cfg,
      JSON.stringify({
        name: "nav-bench",
        main,
        compatibility_date: COMPAT.compatibilityDate,
        compatibility_flags: COMPAT.compatibilityFlags,
      }),
    );
    args.push("-c", cfg);
  }
  execFileSync(join(apiDir, "node_modules/.bin/wrangler"), args, {
    cwd: apiDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  // The API's bundle also holds Swagger UI's .js files as text modules: pick the entry by name.
  const name = main ? `${main.replace(/^.*\//, "").replace(/\.ts$/, "")}.js` : "index.js";
  const entry = readdirSync(out).find((f) => f === name);
  if (!entry) throw new Error(`no bundle in ${out}`);
  return join(out, entry);
}

/** Peak resident memory (VmHWM, MB) of the workerd processes under this one. */
function workerdPeakMb(): number {
  let kb = 0;
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const status = readFileSync(`/proc/${d}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (!/Name:\s+workerd/.test(status) || ppid !== process.pid) continue;
      kb += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

async function feedCatchUp() {
  const nav = await startNavEmulatorServer({ port: 0, seed: 42, count: NAV_ADS, days: 183, waf: false });
  console.error("bench: building the feed bench Worker…");
  const scriptPath = bundle(fileURLToPath(new URL("./nav-feed-worker.ts", import.meta.url)));
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      scriptPath,
      modulesRoot: dirname(scriptPath),
      d1Databases: ["DB"],
      ...COMPAT,
    } as never),
  );
  try {
    // D1's exec takes one statement at a time: strip comments, one string per statement.
    const sql = readFileSync(migration, "utf8")
      .split("\n")
      .map((l) => l.replace(/--.*$/, ""))
      .join(" ")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
    await mf.dispatchFetch("http://bench/migrate", { method: "POST", body: JSON.stringify(sql) });
    const state = (await (await fetch(`${nav.url}/_emulator/state`)).json()) as { lines: number };
    await fetch(`${nav.url}/_emulator/stats/reset`, { method: "POST" });
    const started = performance.now();
    let runs = 0;
    let lines = 0;
    let events = 0;
    for (;;) {
      // A tick's budget of 20 requests, as deployed.
      const res = await mf.dispatchFetch(
        `http://bench/run?nav=${encodeURIComponent(nav.url)}&budget=20&pageSize=${PAGE_SIZE}`,
      );
      const run = (await res.json()) as { lines: number; events: number; atTip: boolean };
      runs++;
      lines += run.lines;
      events += run.events;
      if (run.atTip) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = (await (await fetch(`${nav.url}/_emulator/stats`)).json()) as { total: number };
    // Each tick builds a fresh client (as a cron invocation does): one token fetch per tick.
    const minimum = Math.ceil(state.lines / (PAGE_SIZE - 1)) + runs;
    rows.push(
      ["feed lines (6 months, emulated)", String(state.lines), `${NAV_ADS} ads over 183 days`],
      [
        "catch-up lines/s (workerd + D1)",
        (lines / seconds).toFixed(0),
        `${seconds.toFixed(1)} s, ${runs} ticks of ≤ 20 requests`,
      ],
      [
        "upstream requests vs minimum",
        `${stats.total} / ${minimum}`,
        `pages of ${PAGE_SIZE} (1 line overlap) + 1 token per tick`,
      ],
      ["job events recorded", String(events), "created/updated/expired/withdrawn"],
      ["peak memory (workerd VmHWM)", `${workerdPeakMb().toFixed(0)} MB`, "the whole workerd process"],
    );
  } finally {
    await mf.dispose();
    await nav.close();
  }
}

async function cacheHits() {
  const emu = await startEmulatorServer({ port: 0, seed: 42, count: 2000, rateLimit: false });
  const nav = await startNavEmulatorServer({ port: 0, seed: 42, count: 2000, waf: false });
  console.error("bench: building the API bundle…");
  const scriptPath = bundle(null);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      host: "127.0.0.1",
      port: 0,
      ...COMPAT,
      scriptPath,
      modulesRoot: dirname(scriptPath),
      kvNamespaces: ["CACHE"],
      bindings: {
        UPSTREAM_BASE_URL: emu.url,
        UPSTREAM_KIND: "webclient",
        NAV_FEED_BASE_URL: nav.url,
        NAV_SEARCH_BASE_URL: nav.url,
        BUILD_VERSION: "bench",
      },
    } as never),
  );
  try {
    const base = (await mf.ready).toString().replace(/\/$/, "");
    const urls = {
      notices: `${base}/v1/notices?type=COMPETITION&location=Vestland&limit=20`,
      jobs: `${base}/v1/jobs?county=Vestland&limit=20&facets=true`,
    };
    for (const u of Object.values(urls)) {
      await (await fetch(u)).arrayBuffer();
      const again = await fetch(u);
      await again.arrayBuffer();
      if (!again.headers.get("cache-status")?.includes("hit")) throw new Error(`not a cache hit: ${u}`);
    }
    const rps = { notices: [] as number[], jobs: [] as number[] };
    const p99 = { notices: 0, jobs: 0 };
    for (let r = 0; r < ROUNDS; r++)
      for (const k of ["notices", "jobs"] as const) {
        const res = await autocannon({ url: urls[k], connections: 16, duration: DURATION_S });
        if (res.non2xx + res.errors > 0) throw new Error(`${k}: ${res.non2xx} non-2xx, ${res.errors} errors`);
        rps[k].push(res.requests.average);
        p99[k] = Math.max(p99[k], res.latency.p99);
      }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const n = mean(rps.notices);
    const j = mean(rps.jobs);
    rows.push(
      ["cache-hit notice search req/s", n.toFixed(0), `p99 ${p99.notices} ms (worst round)`],
      ["cache-hit job search req/s", j.toFixed(0), `p99 ${p99.jobs} ms (worst round)`],
      [
        "jobs / notices",
        (j / n).toFixed(3),
        `goal 0.90–1.10; ${ROUNDS} alternating rounds of ${DURATION_S} s`,
      ],
    );
  } finally {
    await mf.dispose();
    await nav.close();
    await emu.close();
  }
}

await feedCatchUp();
await cacheHits();
const widths = [0, 1, 2].map((i) =>
  Math.max(...[["metric", "value", "note"], ...rows].map((r) => r[i]?.length ?? 0)),
);
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(line(["metric", "value", "note"]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
