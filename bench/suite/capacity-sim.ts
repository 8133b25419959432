/**
 * The simulation behind docs/capacity.md: how many upstream calls (= KV writes, = budget Durable Object
 * requests) per 1000 client requests a Zipf read mix costs at a given traffic, and the busiest 10 s window of
 * upstream calls against the upstream's limit (Doffin: ~30 per 10 s). Not arithmetic, because the hit ratio
 * grows with traffic: the more requests per TTL, the more of them find a fresh entry.
 * Model (the cache's rules, simplified): one global cache, an entry is fresh for TTL s, then served stale
 * and refreshed once in the background (within SWR) or missed (beyond it): either way one upstream call, so
 * SWR changes latency, not the count. Arrivals Poisson at `rate` req/s, queries
 * Zipf(s) over `queries` distinct searches. Run: `pnpm --dir bench exec tsx suite/capacity-sim.ts`.
 */
import { rng, table } from "./lib";

/** Upstream calls per 1000 requests and the busiest 10 s window, over `seconds` of simulated traffic. */
export function simulate(rate: number, queries: number, s: number, ttl: number, seconds: number) {
  const r = rng(42);
  const weights = Array.from({ length: queries }, (_, i) => 1 / (i + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w;
    cdf.push(acc / total);
  }
  const pick = () => {
    const u = r();
    let lo = 0;
    let hi = queries - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 1) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const storedAt = new Float64Array(queries).fill(-Infinity);
  const windows = new Map<number, number>();
  let t = 0;
  let n = 0;
  let calls = 0;
  while (t < seconds) {
    t += -Math.log(1 - r()) / rate;
    n += 1;
    const q = pick();
    const age = t - (storedAt[q] ?? -Infinity);
    if (age <= ttl) continue;
    // stale within SWR: served, refreshed once (the refresh re-stores); beyond: a miss. Both cost one call.
    storedAt[q] = t;
    calls += 1;
    const w = Math.floor(t / 10);
    windows.set(w, (windows.get(w) ?? 0) + 1);
  }
  // The first TTL is the cold start; the steady state is what a month looks like.
  const busiest = Math.max(...[...windows.entries()].filter(([w]) => w * 10 > ttl).map(([, c]) => c));
  return { perThousand: (calls / n) * 1000, busiest10s: busiest, requests: n };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = Number(process.env.SIM_BASE_RPS ?? 1);
  const rows = [1, 10, 100, 1000].map((k) => {
    const res = simulate(
      base * k,
      Number(process.env.SIM_QUERIES ?? 20_000),
      1.1,
      300,
      Number(process.env.SIM_SECONDS ?? 1800),
    );
    return [
      `${k}×`,
      base * k,
      res.requests,
      res.perThousand.toFixed(1),
      res.busiest10s,
      res.busiest10s > 28 ? "over the budget (28/11 s)" : "within",
    ];
  });
  table(
    [
      "traffic",
      "req/s",
      "simulated requests",
      "upstream calls / 1000",
      "busiest 10 s (calls)",
      "vs shared budget",
    ],
    rows,
  );
}
