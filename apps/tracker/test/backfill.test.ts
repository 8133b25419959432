import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runBackfill } from "../src/backfill";
import { clearDb, emulator, source } from "./helpers";

const HOT = ["2026-07-01", "2026-07-02", "2026-07-03"];

describe("backfill past the 1000-hit cap", () => {
  it("harvests every notice exactly once across budget-limited invocations", async () => {
    await emulator.reset({
      seed: 5,
      count: 5000,
      from: "2026-06-01",
      to: "2026-08-31",
      now: "2026-09-01T06:00:00Z",
      hotDays: { days: HOT, share: 0.75 },
    });
    await clearDb();
    const corpus = (await source().search({ publishedFrom: "2026-06-01", limit: 1 })).total;
    // 5000 generated notices (plus the real fixture notices the emulator always serves that fall in range).
    expect(corpus).toBeGreaterThanOrEqual(5000);
    for (const day of HOT) {
      const hot = await source().search({ publishedFrom: day, publishedTo: day, limit: 1 });
      expect(hot.total).toBeGreaterThan(1000);
    }
    await emulator.resetStats();
    const runs = [];
    for (let i = 0; i < 200; i++) {
      const r = await runBackfill({
        source: source(),
        db: env.DB,
        now: new Date("2026-09-01T06:00:00Z"),
        budget: 20,
        from: "2026-06-01",
      });
      expect(r.error).toBeNull();
      expect(r.requestsThisRun).toBeLessThanOrEqual(20);
      runs.push(r);
      if (r.status === "done") break;
    }
    const last = runs.at(-1);
    expect(last?.status).toBe("done");
    expect(runs.length).toBeGreaterThan(2);
    // Delivered exactly once: the harvest handed over 5000 distinct ids in total, and D1 holds 5000 rows.
    expect(last?.harvested).toBe(corpus);
    expect(last?.truncatedWindows).toBe(0);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM notices").first<{
      n: number;
      d: number;
    }>();
    expect(rows).toEqual({ n: corpus, d: corpus });
    const events = await env.DB.prepare("SELECT COUNT(*) AS n FROM events").first<{ n: number }>();
    expect(events?.n).toBe(0);
    const stats = await emulator.stats();
    expect(stats.total).toBe(last?.upstreamRequests);
    expect(stats.total).toBeLessThan(Math.ceil(corpus / 100) * 1.5);
  });

  it("does nothing once done", async () => {
    const r = await runBackfill({
      source: source(),
      db: env.DB,
      now: new Date(),
      budget: 20,
      from: "2026-06-01",
    });
    expect(r.status).toBe("done");
    expect(r.requestsThisRun).toBe(0);
  });
});
