import { env } from "cloudflare:workers";
import { AlertMatchPage, SavedSearch } from "@doffin/contracts/alerts";
import { type AlertEvent, alertEntryId, ocdsTagsOf } from "@doffin/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAlertReminders } from "../src/alerts";
import { runSweep } from "../src/sweep";
import { alertEvents, call, clearAlerts, emulatorClock, json, publishNotice } from "./alerts-helpers";
import { clearDb, emulator, source } from "./helpers";

// Saved searches left behind would be matched by other files' sweeps: leave the tables empty.
afterAll(() => clearAlerts());

/**
 * Matching off the sweep, end to end over real HTTP: saved searches on the tracker, the emulator publishes
 * and changes notices, the sweep writes the alert events; reminders run on the emulator's clock.
 */

const NOW = "2026-11-20T12:00:00.000Z";
const CORPUS = { seed: 23, count: 200, from: "2026-08-01", to: "2026-11-20", now: NOW };
const OSLO = ["NO081"];
const IT = ["72000000"];

const sweep = async () => {
  await emulator.advance(15 * 60_000);
  const now = new Date((await emulator.clock()).now);
  const r = await runSweep({ source: source(), db: env.DB, now, budget: 1000, config: { windowDays: 7 } });
  expect(r.status).toBe("done");
  return r;
};

const create = async (name: string, query: Record<string, unknown>): Promise<SavedSearch> => {
  const res = await call("/v1/searches", { body: { name, source: "notices", query } });
  expect(res.status).toBe(201);
  return SavedSearch.parse(await res.json());
};

const competition = (deadline: string, over: Record<string, unknown> = {}) =>
  publishNotice({ type: "ANNOUNCEMENT_OF_COMPETITION", cpvDirect: IT, locationIds: OSLO, deadline, ...over });

/** An event as the assertions compare it: type, item, field changes (deadlines as instants), tag. */
const shape = (e: AlertEvent) => ({
  type: e.type,
  item: e.item.id,
  changes: e.changes.map((c) => ({ field: c.field, before: norm(c.before), after: norm(c.after) })),
  ocdsTag: e.ocdsTag,
  reminder: e.reminder ? { daysBefore: e.reminder.daysBefore, deadline: norm(e.reminder.deadline) } : null,
});
const norm = (v: unknown) =>
  typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v).toISOString() : v;
const iso = (s: string) => new Date(s).toISOString();

describe("alerts off the sweep", () => {
  let all: SavedSearch; // type=COMPETITION&cpv=72*&location=Oslo
  let active: SavedSearch; // the same with status=ACTIVE: a cancelled or awarded notice leaves it
  const ids: Record<"a" | "b" | "c" | "d" | "e" | "f" | "g" | "r", string> = {} as never;
  const D_A1 = "2026-12-10T12:00:00Z";
  const D_A2 = "2026-12-20T12:00:00Z";
  const D_G = "2026-12-08T12:00:00Z";

  beforeAll(async () => {
    await emulator.reset(CORPUS);
    await clearDb();
    await clearAlerts();
    await sweep(); // the baseline: nothing is saved yet, so no alerts
    expect(await alertEvents()).toEqual([]);
    all = await create("IT i Oslo", { type: "COMPETITION", cpv: "72*", location: "Oslo" });
    active = await create("Åpne IT-konkurranser i Oslo", {
      type: "COMPETITION",
      cpv: "72*",
      location: "Oslo",
      status: "ACTIVE",
    });
    ids.a = (await competition(D_A1)).id;
    ids.b = (await competition("2026-12-11T12:00:00Z")).id;
    ids.c = (await competition("2026-12-11T12:00:00Z", { cpvDirect: ["45000000"] })).id; // building works
    ids.d = (await competition("2026-12-11T12:00:00Z", { locationIds: ["NO0A2"] })).id; // Vestland
    ids.e = (
      await competition("2027-02-01T12:00:00Z", {
        estimatedValue: { amount: 1_000_000, currencyCode: "NOK" },
      })
    ).id;
    ids.f = (await competition("2026-12-13T12:00:00Z")).id;
    ids.g = (await competition(D_G)).id;
    ids.r = (
      await publishNotice({
        type: "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT",
        cpvDirect: IT,
        locationIds: OSLO,
      })
    ).id;
  });

  it("a first sweep: match.new for exactly the matching new notices, for each search", async () => {
    await sweep();
    for (const s of [all, active]) {
      const events = await alertEvents(s.id);
      expect(events.map(shape).sort((x, y) => x.item.localeCompare(y.item))).toEqual(
        [ids.a, ids.b, ids.e, ids.f, ids.g]
          .sort()
          .map((item) => ({ type: "match.new", item, changes: [], ocdsTag: null, reminder: null })),
      );
      for (const e of events) {
        expect(e.search).toEqual({ id: s.id, name: s.name });
        expect(e.item).toMatchObject({
          source: "notices",
          url: `https://www.doffin.no/notices/${e.item.id}`,
          status: "ACTIVE",
        });
      }
    }
    const a = (await alertEvents(all.id)).find((e) => e.item.id === ids.a);
    expect(iso(a?.item.deadline ?? "")).toBe(iso(D_A1));
  });

  it("tracked changes: a moved deadline, a cancellation, an award; an excluded match stays silent", async () => {
    const excluded = await call(`/v1/searches/${all.id}/matches/${ids.e}`, {
      method: "PATCH",
      body: { state: "excluded" },
    });
    expect(excluded.status).toBe(200);
    const before = { all: (await alertEvents(all.id)).length, active: (await alertEvents(active.id)).length };
    await emulator.mutate(ids.a, { op: "deadline", deadline: D_A2 });
    await emulator.mutate(ids.b, { op: "status", status: "CANCELLED" });
    await emulator.mutate(ids.f, {
      op: "award",
      winners: [{ name: "Vinner AS", organizationId: "999888777" }],
    });
    await emulator.mutate(ids.e, { op: "value", estimatedValue: { amount: 2_500_000, currencyCode: "NOK" } });
    await sweep();

    const type = "ANNOUNCEMENT_OF_COMPETITION";
    const deadline = {
      type: "match.changed",
      item: ids.a,
      changes: [{ field: "deadline", before: iso(D_A1), after: iso(D_A2) }],
      ocdsTag: ocdsTagsOf("deadline_changed", type)[0],
      reminder: null,
    };
    const cancelled = {
      type: "match.changed",
      item: ids.b,
      changes: [{ field: "status", before: "ACTIVE", after: "CANCELLED" }],
      ocdsTag: ocdsTagsOf("cancelled", type)[0],
      reminder: null,
    };
    const awarded = {
      type: "match.changed",
      item: ids.f,
      changes: [{ field: "status", before: "ACTIVE", after: "AWARDED" }],
      ocdsTag: ocdsTagsOf("awarded", type)[0],
      reminder: null,
    };
    const value = {
      type: "match.changed",
      item: ids.e,
      changes: [
        {
          field: "estimatedValue",
          before: { amount: 1_000_000, currency: "NOK" },
          after: { amount: 2_500_000, currency: "NOK" },
        },
      ],
      ocdsTag: ocdsTagsOf("value_changed", type)[0],
      reminder: null,
    };
    const byItem = (x: { item: string }, y: { item: string }) => x.item.localeCompare(y.item);
    const newAll = (await alertEvents(all.id)).slice(before.all).map(shape);
    // E is excluded in this search: its value change sends nothing here.
    expect(newAll.sort(byItem)).toEqual([deadline, cancelled, awarded].sort(byItem));
    // The ACTIVE search: B and F leave it with one last event; E is not excluded there.
    const newActive = (await alertEvents(active.id)).slice(before.active).map(shape);
    expect(newActive.sort(byItem)).toEqual([deadline, cancelled, awarded, value].sort(byItem));
    const moved = (await alertEvents(all.id)).find((e) => e.item.id === ids.a && e.type === "match.changed");
    expect(iso(moved?.item.deadline ?? "")).toBe(iso(D_A2));
    const matching = await env.DB.prepare(
      "SELECT item_id, matching, state FROM alert_matches WHERE search_id = ? ORDER BY item_id",
    )
      .bind(active.id)
      .all<{ item_id: string; matching: number }>();
    expect(Object.fromEntries(matching.results.map((r) => [r.item_id, r.matching]))).toEqual({
      [ids.a]: 1,
      [ids.b]: 0,
      [ids.e]: 1,
      [ids.f]: 0,
      [ids.g]: 1,
    });
  });

  it("a re-run adds nothing; a left match stays silent while a still-matching one hears of the change", async () => {
    const count = async () => (await alertEvents()).length;
    const n = await count();
    await sweep();
    expect(await count()).toBe(n);
    await emulator.mutate(ids.b, { op: "value", estimatedValue: { amount: 900_000, currencyCode: "NOK" } });
    await sweep();
    const fresh = (await alertEvents()).slice(n);
    expect(fresh.map((e) => [e.search.id, e.item.id, e.type])).toEqual([[all.id, ids.b, "match.changed"]]);
    await sweep();
    expect(await count()).toBe(n + 1);
  });

  it("lists matches with their state and the newest item; the feeds serve the events newest first", async () => {
    const page = AlertMatchPage.parse(await json(await call(`/v1/searches/${all.id}/matches?limit=100`)));
    expect(page.items.map((m) => m.itemId).sort()).toEqual([ids.a, ids.b, ids.e, ids.f, ids.g].sort());
    const a = page.items.find((m) => m.itemId === ids.a);
    expect(iso(a?.deadline ?? "")).toBe(iso(D_A2));
    expect(a?.item?.title).toBeTruthy();
    expect(page.items.find((m) => m.itemId === ids.e)?.state).toBe("excluded");
    expect(page.items.find((m) => m.itemId === ids.b)?.item?.status).toBe("CANCELLED");

    const events = await alertEvents(all.id);
    const res = await call(new URL(all.feeds.json).pathname + new URL(all.feeds.json).search, {
      owner: null,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/feed+json");
    const feed = await json<{ version: string; items: { id: string }[] }>(res);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items.map((i) => i.id)).toEqual([...events].reverse().map(alertEntryId));
    const etag = res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    const again = await call(new URL(all.feeds.json).pathname + new URL(all.feeds.json).search, {
      owner: null,
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);

    const atom = await call(new URL(all.feeds.atom).pathname + new URL(all.feeds.atom).search, {
      owner: null,
    });
    expect(atom.status).toBe(200);
    expect(atom.headers.get("content-type")).toContain("application/atom+xml");
    const xml = await atom.text();
    expect(xml.match(/<entry>/g)?.length).toBe(events.length);
    expect(xml).toContain(`<id>${alertEntryId(events.at(-1) as AlertEvent)}</id>`);
    const limited = await call(
      `${new URL(all.feeds.atom).pathname}${new URL(all.feeds.atom).search}&limit=2`,
      { owner: null },
    );
    expect((await limited.text()).match(/<entry>/g)?.length).toBe(2);
  });

  it("a wrong, missing or other search's token is a 404", async () => {
    const path = new URL(all.feeds.json).pathname;
    const other = new URL(active.feeds.json).searchParams.get("token");
    for (const q of ["", "?token=nope", `?token=${other}`]) {
      const res = await call(`${path}${q}`, { owner: null });
      expect(res.status, q).toBe(404);
      expect((await json<{ error: { code: string } }>(res)).error.code).toBe("not_found");
    }
    const bad = await call(`${path}?token=x&limit=500`, { owner: null });
    expect(bad.status).toBe(400);
  });

  it("reminders fire once each at T-7 and T-1 on the emulator clock, and follow the moved deadline", async () => {
    const reminders = async () => (await alertEvents()).filter((e) => e.type === "deadline.reminder");
    const at = async (instant: string) => {
      const now = Date.parse((await emulator.clock()).now);
      await emulator.advance(Date.parse(instant) - now);
      const clock = await emulatorClock();
      expect(clock.toISOString()).toBe(iso(instant));
      return runAlertReminders(env.DB, clock);
    };
    const pairs = (events: AlertEvent[]) =>
      events
        .map((e) => [e.search.id, e.item.id, e.reminder?.daysBefore, iso(e.reminder?.deadline ?? "")])
        .sort();
    const both = (item: string, days: number, deadline: string) =>
      [all.id, active.id].map((s) => [s, item, days, iso(deadline)]).sort();

    // G: T-7 (both searches). B is cancelled and F awarded (no reminders); E is months away; A moved.
    expect((await at("2026-12-01T13:00:00Z")).reminders).toBe(2);
    expect(pairs(await reminders())).toEqual(both(ids.g, 7, D_G));
    expect((await runAlertReminders(env.DB, await emulatorClock())).reminders).toBe(0); // once
    // A's old T-7 (3 Dec) never comes: its deadline moved to the 20th.
    expect((await at("2026-12-03T13:00:00Z")).reminders).toBe(0);
    expect((await at("2026-12-07T13:00:00Z")).reminders).toBe(2);
    expect(pairs((await reminders()).slice(2))).toEqual(both(ids.g, 1, D_G));
    expect((await at("2026-12-09T13:00:00Z")).reminders).toBe(0); // A's old T-1; G is past
    expect((await at("2026-12-13T13:00:00Z")).reminders).toBe(2);
    expect((await at("2026-12-19T13:00:00Z")).reminders).toBe(2);
    expect(pairs((await reminders()).slice(4))).toEqual(
      [...both(ids.a, 7, D_A2), ...both(ids.a, 1, D_A2)].sort(),
    );
    expect((await at("2026-12-21T13:00:00Z")).reminders).toBe(0);
    expect((await reminders()).length).toBe(8);
    // None for the excluded match, whatever its deadline.
    expect((await reminders()).some((e) => e.search.id === all.id && e.item.id === ids.e)).toBe(false);
  });
});
