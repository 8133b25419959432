/**
 * eForms XML parse throughput of @doffin/core (`parseEformsNotice`), in Node and in workerd.
 *
 * Run from the repository root:
 *   . scripts/env.sh && pnpm --filter @doffin/bench exec tsx eforms-parse.ts
 * Optional: BENCH_MS=2000 (time per Node cell, default 1500).
 *
 * Inputs: the 14 real Doffin notices in fixtures/doffin/public-api/download, and a ~650 KB notice built
 * from the largest one (2023-653367, pin-rtl, 18 lots) by repeating its lots under new ids — no real
 * fixture is that big. Baseline, measured in the same run on the same bytes: the raw parse
 * (htmlparser2 → element tree, no safety guard, no mapping), so `full / raw` shows what the guard and
 * the mapping to the model cost. CPU ms per notice comes from `process.cpuUsage` in Node; in workerd it
 * is the in-isolate time per notice (one thread, no I/O, so wall ≈ CPU), measured from outside as
 * (request with N iterations − request with 0) / N, because a Worker's clock stands still during CPU work.
 */
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname } from "node:path";
import { parseEformsNotice } from "@doffin/core";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { parseXmlTree } from "../packages/core/src/eforms/xml-tree";
import { bundleBenchWorker } from "./worker-bundle";

const BENCH_MS = Number(process.env.BENCH_MS ?? 1500);
const DOWNLOADS = new URL("../fixtures/doffin/public-api/download/", import.meta.url);
const real = readdirSync(DOWNLOADS)
  .filter((f) => f.endsWith(".xml"))
  .sort()
  .map((f) => ({ id: f.replace(/\.xml$/, ""), xml: readFileSync(new URL(f, DOWNLOADS), "utf8") }));
const bytesOf = (docs: readonly string[]) => docs.reduce((sum, d) => sum + Buffer.byteLength(d), 0);

/** The largest real notice grown to ≥ 650 KB by appending copies of its lots with fresh lot ids. */
function bigNotice(): string {
  const source = real.reduce((a, b) => (b.xml.length > a.xml.length ? b : a)).xml;
  const lots = source.match(/<cac:ProcurementProjectLot[\s\S]*?<\/cac:ProcurementProjectLot>/g) ?? [];
  const end = source.lastIndexOf("</cac:ProcurementProjectLot>") + "</cac:ProcurementProjectLot>".length;
  const copies: string[] = [];
  let size = source.length;
  for (let i = 0; size < 650 * 1024 && lots.length > 0; i++) {
    const copy = Math.floor(i / lots.length) + 1;
    const renamed = (lots[i % lots.length] as string).replaceAll(
      'schemeName="Lot">LOT-',
      `schemeName="Lot">LOT-C${copy}-`,
    );
    copies.push(renamed);
    size += renamed.length;
  }
  return source.slice(0, end) + copies.join("") + source.slice(end);
}
const big = bigNotice();
const bigLots = parseEformsNotice(big).lots.length;

type Fn = (xml: string) => unknown;
const full: Fn = (xml) => parseEformsNotice(xml);
const raw: Fn = (xml) => parseXmlTree(xml);

/** Notices per second over the documents, round-robin, after a time-based warm-up. */
function nodeRate(docs: readonly string[], fn: Fn): number {
  let sink = 0;
  const warmUntil = performance.now() + 300;
  for (let i = 0; performance.now() < warmUntil; i++) sink += fn(docs[i % docs.length] as string) ? 1 : 0;
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < BENCH_MS) {
    for (const d of docs) sink += fn(d) ? 1 : 0;
    n += docs.length;
  }
  if (sink < 0) console.log(sink); // keeps the results observable
  return n / ((performance.now() - start) / 1000);
}

/** Mean CPU milliseconds (user + system) of one parse. */
function nodeCpuMs(xml: string, fn: Fn, runs = 30): number {
  fn(xml);
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i++) fn(xml);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / runs;
}

/** In-isolate milliseconds per pass over the loaded documents (median of 3, empty run subtracted). */
async function workerMsPerPass(mf: Miniflare, docs: readonly string[], mode: string, iterations: number) {
  await mf.dispatchFetch("http://bench/load", { method: "POST", body: JSON.stringify(docs) });
  const time = async (n: number) => {
    const t0 = performance.now();
    await (await mf.dispatchFetch(`http://bench/run?mode=${mode}&iterations=${n}`)).text();
    return performance.now() - t0;
  };
  await time(Math.max(1, Math.floor(iterations / 4))); // warm-up: JIT, not the first-request cost
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) samples.push(((await time(iterations)) - (await time(0))) / iterations);
  return samples.sort((a, b) => a - b)[1] as number;
}

type Row = {
  runtime: string;
  input: string;
  docs: readonly string[];
  fullRate: number;
  rawRate: number;
  cpuMs: number | null;
};
const rows: Row[] = [];
const realDocs = real.map((r) => r.xml);
const largestReal = real.reduce((a, b) => (b.xml.length > a.xml.length ? b : a));

for (const [input, docs] of [
  [`14 real notices (${Math.round(bytesOf(realDocs) / 1024)} KB)`, realDocs],
  [`${Math.round(bytesOf([big]) / 1024)} KB notice (${bigLots} lots)`, [big]],
] as const) {
  rows.push({
    runtime: `Node ${process.version}`,
    input,
    docs,
    fullRate: nodeRate(docs, full),
    rawRate: nodeRate(docs, raw),
    cpuMs: docs.length === 1 ? nodeCpuMs(docs[0] as string, full) : null,
  });
}
const largestCpu = nodeCpuMs(largestReal.xml, full);

const scriptPath = bundleBenchWorker("eforms-bench", new URL("./eforms-worker.ts", import.meta.url));
const mf = new Miniflare(
  convertV4MiniflareOptions({
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    compatibilityDate: "2026-11-01",
  } as never) as never,
);
try {
  for (const [input, docs, iterations] of [
    [rows[0]?.input ?? "", realDocs, 20],
    [rows[1]?.input ?? "", [big], 40],
  ] as const) {
    const fullMs = await workerMsPerPass(mf, docs, "full", iterations);
    const rawMs = await workerMsPerPass(mf, docs, "baseline", iterations);
    rows.push({
      runtime: "workerd (Miniflare)",
      input,
      docs,
      fullRate: (docs.length / fullMs) * 1000,
      rawRate: (docs.length / rawMs) * 1000,
      cpuMs: docs.length === 1 ? fullMs : null,
    });
  }
} finally {
  await mf.dispose();
}

const mbps = (rate: number, docs: readonly string[]) =>
  ((rate * bytesOf(docs)) / docs.length / 1e6).toFixed(1);
console.log(
  `eForms parse throughput (parseEformsNotice vs the raw htmlparser2 tree, ${BENCH_MS} ms per Node cell)`,
);
console.table(
  rows.map((r) => ({
    runtime: r.runtime,
    input: r.input,
    "full MB/s": mbps(r.fullRate, r.docs),
    "full notices/s": Math.round(r.fullRate),
    "raw MB/s": mbps(r.rawRate, r.docs),
    "full / raw": (r.fullRate / r.rawRate).toFixed(2),
    "ms per notice": r.cpuMs === null ? "" : r.cpuMs.toFixed(1),
  })),
);
console.log(
  `largest real notice ${largestReal.id} (${Math.round(largestReal.xml.length / 1024)} KB): ${largestCpu.toFixed(1)} CPU ms in Node. ` +
    `Goal: ≥ 20 MB/s and ≤ 50 ms CPU for a 650 KB notice. Load average ${loadavg()[0]?.toFixed(1)} on this machine ` +
    "(MB/s are wall-clock, so they fall under load; CPU ms do not).",
);
