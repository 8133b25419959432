import { env } from "cloudflare:workers";
import { TrackerStatus } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { runTick } from "../src/scheduled";
import { API_KEY, clearBucket, request, rows } from "./contract-helpers";
import { allEvents, clearDb, emulator, emulatorUrl } from "./helpers";

const NOW = "2026-11-20T12:00:00.000Z";
const CORPUS = { seed: 47, count: 500, from: "2026-08-01", to: "2026-11-20", now: NOW };
const BUDGET = 8;
const RATE = { limit: 3, windowMs: 400 };

/** A Public API deployment whose ticks only backfill (sweep off), with a small budget and pace. */
const tickEnv = () =>
  ({
    ...env,
    UPSTREAM_KIND: "public-api",
    DOFFIN_API_KEY: API_KEY,
    UPSTREAM_BASE_URL: emulatorUrl(),
    SWEEP_WINDOW_DAYS: "0",
    BACKFILL_FROM: "2026-11-01",
    REQUEST_BUDGET: String(BUDGET),
    UPSTREAM_RATE_LIMIT: String(RATE.limit),
    UPSTREAM_RATE_WINDOW_MS: String(RATE.windowMs),
    // No shared budget object: this tick paces itself (UPSTREAM_RATE_*), which is what the pace
    // assertion below checks; the shared budget's own pacing is tested in apps/api/test/budget.test.ts.
    BUDGET: undefined,
  }) as unknown as Env;

const status = async () => TrackerStatus.parse(await (await request("/v1/tracker/status")).json());

describe("XML backfill through the cron tick (Public API mode)", () => {
  beforeAll(async () => {
    await emulator.reset(CORPUS);
    await clearDb();
    await clearBucket();
  });

  it("fetches every tracked notice's XML, resumably, within budget and pace, reporting progress", async () => {
    const sentAt: number[] = [];
    const logged: typeof fetch = (input, init) => {
      sentAt.push(Date.now());
      return fetch(input, init);
    };
    const progress: { pending: number; stored: number; backfill: string }[] = [];
    for (let tick = 0; tick < 40; tick++) {
      await emulator.resetStats();
      const r = await runTick(tickEnv(), new Date(NOW), { fetch: logged });
      const stats = await emulator.stats();
      // Every upstream call, downloads included, counts against the one budget.
      expect(stats.total, `tick ${tick}`).toBeLessThanOrEqual(BUDGET);
      expect(stats.total).toBe((r.backfill?.requestsThisRun ?? 0) + (r.xmlBackfill?.requestsThisRun ?? 0));
      const s = await status();
      progress.push({
        pending: s.contractData.pending,
        stored: s.contractData.stored,
        backfill: s.backfill.status,
      });
      if (s.backfill.status === "done" && s.contractData.pending === 0) break;
    }
    const last = progress.at(-1);
    expect(last).toMatchObject({ pending: 0, backfill: "done" });
    expect(progress.length).toBeGreaterThan(3);
    // Progress only moves forward, one budget's worth at a time.
    for (let i = 1; i < progress.length; i++) {
      const [a, b] = [progress[i - 1], progress[i]] as [(typeof progress)[0], (typeof progress)[0]];
      expect(b.stored).toBeGreaterThanOrEqual(a.stored);
      expect(b.stored - a.stored).toBeLessThanOrEqual(BUDGET);
    }
    const notices = await rows<{ n: number }>("SELECT COUNT(*) AS n FROM notices");
    const stored = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM contract_notices WHERE model IS NOT NULL",
    );
    expect(notices[0]?.n).toBeGreaterThan(10);
    expect(stored[0]?.n).toBe(notices[0]?.n);
    expect((await env.EFORMS.list({ limit: 1000 })).objects.length).toBe(notices[0]?.n);
    // A backfill is not news.
    expect(await allEvents()).toEqual([]);
    // The pace held across every tick: never more than `limit` requests in any window.
    for (const t of sentAt)
      expect(sentAt.filter((u) => u > t - RATE.windowMs && u <= t).length).toBeLessThanOrEqual(RATE.limit);
  });
});
