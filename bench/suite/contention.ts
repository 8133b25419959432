/**
 * Contention: CONTENTION_USERS (default 200) concurrent distinct cache misses while the tracker's backfill
 * runs. demo.sh's priming ticks finish the demo corpus's backfill before the suite starts, so the part first
 * forgets the backfill's progress (`POST /_demo/backfill/reset`, demo entry only) and then starts a tick
 * (`/_demo/tick`, which backfills from BACKFILL_FROM again) together with the burst. It polls the emulator's
 * request counter every 250 ms to find the most requests it saw in any one of its rate-limit windows
 * (shown beside its limit; the emulator's own 429 counter is what decides).
 *
 * Passes when the emulator never rate-limited anyone (its own `rateLimited` counter: the shared budget
 * kept everyone under its limit), no user got an upstream 429 passed through, and the backfill harvested
 * notices during the tick (from /v1/tracker/status, before vs after).
 */
import { pool, sleep, table, type Urls } from "./lib";

type Backfill = { status: string; harvested: number; windowsPending: number; upstreamRequests: number };
type Stats = { total: number; rateLimited: number };

/**
 * The most requests within any `windowMs` span of the samples (time, running total): for each sample, the
 * increase since the first sample at most `windowMs` older. With 250 ms samples it is a lower bound of
 * the true busiest window by at most what arrives in 250 ms; the emulator's own 429 counter is the check.
 */
export function maxInWindow(samples: [number, number][], windowMs: number): number {
  let max = 0;
  let from = 0;
  for (const [t, total] of samples) {
    while ((samples[from]?.[0] ?? t) < t - windowMs) from += 1;
    max = Math.max(max, total - (samples[from]?.[1] ?? total));
  }
  return max;
}

export async function contention(urls: Urls): Promise<string> {
  const users = Number(process.env.CONTENTION_USERS ?? 200);
  const json = async <T>(url: string, init?: RequestInit) => (await (await fetch(url, init)).json()) as T;
  const backfill = async () => (await json<{ backfill: Backfill }>(`${urls.api}/v1/tracker/status`)).backfill;
  const limit = await json<{ limit: number; windowMs: number }>(`${urls.emulator}/_emulator/rate-limit`);
  const reset = await json<{ reset: number }>(`${urls.tracker}/_demo/backfill/reset`, { method: "POST" });
  const before = await backfill();
  await fetch(`${urls.emulator}/_emulator/stats/reset`, { method: "POST" });

  // The emulator's running total, sampled while the part runs (for the busiest window).
  const samples: [number, number][] = [[Date.now(), 0]];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const s = await json<Stats>(`${urls.emulator}/_emulator/stats`);
      samples.push([Date.now(), s.total]);
      await sleep(250);
    }
  })();

  const tick = json<{ backfill: { requestsThisRun: number; error: string | null } | null }>(
    `${urls.tracker}/_demo/tick`,
    { method: "POST", signal: AbortSignal.timeout(180_000) },
  );
  const codes = new Map<string, number>();
  let passed429 = 0;
  const t0 = Date.now();
  await pool(users, users, async (i) => {
    const res = await fetch(`${urls.api}/v1/notices?q=${encodeURIComponent(`contention${i}`)}&limit=5`, {
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const code = res.ok
      ? String(res.status)
      : `${res.status} ${(JSON.parse(text) as { error: { code: string } }).error.code}`;
    codes.set(code, (codes.get(code) ?? 0) + 1);
    // An upstream 429 passed through would carry the emulator's APIM body or its Retry-After as-is.
    if (text.includes("Rate limit is exceeded")) passed429 += 1;
  });
  const usersDone = Date.now() - t0;
  const ticked = await tick;
  const tickMs = Date.now() - t0;
  sampling = false;
  await sampler;
  const stats = await json<Stats>(`${urls.emulator}/_emulator/stats`);
  const after = await backfill();
  const busiest = maxInWindow(samples, limit.windowMs);
  const progressed = after.harvested > before.harvested;
  const show = (b: Backfill) => `${b.status}, ${b.harvested} notices, ${b.windowsPending} windows pending`;
  return table(
    [
      "users",
      "answers",
      "users done (ms)",
      "tick done (ms)",
      "upstream calls",
      `emulator max per ${limit.windowMs / 1000} s (limit ${limit.limit})`,
      "emulator 429s",
      "upstream 429 passed to a user",
      "backfill before (reset)",
      "backfill after",
      "backfill requests this tick",
      "verdict",
    ],
    [
      [
        users,
        [...codes.entries()].map(([c, n]) => `${c}×${n}`).join(", "),
        usersDone,
        tickMs,
        stats.total,
        busiest,
        stats.rateLimited,
        passed429,
        `${show(before)} (${reset.reset} row forgotten)`,
        show(after),
        `${ticked.backfill?.requestsThisRun ?? 0}${ticked.backfill?.error ? ` (error: ${ticked.backfill.error.slice(0, 60)})` : ""}`,
        stats.rateLimited === 0 && passed429 === 0 && progressed
          ? "ok"
          : `FAIL${progressed ? "" : " (backfill did not move)"}`,
      ],
    ],
  );
}
