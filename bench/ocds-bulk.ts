/**
 * OCDS bulk export: N = 160,000 releases streamed through the tracker's bulk pipeline
 * (apps/tracker/src/ocds/bulk: `encodeReleases` → gzip `CompressionStream` → the R2 sink), one run per
 * format, in three parts:
 *
 * 1. **Node** (the pipeline's own cost without a runtime around it): the streams into a sink shaped like
 *    the R2 one (one 5 MiB part buffer + running SHA-256); RSS, V8 heap and `external` (ArrayBuffers,
 *    zlib) sampled every 50 ms against the process's baseline before the first run.
 * 2. **workerd** (what the cron runs in): the real `putStream` into a Miniflare R2 bucket (persisted to a
 *    temporary directory) in a bench Worker (ocds-bulk-worker.ts). Measured from outside: the RSS of the
 *    workerd process, sampled every 100 ms, against the same process idle with the Worker loaded (read in
 *    the same run, before the first export), and the Worker isolate's V8 heap through the inspector (the
 *    128 MB Workers limit is on that).
 * 3. **workerd, stage by stage**: NDJSON up to the text encoding, up to gzip, up to R2, each in a fresh
 *    workerd, so the RSS growth of each stage shows (BENCH_OCDS_STAGES_N releases, default 40,000).
 *
 * Goal: flat, < 128 MB of the Worker's own. Run from the repository root:
 *   . scripts/env.sh && pnpm --dir bench exec tsx ocds-bulk.ts
 * Optional: BENCH_OCDS_N=160000, BENCH_INSPECTOR_PORT=9332.
 *
 * Input: the releases mapped from the 14 real eForms fixtures, re-issued with new ids and ocids, read in
 * pages of 500 like the exporter's D1 keyset (ocds-bulk-rows.ts). Not a test: figures depend on the machine.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { mapEformsNotice, parseEformsNotice } from "@doffin/core";
import type { Miniflare } from "miniflare";
import { type BulkFormat, encodeReleases, gzipStream } from "../apps/tracker/src/ocds/bulk/encode";
import { PART_SIZE } from "../apps/tracker/src/ocds/bulk/sink";
import { benchReleases } from "./ocds-bulk-rows";
import { bundleBenchWorker, COMPAT } from "./worker-bundle";
import { sampleIsolateHeap, sampleWorkerdRss, workerdRss } from "./workerd-memory";

const N = Number(process.env.BENCH_OCDS_N ?? 160_000);
/** Releases of the stage-by-stage runs (a separate workerd, so stage peaks are not the format runs'). */
const N_STAGES = Number(process.env.BENCH_OCDS_STAGES_N ?? 40_000);
const INSPECTOR_PORT = Number(process.env.BENCH_INSPECTOR_PORT ?? 9332);
const DOWNLOADS = new URL("../fixtures/doffin/public-api/download/", import.meta.url);

const base: string[] = readdirSync(DOWNLOADS)
  .filter((f) => f.endsWith(".xml"))
  .sort()
  .flatMap((f) =>
    mapEformsNotice(
      parseEformsNotice(readFileSync(new URL(f, DOWNLOADS), "utf8"), { doffinId: f.replace(/\.xml$/, "") }),
    ),
  )
  .map((r) => JSON.stringify(r));

const formats: [string, BulkFormat][] = [
  [
    "release package (JSON)",
    {
      kind: "package",
      meta: { uri: "https://gw.example/ocds/bulk/x.json.gz", publishedDate: "2026-12-01T00:00:00Z" },
    },
  ],
  ["NDJSON", { kind: "ndjson" }],
  ["CSV releases", { kind: "csv", sheet: "releases" }],
  ["CSV parties", { kind: "csv", sheet: "parties" }],
];
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const rate = (ms: number) => Math.round(N / (ms / 1000)).toLocaleString("en");

// 1. Node: the R2 sink's memory shape, one 5 MiB part buffer (flushed = dropped here) + SHA-256.
async function drain(stream: ReadableStream<Uint8Array>) {
  const hash = createHash("sha256");
  const part = new Uint8Array(PART_SIZE);
  let filled = 0;
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.byteLength;
    let off = 0;
    while (off < chunk.byteLength) {
      const n = Math.min(PART_SIZE - filled, chunk.byteLength - off);
      part.set(chunk.subarray(off, off + n), filled);
      filled += n;
      off += n;
      if (filled === PART_SIZE) filled = 0;
    }
  }
  return { size, sha256: hash.digest("hex") };
}

const nodeRows: string[] = [];
globalThis.gc?.();
const baseline = process.memoryUsage();
for (const [name, format] of formats) {
  console.error(`bench: Node, ${name}…`);
  const peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0 };
  const samples: number[] = [];
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
    peak.external = Math.max(peak.external, m.external);
    samples.push(m.heapUsed);
  }, 50);
  const t0 = performance.now();
  const out = await drain(gzipStream(encodeReleases(benchReleases(base, N), format)));
  const ms = performance.now() - t0;
  clearInterval(timer);
  // Flat: the heap in the last quarter of the run is no higher than in the first quarter.
  const q = Math.max(1, Math.floor(samples.length / 4));
  const first = Math.max(...samples.slice(0, q));
  const last = Math.max(...samples.slice(-q));
  nodeRows.push(
    `| ${name} | ${mb(out.size)} | ${(ms / 1000).toFixed(1)} | ${rate(ms)} | ${mb(peak.rss)} | +${mb(peak.rss - baseline.rss)} | ${mb(peak.heapUsed)} | ${mb(peak.heapTotal)} | ${mb(peak.external)} | ${mb(first)} → ${mb(last)} |`,
  );
}

const nodeMaxRss = process.resourceUsage().maxRSS * 1024;

// 2. workerd. Miniflare is loaded only now, so the Node runs' baseline is not its ~90 MB of modules.
const { convertV4MiniflareOptions, Miniflare: MiniflareClass } = await import("miniflare");
console.error("bench: bundling the bulk bench Worker…");
const script = bundleBenchWorker("ocds-bulk-bench", new URL("./ocds-bulk-worker.ts", import.meta.url));

/** A fresh workerd with the bench Worker and its base releases loaded, and its idle RSS. */
async function startWorkerd() {
  const mf = new MiniflareClass({
    ...(convertV4MiniflareOptions({
      modules: true,
      scriptPath: script,
      modulesRoot: dirname(script),
      ...COMPAT,
      r2Buckets: ["OCDS"],
      r2Persist: mkdtempSync(join(tmpdir(), "doffin-ocds-bulk-r2-")),
    } as never) as object),
    inspectorPort: INSPECTOR_PORT,
  } as never);
  await mf.ready;
  await mf.dispatchFetch("http://bench/base", { method: "POST", body: JSON.stringify(base) });
  await new Promise((r) => setTimeout(r, 1000));
  const heap = await sampleIsolateHeap(INSPECTOR_PORT);
  await new Promise((r) => setTimeout(r, 400));
  return { mf, idle: workerdRss(), idleHeap: (await heap.stop()).used };
}

/** One export in the Worker, with the workerd RSS peak and the isolate heap peaks over it. */
async function exportIn(mf: Miniflare, format: BulkFormat, n: number, stage: string) {
  const rss = sampleWorkerdRss();
  const heap = await sampleIsolateHeap(INSPECTOR_PORT);
  const t0 = performance.now();
  const res = await mf.dispatchFetch(
    `http://bench/export?n=${n}&stage=${stage}&format=${encodeURIComponent(JSON.stringify(format))}`,
    { method: "POST" },
  );
  const out = (await res.json()) as { size: number };
  const ms = performance.now() - t0;
  return { size: out.size, ms, rss: rss.stop(), heap: await heap.stop() };
}

const workerdRows: string[] = [];
const main = await startWorkerd();
try {
  for (const [name, format] of formats) {
    console.error(`bench: workerd, ${name}…`);
    const r = await exportIn(main.mf, format, N, "r2");
    workerdRows.push(
      `| ${name} | ${N.toLocaleString("en")} | ${mb(r.size)} | ${(r.ms / 1000).toFixed(1)} | ${rate(r.ms)} | ${r.rss.toFixed(0)} | +${(r.rss - main.idle).toFixed(0)} | ${r.heap.used.toFixed(1)} | ${r.heap.total.toFixed(1)} |`,
    );
  }
} finally {
  await main.mf.dispose();
}

// Where workerd's RSS goes: the NDJSON file stage by stage, each stage in a fresh workerd.
const stageRows: string[] = [];
for (const stage of ["encode", "gzip", "r2"]) {
  console.error(`bench: workerd, NDJSON up to ${stage}…`);
  const w = await startWorkerd();
  try {
    const r = await exportIn(w.mf, { kind: "ndjson" }, N_STAGES, stage);
    stageRows.push(
      `| ${stage} | ${N_STAGES.toLocaleString("en")} | ${mb(r.size)} | ${(r.ms / 1000).toFixed(1)} | ${w.idle.toFixed(0)} | ${r.rss.toFixed(0)} | +${(r.rss - w.idle).toFixed(0)} | ${w.idleHeap.toFixed(1)} → ${r.heap.used.toFixed(1)} |`,
    );
  } finally {
    await w.mf.dispose();
  }
}

console.log(
  `\nOCDS bulk export of ${N.toLocaleString("en")} releases, load average ${loadavg()[0]?.toFixed(1)}`,
);
console.log(
  `\n1. Node ${process.version} (same streams, sink shaped like R2's); baseline before the first run: RSS ${mb(baseline.rss)} MB, heap ${mb(baseline.heapUsed)} MB, external ${mb(baseline.external)} MB\n`,
);
console.log(
  "| format | gzip MB | s | releases/s | peak RSS MB | RSS over baseline MB | peak heap used MB | peak heap total MB | peak external MB | heap first → last quarter MB |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of nodeRows) console.log(r);
console.log(`\nNode process maxRSS over the Node runs: ${mb(nodeMaxRss)} MB`);
console.log(
  `\n2. workerd (Miniflare, real putStream → R2 multipart, ${PART_SIZE / 2 ** 20} MiB parts, R2 persisted to disk); idle workerd with the Worker loaded: RSS ${main.idle.toFixed(0)} MB, isolate heap used ${main.idleHeap.toFixed(1)} MB\n`,
);
console.log(
  "| format | releases | gzip MB | s | releases/s | peak workerd RSS MB | RSS over idle MB | peak isolate heap used MB | peak isolate heap total MB |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of workerdRows) console.log(r);
console.log("\n3. workerd, NDJSON stage by stage (each in a fresh workerd): where the RSS goes\n");
console.log(
  "| up to | releases | MB out | s | idle RSS MB | peak RSS MB | RSS over idle MB | idle → peak isolate heap used MB |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of stageRows) console.log(r);
