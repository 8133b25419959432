import { env } from "cloudflare:workers";
import type { NoticeSummary } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { runSweep } from "../src/sweep";
import { crashCorpus, eventKinds, expectConvergesAtEveryCut, LATER, NOW } from "./crash-support";
import { allEvents, clearDb, emulator, eventSet, failingAfter, source, untilDone } from "./helpers";

const CORPUS = crashCorpus(23);
const config = { windowDays: 7 };

/** Sweeps with a healthy source until the sweep is done (what the next cron ticks do). */
const sweepToEnd = (now: string) =>
  untilDone(() => runSweep({ source: source(), db: env.DB, now: new Date(now), budget: 1000, config }));

async function mutate() {
  const res = await source().search({
    statuses: ["ACTIVE"],
    publishedFrom: "2026-11-14",
    publishedTo: "2026-11-20",
    limit: 100,
    sort: "published_asc",
  });
  const [a, b, c, d] = res.items.filter((h) => h.deadline && h.deadline > LATER) as NoticeSummary[];
  if (!a || !b || !c || !d) throw new Error("corpus has too few active competitions in the window");
  await emulator.mutate(a.id, { op: "deadline", deadline: "2027-01-15T12:00:00Z" });
  await emulator.mutate(b.id, { op: "status", status: "CANCELLED" });
  await emulator.mutate(c.id, { op: "correct", changes: { heading: "Ny overskrift" } });
  await emulator.mutate(d.id, { op: "withdraw" });
  await emulator.advance(15 * 60_000);
}

/** First sweep, upstream changes, second sweep — optionally crashing after `k` upstream calls in `phase`. */
async function scenario(crash: { phase: "first" | "second"; k: number; needed: number } | null) {
  await emulator.reset(CORPUS);
  await clearDb();
  if (crash?.phase === "first") {
    const failing = failingAfter(source(), crash.k);
    await runSweep({ source: failing, db: env.DB, now: new Date(NOW), budget: 1000, config });
  }
  const first = await sweepToEnd(NOW);
  await mutate();
  if (crash?.phase === "second") {
    const failing = failingAfter(source(), crash.k);
    const r = await runSweep({ source: failing, db: env.DB, now: new Date(LATER), budget: 1000, config });
    expect(r.status).toBe(crash.k >= crash.needed ? "done" : "partial");
  }
  const second = await sweepToEnd(LATER);
  return { events: eventSet(await allEvents()), first, second };
}

describe("crash safety", () => {
  it("converges to the uninterrupted event set whenever the change sweep is cut off", async () => {
    const clean = await scenario(null);
    expect(eventKinds(clean.events)).toEqual(
      new Set(["created", "deadline_changed", "cancelled", "corrected", "withdrawn"]),
    );
    const calls = clean.second.upstreamRequests;
    expect(calls).toBeGreaterThan(3);
    await expectConvergesAtEveryCut(clean, calls, (k) => scenario({ phase: "second", k, needed: calls }), [
      "events",
    ]);
  });

  it("converges whenever the first sweep is cut off", async () => {
    const clean = await scenario(null);
    const calls = clean.first.upstreamRequests;
    const step = Math.max(1, Math.floor(calls / 12));
    await expectConvergesAtEveryCut(
      clean,
      calls,
      (k) => scenario({ phase: "first", k, needed: calls }),
      ["events"],
      step,
    );
  });
});
