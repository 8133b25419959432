/**
 * NAV job benchmarks (issue #12). Run: `pnpm --dir bench exec tsx nav-bench.ts` (≈1 minute).
 *
 * 1. Feed catch-up over 6 months of emulated lines: the tracker's `runNavFeed` from an empty D1 (Miniflare's
 *    local D1, driven from Node) to the tip, against the NAV emulator over HTTP. lines/s, upstream requests
 *    vs the minimum (one per page + one token fetch), peak RSS of this process.
 * 2. Cache-hit job search vs cache-hit notice search in one run: the built API bundle in Miniflare,
 *    autocannon on two equal-sized answers in alternating rounds (goal: equal within 10 %). req/s swings
 *    with whatever else the shared machine runs, so the table also gives workerd's CPU time per answered
 *    request (from /proc), the figure that compares the two request paths. `BENCH_PARTS=cache` (or
 *    `feed`) runs one half.
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
/** USER_HZ of /proc/<pid>/stat (100 on Linux builds we run on; `getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

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

/** The /proc entries of the workerd processes under this one, with their `status` text. */
function workerdChildren(): { pid: string; status: string }[] {
  const found: { pid: string; status: string }[] = [];
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (/Name:\s+workerd/.test(status) && ppid === process.pid) found.push({ pid, status });
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

/** Peak resident memory (VmHWM, MB) of the workerd processes under this one. */
function workerdPeakMb(): number {
  const kb = workerdChildren().reduce((sum, p) => sum + Number(/VmHWM:\s+(\d+)/.exec(p.status)?.[1] ?? 0), 0);
  return kb / 1024;
}

/** CPU seconds (user + system) the workerd processes under this one have used so far. */
function workerdCpuSeconds(): number {
  let ticks = 0;
  for (const { pid } of workerdChildren()) {
    try {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesized name): utime, stime in ticks.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / CLOCK_TICKS;
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
    // Equal-sized answers (within a few %), so the comparison is of the request paths, not of JSON size:
    // 20 notices with their facets vs 35 jobs with NAV's facets (≈ 29.5 KiB each). BENCH_NOTICE_URL / BENCH_JOB_URL override.
    const urls = {
      notices: `${base}${process.env.BENCH_NOTICE_URL ?? "/v1/notices?type=COMPETITION&location=Vestland&limit=20"}`,
      jobs: `${base}${process.env.BENCH_JOB_URL ?? "/v1/jobs?county=Vestland&limit=35&facets=true"}`,
    };
    const bytes = { notices: 0, jobs: 0 };
    for (const k of ["notices", "jobs"] as const) {
      await (await fetch(urls[k])).arrayBuffer();
      const again = await fetch(urls[k]);
      bytes[k] = (await again.arrayBuffer()).byteLength;
      if (!again.headers.get("cache-status")?.includes("hit")) throw new Error(`not a cache hit: ${urls[k]}`);
    }
    const rps = { notices: [] as number[], jobs: [] as number[] };
    const p50 = { notices: [] as number[], jobs: [] as number[] };
    const p99 = { notices: [] as number[], jobs: [] as number[] };
    // Alternating rounds (notices, jobs, notices, …; the order flips each round so neither always goes
    // first); each round's ratio compares two runs seconds apart, so the load from the rest of this
    // shared machine swings both about alike. The table gives the median ratio.
    // (Driving both URLs at once was tried: one workerd's shared queue then evens out any difference.)
    const ratios: number[] = [];
    // workerd CPU per answered request: what a hit costs the server, whatever else the machine runs.
    const cpu = { notices: [] as number[], jobs: [] as number[] };
    const cpuRatios: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? (["notices", "jobs"] as const) : (["jobs", "notices"] as const);
      const round = { notices: 0, jobs: 0 };
      for (const k of order) {
        const cpuBefore = workerdCpuSeconds();
        const res = await autocannon({ url: urls[k], connections: 16, duration: DURATION_S });
        cpu[k].push(((workerdCpuSeconds() - cpuBefore) * 1e6) / Math.max(1, res.requests.total));
        if (res.non2xx + res.errors > 0) throw new Error(`${k}: ${res.non2xx} non-2xx, ${res.errors} errors`);
        rps[k].push(res.requests.average);
        p50[k].push(res.latency.p50);
        p99[k].push(res.latency.p99);
        round[k] = res.requests.average;
      }
      ratios.push(round.jobs / round.notices);
      const [cn, cj] = [cpu.notices.at(-1) ?? 0, cpu.jobs.at(-1) ?? 0];
      cpuRatios.push(cj / cn);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const n = median(rps.notices);
    const j = median(rps.jobs);
    if (!Number.isFinite(n + j)) throw new Error("no figures");
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
    rows.push(
      [
        "cache-hit notice search req/s",
        n.toFixed(0),
        `p50 ${median(p50.notices)} ms, p99 ${median(p99.notices)} ms; ${kb(bytes.notices)}`,
      ],
      [
        "cache-hit job search req/s",
        j.toFixed(0),
        `p50 ${median(p50.jobs)} ms, p99 ${median(p99.jobs)} ms; ${kb(bytes.jobs)}`,
      ],
      [
        "jobs / notices (req/s)",
        median(ratios).toFixed(3),
        `goal 0.90–1.10; median of ${ROUNDS} alternating rounds of ${DURATION_S} s each, 16 connections`,
      ],
      [
        "workerd CPU per hit, notices / jobs",
        `${median(cpu.notices).toFixed(0)} / ${median(cpu.jobs).toFixed(0)} µs`,
        `medians; /proc utime+stime ÷ requests answered`,
      ],
      [
        "jobs / notices (CPU per hit)",
        median(cpuRatios).toFixed(3),
        `goal 0.90–1.10; median of the rounds' ratios: ${cpuRatios.map((x) => x.toFixed(2)).join(" ")}`,
      ],
      [
        "req/s ratio of each round",
        ratios.map((x) => x.toFixed(2)).join(" "),
        `req/s of each: notices ${rps.notices.map((x) => x.toFixed(0)).join(" ")}; jobs ${rps.jobs.map((x) => x.toFixed(0)).join(" ")}`,
      ],
    );
  } finally {
    await mf.dispose();
    await nav.close();
    await emu.close();
  }
}

// BENCH_PARTS=cache (or feed) runs one half only, for profiling one path.
const parts = (process.env.BENCH_PARTS ?? "feed,cache").split(",");
if (parts.includes("feed")) await feedCatchUp();
if (parts.includes("cache")) await cacheHits();
const widths = [0, 1, 2].map((i) =>
  Math.max(...[["metric", "value", "note"], ...rows].map((r) => r[i]?.length ?? 0)),
);
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(line(["metric", "value", "note"]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
