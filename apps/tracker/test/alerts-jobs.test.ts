import { env } from "cloudflare:workers";
import { SavedSearch } from "@doffin/contracts/alerts";
import { beforeAll, describe, expect, it } from "vitest";
import { runNavFeed } from "../src/nav/follow";
import { alertEvents, call, clearAlerts, navClient, navControl } from "./alerts-helpers";

/** A jobs saved search matched off the NAV job feed, against the NAV emulator over real HTTP. */

async function clearJobs() {
  await env.DB.batch(["jobs", "job_events", "job_feed"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
}

/** Follows the feed to its tip at the emulator's "now" (what the cron's NAV step does). */
async function follow() {
  const { now } = await navControl<{ now: string }>("GET", "/state");
  for (let i = 0; i < 200; i++) {
    const run = await runNavFeed({
      nav: navClient(),
      db: env.DB,
      now: new Date(now),
      maxRequests: 1000,
      pageSize: 100,
      catchUpDays: 183,
    });
    if (run.atTip) return run;
  }
  throw new Error("never reached the tip");
}

describe("alerts off the NAV job feed", () => {
  let search: SavedSearch;
  let oslo = "";
  let bergen = "";

  beforeAll(async () => {
    await clearJobs();
    await clearAlerts();
    await follow(); // catch up first: the ads already on the feed are not news for a search saved later
    const res = await call("/v1/searches", {
      body: {
        name: "Alarmteknikere i Oslo",
        source: "jobs",
        query: { q: "alarmtekniker", counties: "Oslo" },
      },
    });
    expect(res.status).toBe(201);
    search = SavedSearch.parse(await res.json());
    oslo = (
      await navControl<{ uuid: string }>("POST", "/ads", {
        title: "Alarmtekniker",
        county: "OSLO",
        municipal: "OSLO",
      })
    ).uuid;
    bergen = (
      await navControl<{ uuid: string }>("POST", "/ads", {
        title: "Alarmtekniker",
        county: "VESTLAND",
        municipal: "BERGEN",
      })
    ).uuid;
    await navControl("POST", "/clock", { advanceMs: 60_000 });
  });

  it("a new matching ad is match.new; the same title elsewhere is not", async () => {
    await follow();
    const events = await alertEvents(search.id);
    expect(events.map((e) => [e.type, e.item.id])).toEqual([["match.new", oslo]]);
    expect(events[0]?.item).toMatchObject({ source: "jobs", title: "Alarmtekniker", status: "active" });
    expect(events[0]?.item.url).toContain(oslo);
    expect(events.some((e) => e.item.id === bergen)).toBe(false);
  });

  it("its expiry is one last match.changed; following again adds nothing", async () => {
    await navControl("POST", `/ads/${oslo}/expire`);
    await navControl("POST", "/clock", { advanceMs: 60_000 });
    await follow();
    const events = await alertEvents(search.id);
    expect(events.map((e) => [e.type, e.item.id])).toEqual([
      ["match.new", oslo],
      ["match.changed", oslo],
    ]);
    expect(events[1]?.changes).toEqual([{ field: "status", before: "ACTIVE", after: "INACTIVE" }]);
    expect(events[1]?.item.status).toBe("expired");
    await follow();
    expect((await alertEvents(search.id)).length).toBe(2);
  });
});
