import { env } from "cloudflare:workers";
import { SavedSearch } from "@doffin/contracts/alerts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNavFeed } from "../src/nav/follow";
import { alertEvents, call, clearAlerts, navClient, navControl } from "./alerts-helpers";

// Saved searches left behind would be matched by other files' sweeps: leave the tables empty.
afterAll(() => clearAlerts());

/** A jobs saved search matched off the NAV job feed, against the NAV emulator over real HTTP. */

/** A feed ad: without a source the emulator may draw FINN, whose ads never appear on the feed. */
const AD = { title: "Alarmtekniker", source: "Stillingsregistrering" };

/**
 * Publishes an ad the feed shows as it is: the emulator draws a hidden employer for some ads (NAV masks
 * those lines, INACTIVE), so it publishes again until the draw is a visible one (the seed decides; the
 * masked ones stay in the feed and match nothing).
 */
async function publishVisible(place: { county: string; municipal: string }): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const { uuid } = await navControl<{ uuid: string }>("POST", "/ads", { ...AD, ...place });
    const ad = await navControl<{ privacy: string; status: string }>("GET", `/ads/${uuid}`);
    if (ad.privacy === "SHOW_ALL" && ad.status === "ACTIVE") return uuid;
  }
  throw new Error("the NAV emulator drew 20 hidden ads in a row");
}

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
    oslo = await publishVisible({ county: "OSLO", municipal: "OSLO" });
    bergen = await publishVisible({ county: "VESTLAND", municipal: "BERGEN" });
    await navControl("POST", "/clock", { advanceMs: 60_000 });
  });

  it("a new matching ad is match.new; the same title elsewhere is not", async () => {
    const run = await follow();
    const rows = await env.DB.prepare(
      "SELECT uuid, state, municipality, line_key FROM jobs WHERE uuid IN (?, ?)",
    )
      .bind(oslo, bergen)
      .all();
    const events = await alertEvents(search.id);
    // What the feed run saw, should this fail: its counts and the two ads' rows.
    const why = JSON.stringify({ run, rows: rows.results });
    expect(
      events.map((e) => [e.type, e.item.id]),
      why,
    ).toEqual([["match.new", oslo]]);
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
