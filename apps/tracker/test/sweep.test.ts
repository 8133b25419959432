import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { canonicalSnapshot, type NoticeSummary } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../src/index";
import { runSweep } from "../src/sweep";
import {
  activeCompetitionsInWindow,
  allEvents,
  clearDb,
  countingDb,
  emulator,
  emulatorUrl,
  source,
} from "./helpers";

const NOW = "2026-11-20T12:00:00.000Z";
const LATER = "2026-11-20T12:15:00.000Z";
const config = { windowDays: 7 };
const CORPUS = { seed: 11, count: 600, from: "2026-08-01", to: "2026-11-20", now: NOW };

const activeInWindow = () => activeCompetitionsInWindow(LATER);

describe("runSweep against the emulator", () => {
  beforeAll(async () => {
    await emulator.reset(CORPUS);
    await clearDb();
  });

  it("records a created event for every notice of the window on the first sweep", async () => {
    const window = await source().search({
      publishedFrom: "2026-11-14",
      publishedTo: "2026-11-20",
      limit: 1,
    });
    expect(window.total).toBeGreaterThan(10);
    const r = await runSweep({ source: source(), db: env.DB, now: new Date(NOW), budget: 1000, config });
    expect(r.status).toBe("done");
    const events = await allEvents();
    expect(events.length).toBe(window.total);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(["created"]));
    expect(new Set(events.map((e) => e.notice_id)).size).toBe(window.total);
  });

  it("writes nothing but its own sweep record when nothing changed", async () => {
    const counter = countingDb();
    const r = await runSweep({ source: source(), db: counter.db, now: new Date(NOW), budget: 1000, config });
    expect(r.status).toBe("done");
    expect(r.events).toBe(0);
    expect(counter.noticeIdsWritten().size).toBe(0);
    expect(counter.writes().every((w) => /sweeps/i.test(w.sql))).toBe(true);
    expect(counter.writes()).toHaveLength(2); // open + close
  });

  it("records exactly the typed events of each upstream change, and writes only the changed notices", async () => {
    const targets = await activeInWindow();
    expect(targets.length).toBeGreaterThanOrEqual(6);
    const [a, b, c, d, e, g] = targets as [
      NoticeSummary,
      NoticeSummary,
      NoticeSummary,
      NoticeSummary,
      NoticeSummary,
      NoticeSummary,
    ];
    const movedDeadline = new Date(Date.parse(a.deadline ?? "") + 7 * 86_400_000).toISOString();
    await emulator.mutate(a.id, { op: "deadline", deadline: movedDeadline });
    await emulator.mutate(b.id, { op: "status", status: "CANCELLED" });
    await emulator.mutate(c.id, { op: "value", estimatedValue: { amount: 4_321_000, currencyCode: "NOK" } });
    const award = await emulator.mutate(d.id, {
      op: "award",
      winners: [{ name: "Vinner AS", organizationId: "999888777" }],
    });
    const correction = await emulator.mutate(e.id, {
      op: "correct",
      changes: { heading: "Rettet overskrift" },
    });
    await emulator.mutate(g.id, { op: "withdraw" });
    await emulator.advance(15 * 60_000);

    const before = new Set((await allEvents()).map((x) => x.id));
    const counter = countingDb();
    const r = await runSweep({
      source: source(),
      db: counter.db,
      now: new Date(LATER),
      budget: 1000,
      config,
    });
    expect(r.status).toBe("done");
    const fresh = (await allEvents()).filter((x) => !before.has(x.id));
    const got = fresh.map((x) => `${x.notice_id} ${x.kind}`).sort();
    expect(got).toEqual(
      [
        `${a.id} deadline_changed`,
        `${b.id} cancelled`,
        `${c.id} value_changed`,
        `${d.id} awarded`,
        `${award.id} created`,
        `${e.id} corrected`,
        `${correction.id} created`,
        `${g.id} withdrawn`,
      ].sort(),
    );
    const byKey = new Map(fresh.map((x) => [`${x.notice_id} ${x.kind}`, x]));
    const deadline = byKey.get(`${a.id} deadline_changed`);
    expect(JSON.parse(deadline?.changes ?? "[]")).toEqual([
      {
        field: "deadline",
        before: canonicalSnapshot(a).deadline,
        after: movedDeadline.replace(/\.\d{3}Z$/, "Z"),
      },
    ]);
    expect(JSON.parse(deadline?.meta ?? "{}")).toEqual({ shiftSeconds: 7 * 86_400 });
    expect(JSON.parse(byKey.get(`${b.id} cancelled`)?.meta ?? "{}")).toEqual({
      from: "ACTIVE",
      to: "CANCELLED",
    });
    expect(JSON.parse(byKey.get(`${c.id} value_changed`)?.changes ?? "[]")).toEqual([
      {
        field: "estimatedValue",
        before: canonicalSnapshot(c).estimatedValue,
        after: { amount: 4_321_000, currency: "NOK" },
      },
    ]);
    const awarded = byKey.get(`${d.id} awarded`);
    expect(JSON.parse(awarded?.changes ?? "[]")).toContainEqual({
      field: "status",
      before: "ACTIVE",
      after: "AWARDED",
    });
    const corrected = JSON.parse(byKey.get(`${e.id} corrected`)?.changes ?? "[]");
    expect(corrected[0]).toEqual({ field: "correctedBy", before: null, after: correction.id });
    expect(corrected).toContainEqual({
      field: "heading",
      before: canonicalSnapshot(e).heading,
      after: "Rettet overskrift",
    });

    // Only the changed notices (and the new ones) were written; every other write is the sweep record.
    expect(counter.noticeIdsWritten()).toEqual(
      new Set([a.id, b.id, c.id, d.id, e.id, g.id, award.id, correction.id]),
    );
    expect(
      counter
        .writes()
        .filter((w) => !/INTO (notices|snapshots|events)/i.test(w.sql))
        .every((w) => /sweeps/i.test(w.sql)),
    ).toBe(true);
  });

  it("re-running the same sweep finds nothing new", async () => {
    const count = (await allEvents()).length;
    const r = await runSweep({ source: source(), db: env.DB, now: new Date(LATER), budget: 1000, config });
    expect(r.events).toBe(0);
    expect((await allEvents()).length).toBe(count);
  });

  it("stops at the request budget and continues the same sweep on the next call", async () => {
    await emulator.reset(CORPUS);
    await clearDb();
    const runs = [];
    for (let i = 0; i < 100; i++) {
      const r = await runSweep({ source: source(), db: env.DB, now: new Date(NOW), budget: 12, config });
      runs.push(r);
      expect(r.requestsThisRun).toBeLessThanOrEqual(12);
      if (r.status === "done") break;
    }
    expect(runs.length).toBeGreaterThan(1);
    expect(new Set(runs.map((r) => r.id)).size).toBe(1);
    const window = await source().search({
      publishedFrom: "2026-11-14",
      publishedTo: "2026-11-20",
      limit: 1,
    });
    expect((await allEvents()).length).toBe(window.total);
  });
});

describe("scheduled()", () => {
  it("runs a sweep on the cron trigger against the configured upstream", async () => {
    await emulator.reset(CORPUS);
    await clearDb();
    const testEnv = {
      ...env,
      UPSTREAM_BASE_URL: emulatorUrl(),
      REQUEST_BUDGET: "1000",
    } as unknown as Env;
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.parse(NOW) }),
      testEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const sweep = await env.DB.prepare(
      "SELECT status, events, started_at FROM sweeps ORDER BY id DESC",
    ).first<{
      status: string;
      events: number;
      started_at: string;
    }>();
    expect(sweep?.status).toBe("done");
    expect(sweep?.events).toBeGreaterThan(0);
    expect(sweep?.started_at).toBe(NOW);
  });
});
