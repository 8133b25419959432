/**
 * A Zipf-distributed query mix against the API app with an injected clock: "N minutes of traffic" are
 * simulated by stamping each request with its scheduled time (the cache's TTL/SWR logic reads only the
 * injected clock), so 5 simulated minutes run in a few real seconds. Upstream = the emulator over HTTP;
 * KV = an in-memory map with the same get/put surface.
 */
import { createApp } from "../apps/api/src/app";

type Options = {
  emulatorUrl: string;
  minutes: number;
  requestsPerSecond: number;
  distinctQueries: number;
  /** Zipf exponent (≈1 for web traffic). */
  s: number;
  seed: number;
};

/** mulberry32: a tiny deterministic PRNG so every run draws the same mix. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ["COMPETITION", "RESULT", "PLANNING", "ANNOUNCEMENT_OF_COMPETITION", "ANNOUNCEMENT_OF_INTENT"];
const STATUSES = ["ACTIVE", "EXPIRED", "AWARDED"];
const LOCATIONS = ["NO081", "Vestland", "Rogaland", "Trøndelag", "Nordland", "Agder", "Innlandet", "NO084"];
const CPVS = ["45*", "72*", "33*", "79*", "90*", "71*", "48*", "34*"];
const WORDS = ["skole", "vei", "bygg", "renhold", "konsulent", "programvare", "transport", "helse"];

/** Distinct, valid search URLs; rank 1 is the most popular. */
export function queryPool(n: number, seed: number): string[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out = new Set<string>();
  while (out.size < n) {
    const p = new URLSearchParams();
    if (rnd() < 0.7) p.set("type", pick(TYPES));
    if (rnd() < 0.3) p.set("status", pick(STATUSES));
    if (rnd() < 0.4) p.set("location", pick(LOCATIONS));
    if (rnd() < 0.3) p.set("cpv", pick(CPVS));
    if (rnd() < 0.3) p.set("q", pick(WORDS));
    if (rnd() < 0.2) p.set("page", String(1 + Math.floor(rnd() * 3)));
    out.add(`/v1/notices?${p}`);
  }
  return [...out];
}

function zipfSampler(n: number, s: number, rnd: () => number) {
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cdf.push(acc);
  }
  return () => {
    const u = rnd();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 1) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function memoryKv() {
  const store = new Map<string, string>();
  return {
    async get(key: string, type?: string) {
      const v = store.get(key);
      if (v === undefined) return null;
      return type === "json" ? JSON.parse(v) : v;
    },
    async put(key: string, value: string) {
      store.set(key, value);
    },
  };
}

export async function simulateZipf(o: Options) {
  const upstreamCalls = async () =>
    ((await (await fetch(`${o.emulatorUrl}/_emulator/stats`)).json()) as { total: number }).total;
  await fetch(`${o.emulatorUrl}/_emulator/stats/reset`, { method: "POST" });
  let clock = Date.parse("2026-11-23T08:00:00Z");
  const app = createApp({ now: () => clock });
  const env = { CACHE: memoryKv(), UPSTREAM_BASE_URL: o.emulatorUrl, UPSTREAM_KIND: "webclient" } as never;
  const pool = queryPool(o.distinctQueries, o.seed);
  const rnd = prng(o.seed + 1);
  const next = zipfSampler(pool.length, o.s, rnd);
  const total = Math.round(o.minutes * 60 * o.requestsPerSecond);
  const start = clock;
  const statuses = new Map<number, number>();
  const pending: Promise<unknown>[] = [];
  // Ten clients per simulated tick, concurrently, so coalescing of simultaneous misses counts too.
  for (let i = 0; i < total; i += 10) {
    clock = start + Math.floor((i / o.requestsPerSecond) * 1000);
    const batch = Array.from({ length: Math.min(10, total - i) }, async () => {
      const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {} };
      const res = await app.request(pool[next()] as string, {}, env, ctx as never);
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    });
    await Promise.all(batch);
  }
  await Promise.allSettled(pending);
  const calls = await upstreamCalls();
  return { requests: total, upstreamCalls: calls, per1000: (calls / total) * 1000, statuses };
}
