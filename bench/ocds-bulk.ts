/**
 * OCDS bulk export: N = 160,000 releases streamed through the tracker's bulk pipeline
 * (apps/tracker/src/ocds/bulk: `encodeReleases` → gzip `CompressionStream` → a sink shaped like the R2
 * one: 5 MiB part buffer + running SHA-256), one run per format. Peak memory is sampled every 50 ms
 * (RSS and V8 heap) and `process.resourceUsage().maxRSS` read after each format. Goal: flat, < 128 MB.
 *
 * Run from the repository root:
 *   . scripts/env.sh && pnpm --dir bench exec tsx ocds-bulk.ts
 * Optional: BENCH_OCDS_N=160000.
 *
 * Input: the releases mapped from the 14 real eForms fixtures, re-issued with new ids and ocids (each one is
 * a row of D1 as JSON text, parsed as the exporter parses rows), read in pages of 500 like the exporter's D1
 * keyset. Not a test: figures depend on the machine.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { mapEformsNotice, type OcdsRelease, parseEformsNotice } from "@doffin/core";
import { type BulkFormat, encodeReleases, gzipStream } from "../apps/tracker/src/ocds/bulk/encode";

const N = Number(process.env.BENCH_OCDS_N ?? 160_000);
const PART = 5 * 1024 * 1024;
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

/** N releases as D1 would hand them over: pages of 500 JSON rows, each parsed on the way. */
async function* rows(): AsyncGenerator<OcdsRelease> {
  for (let start = 0; start < N; start += 500) {
    const page = Array.from({ length: Math.min(500, N - start) }, (_, k) => {
      const i = start + k;
      const r = JSON.parse(base[i % base.length] ?? "{}") as OcdsRelease;
      r.id = `${r.id}-${i}`;
      r.ocid = `ocds-xxxxxx-bench-${Math.floor(i / 3)}`;
      return JSON.stringify(r);
    });
    await new Promise((r) => setImmediate(r)); // a D1 round trip yields the event loop
    for (const row of page) yield JSON.parse(row) as OcdsRelease;
  }
}

/** The R2 sink's memory shape: a 5 MiB part buffer, flushed (here: dropped) when full; SHA-256 on the way. */
async function drain(stream: ReadableStream<Uint8Array>) {
  const hash = createHash("sha256");
  const part = new Uint8Array(PART);
  let filled = 0;
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.byteLength;
    let off = 0;
    while (off < chunk.byteLength) {
      const n = Math.min(PART - filled, chunk.byteLength - off);
      part.set(chunk.subarray(off, off + n), filled);
      filled += n;
      off += n;
      if (filled === PART) filled = 0;
    }
  }
  return { size, sha256: hash.digest("hex") };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
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

const rowsOut: string[] = [];
globalThis.gc?.();
const baseline = process.memoryUsage();
for (const [name, format] of formats) {
  let peakRss = 0;
  let peakHeap = 0;
  const samples: number[] = [];
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    samples.push(m.heapUsed);
  }, 50);
  const t0 = performance.now();
  const out = await drain(gzipStream(encodeReleases(rows(), format)));
  const ms = performance.now() - t0;
  clearInterval(timer);
  // Flat: the heap in the last quarter of the run is no higher than in the first quarter (+ 32 MB slack).
  const q = Math.max(1, Math.floor(samples.length / 4));
  const first = Math.max(...samples.slice(0, q));
  const last = Math.max(...samples.slice(-q));
  rowsOut.push(
    `| ${name} | ${N.toLocaleString("en")} | ${mb(out.size)} | ${(ms / 1000).toFixed(1)} | ${Math.round(N / (ms / 1000)).toLocaleString("en")} | ${mb(peakRss)} | ${mb(peakHeap)} | ${mb(first)} → ${mb(last)} |`,
  );
}
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(
  `\nOCDS bulk export, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}; baseline before the first run: RSS ${mb(baseline.rss)} MB, heap ${mb(baseline.heapUsed)} MB\n`,
);
console.log(
  "| format | releases | gzip MB | s | releases/s | peak RSS MB | peak heap MB | heap first → last quarter MB |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rowsOut) console.log(r);
console.log(`\nprocess maxRSS over all runs: ${mb(maxRss)} MB (goal < 128 MB)`);
