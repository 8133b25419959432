/**
 * Change-tracker benchmarks (issue 4). Run: `pnpm --dir bench exec tsx tracker-bench.ts` (≈3–5 minutes;
 * BENCH_TRACKER_N=20000 for a quick run). Prints one table. Not a test: figures depend on the machine.
 *
 * 1. Backfill of N = 160,000 emulated notices by the built tracker Worker (wrangler bundle in Miniflare,
 *    D1, cron ticks back to back, REQUEST_BUDGET 45 per tick) against the emulator with its rate limit
 *    scaled down to 30 requests/s: upstream requests vs ⌈N/100⌉, wall time vs the floor that limit
 *    allows, peak RSS of the workerd process running the Worker.
 * 2. Diff + write throughput (the sweep's path: load stored, canonicalize, hash, diff, classify, one
 *    db.batch per page) vs a raw D1 batch insert of the same rows, both inside the same Miniflare.
 * 3. A sweep over 10,000 tracked notices with 1% changed upstream: D1 rows written.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulatorServer } from "@doffin/emulator";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { migrateTracker } from "./worker-bundle";
import { sampleIsolateHeap, sampleWorkerdRss, workerdRss } from "./workerd-memory";

const N = Number(process.env.BENCH_TRACKER_N ?? 160_000);
const RATE = { limit: 30, windowMs: 1_000 };
const DIFF_N = Number(process.env.BENCH_TRACKER_DIFF_N ?? 5_000);
const SWEEP_N = 10_000;
const trackerDir = fileURLToPath(new URL("../apps/tracker/", import.meta.url));
const wrangler = join(trackerDir, "node_modules/.bin/wrangler");
const COMPAT = { compatibilityDate: "2026-11-01", compatibilityFlags: ["nodejs_compat"] };

function bundle(config?: string): string {
  const out = mkdtempSync(join(tmpdir(), "doffin-tracker-bench-"));
  // The demo entry: the tracker Worker with "now" from DEMO_CLOCK_URL (the emulator's clock).
  const args = ["deploy", ...(config ? ["--config", config] : ["src/demo.ts"]), "--dry-run", "--outdir", out];
  execFileSync(wrangler, args, {
    cwd: trackerDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  const entry = readdirSync(out).find((f) => f.endsWith(".js"));
  if (!entry) throw new Error(`no bundle in ${out}`);
  return join(out, entry);
}

function benchWorkerBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), "doffin-tracker-bench-cfg-"));
  const cfg = join(dir, "wrangler.jsonc");
  writeFileSync(
    cfg,
    JSON.stringify({
      name: "tracker-bench",
      main: fileURLToPath(new URL("./tracker-worker.ts", import.meta.url)),
      compatibility_date: COMPAT.compatibilityDate,
      compatibility_flags: COMPAT.compatibilityFlags,
    }),
  );
  return bundle(cfg);
}

const INSPECTOR_PORT = Number(process.env.BENCH_INSPECTOR_PORT ?? 9331);
const optionsFor = (scriptPath: string, bindings: Record<string, string>, inspectorPort?: number) => ({
  ...(convertV4MiniflareOptions({
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    ...COMPAT,
    d1Databases: ["DB"],
    bindings,
  } as never) as object),
  ...(inspectorPort ? { inspectorPort } : {}),
});

const miniflare = (scriptPath: string, bindings: Record<string, string>, inspectorPort?: number) =>
  new Miniflare(optionsFor(scriptPath, bindings, inspectorPort) as never);

/** Every tracker migration: `/v1/tracker/status` reads the contract-data tables of the later ones too. */
const migrate = async (mf: Miniflare) => migrateTracker(await mf.getD1Database("DB"));

type Status = {
  backfill: { status: string; harvested: number; upstreamRequests: number; truncatedWindows: number };
};
const status = async (mf: Miniflare) =>
  (await (await mf.dispatchFetch("http://tracker/v1/tracker/status")).json()) as Status;
type Scheduler = { scheduled(o: { cron: string; scheduledTime: Date }): Promise<unknown> };
const tick = async (mf: Miniflare) =>
  ((await mf.getWorker()) as unknown as Scheduler).scheduled({
    cron: "*/15 * * * *",
    scheduledTime: new Date(),
  });
const control = (url: string, path: string, body?: unknown) =>
  fetch(`${url}/_emulator${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then((r) => r.json() as Promise<Record<string, unknown>>);

const rows: [string, string, string, string][] = [];
const fmt = (x: number, d = 0) =>
  x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

console.error("bench: bundling the tracker Worker and the bench Worker…");
const trackerScript = bundle();
const benchScript = benchWorkerBundle();

// ---- 1. backfill of N notices ----
console.error(`bench: generating ${fmt(N)} emulated notices…`);
const emu = await startEmulatorServer({ port: 0, seed: 42, count: N, rateLimit: RATE });
try {
  const corpus = Number((await control(emu.url, "/health")).notices);
  const tracker = miniflare(
    trackerScript,
    {
      UPSTREAM_BASE_URL: emu.url,
      UPSTREAM_KIND: "webclient",
      SWEEP_WINDOW_DAYS: "0",
      REQUEST_BUDGET: "45",
      BACKFILL_FROM: "2017-01-01",
      DEMO_CLOCK_URL: `${emu.url}/_emulator/clock`,
      UPSTREAM_RATE_LIMIT: String(RATE.limit),
      UPSTREAM_RATE_WINDOW_MS: String(RATE.windowMs),
    },
    INSPECTOR_PORT,
  );
  await migrate(tracker);
  await status(tracker); // warm: the isolate is loaded before the idle RSS is read
  const idleRss = workerdRss();
  await control(emu.url, "/stats/reset", {});
  console.error("bench: backfilling…");
  const rss = sampleWorkerdRss();
  const heap = await sampleIsolateHeap(INSPECTOR_PORT);
  const t0 = performance.now();
  let ticks = 0;
  let s = await status(tracker);
  while (s.backfill.status !== "done" && ticks < 10_000) {
    await tick(tracker);
    ticks++;
    s = await status(tracker);
  }
  const wallMs = performance.now() - t0;
  const peak = rss.stop();
  const isolate = await heap.stop();
  const stats = await control(emu.url, "/stats");
  const requests = Number(stats.total);
  const min = Math.ceil(s.backfill.harvested / 100);
  const floorMs = Math.max(0, ((requests - RATE.limit) * RATE.windowMs) / RATE.limit);
  const stored = await (await tracker.getD1Database("DB"))
    .prepare("SELECT COUNT(*) AS n FROM notices")
    .first<{ n: number }>();
  rows.push(
    [
      "backfill: notices harvested / in corpus",
      `${fmt(s.backfill.harvested)} / ${fmt(corpus)}`,
      "all, once",
      `D1 rows ${fmt(stored?.n ?? 0)}; truncated windows ${s.backfill.truncatedWindows}`,
    ],
    [
      "backfill: upstream requests vs ⌈N/100⌉",
      `${fmt(requests)} vs ${fmt(min)} = ${fmt(requests / min, 3)}×`,
      "≤ 1.10×",
      `${ticks} cron ticks of ≤ 45; 429s: ${stats.rateLimited}`,
    ],
    [
      "backfill: wall time vs rate-limit floor",
      `${fmt(wallMs / 1000, 1)} s vs ${fmt(floorMs / 1000, 1)} s = ${fmt(wallMs / floorMs, 3)}×`,
      "≤ 1.15×",
      `limit ${RATE.limit} req / ${RATE.windowMs} ms`,
    ],
    [
      "backfill: peak Worker memory (isolate V8 heap)",
      `${fmt(isolate.total, 1)} MB (used ≤ ${fmt(isolate.used, 1)} MB)`,
      "< 128 MB",
      "Runtime.getHeapUsage via workerd's inspector, / 100 ms",
    ],
    [
      "backfill: peak workerd process RSS",
      `${fmt(peak, 1)} MB (idle ${fmt(idleRss, 1)} MB)`,
      "(context)",
      "runtime + Worker + the local D1's SQLite, which grows with the corpus",
    ],
  );
  await tracker.dispose();

  // ---- 3. sweep over 10,000 tracked notices, 1% changed ----
  console.error("bench: sweep over 10,000 tracked notices…");
  const day = "2026-11-20";
  // 10,000 notices over 28 days (≈360 a day, several times Doffin's real volume), all inside the sweep window.
  await control(emu.url, "/reset", {
    seed: 7,
    count: SWEEP_N,
    from: "2026-10-24",
    to: day,
    now: `${day}T12:00:00Z`,
  });
  await control(emu.url, "/rate-limit", { enabled: false });
  const common = {
    UPSTREAM_BASE_URL: emu.url,
    UPSTREAM_KIND: "webclient",
    DEMO_CLOCK_URL: `${emu.url}/_emulator/clock`,
    REQUEST_BUDGET: "5000",
    UPSTREAM_RATE_LIMIT: "10000",
    UPSTREAM_RATE_WINDOW_MS: "1000",
  };
  // Seed the 10,000 baseline snapshots with a backfill, then switch the same Worker (same D1) to sweeping.
  const sweeper = miniflare(trackerScript, {
    ...common,
    SWEEP_WINDOW_DAYS: "0",
    BACKFILL_FROM: "2026-10-24",
  });
  await migrate(sweeper);
  while ((await status(sweeper)).backfill.status !== "done") await tick(sweeper);
  await sweeper.setOptions(
    optionsFor(trackerScript, { ...common, SWEEP_WINDOW_DAYS: "28", BACKFILL_FROM: "" }) as never,
  );
  const db = await sweeper.getD1Database("DB");
  const counts = async () =>
    (await db
      .prepare(
        "SELECT (SELECT COUNT(*) FROM notices) AS notices, (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM snapshots) AS snapshots, (SELECT COUNT(*) FROM sweeps) AS sweeps",
      )
      .first<{ notices: number; events: number; snapshots: number; sweeps: number }>()) ?? {
      notices: 0,
      events: 0,
      snapshots: 0,
      sweeps: 0,
    };
  const sweepAndCount = async (label: string) => {
    const before = await counts();
    await control(emu.url, "/stats/reset", {});
    // A new cron tick 15 minutes on: rows this sweep writes carry its time.
    const now = String((await control(emu.url, "/clock", { advanceMs: 15 * 60_000 })).now);
    await tick(sweeper);
    const after = await counts();
    const touched = await db
      .prepare("SELECT COUNT(*) AS n FROM notices WHERE last_seen_at >= ?")
      .bind(new Date(Date.parse(now)).toISOString())
      .first<{ n: number }>();
    const stats = await control(emu.url, "/stats");
    const byRoute = stats.byRoute as Record<string, number>;
    const noticeRows = touched?.n ?? 0;
    const total =
      noticeRows +
      (after.events - before.events) +
      (after.snapshots - before.snapshots) +
      2 * (after.sweeps - before.sweeps);
    rows.push([
      label,
      `${fmt(total)} rows`,
      "changed + sweep record",
      `notices ${noticeRows}, snapshots ${after.snapshots - before.snapshots}, events ${after.events - before.events}, sweep row ×2 writes; upstream: ${byRoute["webclient.search"] ?? 0} searches, ${byRoute["webclient.notice"] ?? 0} details`,
    ]);
  };
  const tracked = (await counts()).notices;
  await sweepAndCount(`sweep: ${fmt(tracked)} tracked, 0% changed → D1 rows written`);
  const hits = (await (
    await fetch(`${emu.url}/webclient/api/v2/search-api/search`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        numHitsPerPage: 100,
        page: 1,
        searchString: "",
        sortBy: "PUBLICATION_DATE_DESC",
        facets: { status: { checkedItems: ["ACTIVE"] } },
      }),
    })
  ).json()) as { hits: { id: string }[] };
  const changed = hits.hits.slice(0, SWEEP_N / 100);
  const ops = [
    { op: "deadline", deadline: "2027-02-01T12:00:00Z" },
    { op: "value", estimatedValue: { amount: 9_999_999, currencyCode: "NOK" } },
    { op: "heading", heading: "Endret overskrift" },
    { op: "status", status: "CANCELLED" },
  ];
  for (const [i, h] of changed.entries())
    await control(emu.url, `/notices/${h.id}/mutations`, ops[i % ops.length]);
  await sweepAndCount(`sweep: ${fmt(tracked)} tracked, ${changed.length} (1%) changed → D1 rows written`);
  await sweeper.dispose();
} finally {
  await emu.close();
}

// ---- 2. diff + write vs raw insert ----
console.error("bench: diff + write vs raw D1 insert…");
const bench = miniflare(benchScript, {});
await migrate(bench);
const call = async (path: string) =>
  (await (await bench.dispatchFetch(`http://bench${path}`)).json()) as { ms: number; statements: number };
const diffRuns: number[] = [];
const rawRuns: number[] = [];
for (let round = 0; round < 3; round++) {
  await call("/reset");
  await call(`/seed?n=${DIFF_N}`);
  diffRuns.push((await call(`/diff?n=${DIFF_N}`)).ms);
  await call("/reset");
  rawRuns.push((await call(`/raw?n=${DIFF_N}`)).ms);
}
await bench.dispose();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const diffRate = DIFF_N / (median(diffRuns) / 1000);
const rawRate = DIFF_N / (median(rawRuns) / 1000);
rows.push([
  "diff + write vs raw D1 batch insert",
  `${fmt(diffRate)} vs ${fmt(rawRate)} notices/s = ${fmt(diffRate / rawRate, 2)}×`,
  "≥ 0.5×",
  `${fmt(DIFF_N)} changed notices, 3 rows each, median of 3, Miniflare`,
]);

const widths = [0, 1, 2, 3].map((i) =>
  Math.max(...rows.map((r) => r[i].length), ["figure", "result", "goal", "notes"][i]?.length ?? 0),
);
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(line(["figure", "result", "goal", "notes"]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
