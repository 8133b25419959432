/**
 * Normalizing throughput of @doffin/core, in notices per second, for the three upstream shapes.
 *
 * Run from the repository root:
 *   . scripts/env.sh && pnpm --filter @doffin/bench exec tsx normalize.ts
 * Optional: BENCH_MS=2000 (time per row, default 1000).
 *
 * Each row measures (a) schema validation + normalization of an already-`JSON.parse`d object — what the
 * client does per response — and (b) normalization alone. Inputs are the real fixtures in fixtures/doffin.
 */
import { readFileSync } from "node:fs";
import {
  normalizePublicApiHit,
  normalizeWebclientDetail,
  normalizeWebclientHit,
  noticeFromPublicApiHit,
  PublicApiHit,
  PublicApiSearchResponse,
  WebclientHit,
  WebclientNoticeDetail,
} from "@doffin/core";

const FIXTURES = new URL("../fixtures/doffin/", import.meta.url);
const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, FIXTURES), "utf8"));
const BENCH_MS = Number(process.env.BENCH_MS ?? 1000);

const webHits = [read("webclient/search-hit-2026-107921.json")];
const publicHits = [
  ...PublicApiSearchResponse.parse(read("public-api/search-response-page.json")).hits,
  ...["contract-notice", "contract-award-notice", "intention-notice", "prior-information-notice"].map((n) =>
    read(`public-api/hits/${n}.json`),
  ),
];
const details = [read("webclient/notice-detail-2026-107918.abridged.json")];

/** Runs `fn` over the inputs round-robin for BENCH_MS after a warm-up; returns calls per second. */
const throughput = (inputs: readonly unknown[], fn: (input: unknown) => unknown): number => {
  let sink = 0;
  // Warm up by time, not count: cells differ 50× in cost, and a short warm-up leaves some on the baseline JIT.
  const warmUntil = performance.now() + Math.min(300, BENCH_MS / 2);
  for (let i = 0; performance.now() < warmUntil; i++) sink += fn(inputs[i % inputs.length]) ? 1 : 0;
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < BENCH_MS) {
    for (let i = 0; i < 256; i++, n++) sink += fn(inputs[n % inputs.length]) ? 1 : 0;
    elapsed = performance.now() - start;
  }
  if (sink < 0) console.log(sink); // keeps the results observable so the work is not optimised away
  return (n / elapsed) * 1000;
};

const rows = [
  {
    shape: "web client hit → NoticeSummary",
    full: throughput(webHits, (x) => normalizeWebclientHit(WebclientHit.parse(x))),
    normalizeOnly: throughput(
      webHits.map((x) => WebclientHit.parse(x)),
      (x) => normalizeWebclientHit(x as WebclientHit),
    ),
  },
  {
    shape: "Public API hit → NoticeSummary",
    full: throughput(publicHits, (x) => normalizePublicApiHit(PublicApiHit.parse(x))),
    normalizeOnly: throughput(
      publicHits.map((x) => PublicApiHit.parse(x)),
      (x) => normalizePublicApiHit(x as PublicApiHit),
    ),
  },
  {
    shape: "Public API hit → Notice",
    full: throughput(publicHits, (x) => noticeFromPublicApiHit(PublicApiHit.parse(x))),
    normalizeOnly: throughput(
      publicHits.map((x) => PublicApiHit.parse(x)),
      (x) => noticeFromPublicApiHit(x as PublicApiHit),
    ),
  },
  {
    shape: "web client detail → Notice",
    full: throughput(details, (x) => normalizeWebclientDetail(WebclientNoticeDetail.parse(x))),
    normalizeOnly: throughput(
      details.map((x) => WebclientNoticeDetail.parse(x)),
      (x) => normalizeWebclientDetail(x as WebclientNoticeDetail),
    ),
  },
];

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`normalize throughput (notices/s, ${BENCH_MS} ms per cell, Node ${process.version})`);
console.table(
  rows.map((r) => ({
    shape: r.shape,
    "validate + normalize": fmt(r.full),
    "normalize only": fmt(r.normalizeOnly),
  })),
);
