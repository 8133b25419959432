import { env } from "cloudflare:workers";
import type { DoffinSource, SearchFilters } from "@doffin/core";
import { NoticeHistory } from "@doffin/core";
import { beforeEach, describe, expect, it } from "vitest";
import { runBackfill } from "../src/backfill";
import demo from "../src/demo";
import type { TickResult } from "../src/scheduled";
import { runSweep, sweepWindow } from "../src/sweep";
import { get } from "./feed-helpers";
import { clearDb, emulator, emulatorUrl, source } from "./helpers";

/** The emulator as a source that records every search's filters. */
function recording(): DoffinSource & { searches: SearchFilters[] } {
  const inner = source();
  const searches: SearchFilters[] = [];
  return {
    ...inner,
    searches,
    search: (f) => {
      searches.push(f);
      return inner.search(f);
    },
  };
}

// 23:30 UTC on 30 November is 00:30 on 1 December in Oslo; 21:30 UTC on 30 June is 23:30 in Oslo.
const OSLO_AFTER_MIDNIGHT = "2026-11-30T23:30:00.000Z";
const OSLO_BEFORE_MIDNIGHT = "2026-06-30T21:30:00.000Z";

describe("Oslo calendar days", () => {
  beforeEach(async () => {
    await emulator.reset({
      seed: 3,
      count: 300,
      from: "2026-11-01",
      to: "2026-12-01",
      now: OSLO_AFTER_MIDNIGHT,
    });
    await clearDb();
  });

  it("computes the sweep window in Oslo days, across DST", () => {
    expect(sweepWindow(new Date(OSLO_AFTER_MIDNIGHT), 7)).toEqual({
      windowFrom: "2026-11-25",
      windowTo: "2026-12-01",
    });
    expect(sweepWindow(new Date(OSLO_BEFORE_MIDNIGHT), 1)).toEqual({
      windowFrom: "2026-06-30",
      windowTo: "2026-06-30",
    });
    expect(sweepWindow(new Date("2026-06-30T22:00:00.000Z"), 2)).toEqual({
      windowFrom: "2026-06-30",
      windowTo: "2026-07-01",
    });
  });

  it("sweeps the publication days of the Oslo window (today in Oslo, not in UTC)", async () => {
    const src = recording();
    const r = await runSweep({
      source: src,
      db: env.DB,
      now: new Date(OSLO_AFTER_MIDNIGHT),
      budget: 1000,
      config: { windowDays: 7 },
    });
    expect(r.status).toBe("done");
    const first = src.searches[0];
    expect(first).toMatchObject({ publishedFrom: "2026-11-25", publishedTo: "2026-12-01" });
    expect(src.searches.every((s) => (s.publishedTo ?? "") <= "2026-12-01")).toBe(true);
  });

  it("backfills up to today in Oslo by default", async () => {
    const src = recording();
    const r = await runBackfill({
      source: src,
      db: env.DB,
      now: new Date(OSLO_AFTER_MIDNIGHT),
      budget: 50,
      from: "2026-11-20",
    });
    expect(r.status).toBe("done");
    expect(src.searches[0]).toMatchObject({ publishedFrom: "2026-11-20", publishedTo: "2026-12-01" });
  });
});

describe("watched notices and the demo entry's clock", () => {
  beforeEach(async () => {
    await emulator.reset({
      seed: 11,
      count: 300,
      from: "2026-11-01",
      to: "2026-11-20",
      now: "2026-11-20T12:00:00Z",
    });
    await clearDb();
  });

  it("tracks a WATCH_IDS notice outside the window and reports its later changes", async () => {
    const args = {
      source: source(),
      db: env.DB,
      budget: 1000,
      config: { windowDays: 7, watchIds: ["2026-107918"] },
    };
    await runSweep({ ...args, now: new Date("2026-11-20T12:00:00Z") });
    const first = NoticeHistory.parse(await (await get("/v1/notices/2026-107918/history")).json());
    expect(first.events.map((e) => e.kind)).toEqual(["created"]);
    await emulator.mutate("2026-107918", { op: "status", status: "CANCELLED" });
    await runSweep({ ...args, now: new Date("2026-11-20T12:15:00Z") });
    const second = NoticeHistory.parse(await (await get("/v1/notices/2026-107918/history")).json());
    expect(second.events.map((e) => e.kind)).toEqual(["created", "cancelled"]);
    expect(second.state).toBe("cancelled");
  });

  it("takes now from DEMO_CLOCK_URL in the demo entry (POST /_demo/tick runs a whole tick)", async () => {
    const clock = await emulator.advance(7 * 60_000);
    const demoEnv = {
      ...env,
      UPSTREAM_BASE_URL: emulatorUrl(),
      REQUEST_BUDGET: "1000",
      UPSTREAM_RATE_LIMIT: "10000",
      DEMO_CLOCK_URL: `${emulatorUrl()}/_emulator/clock`,
    } as unknown as Env;
    const res = await demo.fetch(
      new Request("http://tracker/_demo/tick", { method: "POST" }),
      demoEnv,
      {} as ExecutionContext,
    );
    expect(res.status).toBe(200);
    const tick = (await res.json()) as TickResult;
    expect(tick.now).toBe(new Date(clock.now).toISOString());
    expect(tick.sweep?.status).toBe("done");
    expect(tick.sweep?.startedAt).toBe(tick.now);
    // Everything else is the production Worker.
    expect(
      (await demo.fetch(new Request("http://tracker/health"), demoEnv, {} as ExecutionContext)).status,
    ).toBe(200);
  });
});
