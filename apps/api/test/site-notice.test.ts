import { beforeAll, describe, expect, it } from "vitest";
import type { NoticeDetail } from "../src/services/notice-detail";
import { speakerFor } from "../src/site/i18n";
import { emulator, emulatorApp, keyedEmulatorApp } from "./helpers";
import { expectLayout, expectNoInline, parsePage } from "./site-helpers";
import { type TrackerOptions, withTracker } from "./site-tracker";

beforeAll(async () => {
  await emulator.clearFaults();
});

const get = (path: string, tracker: TrackerOptions = {}, headers: Record<string, string> = {}) =>
  emulatorApp().call(path, { headers: { accept: "text/html", ...headers } }, withTracker(tracker));

/** A result notice (it has winners or awarded names) from the emulator's corpus. */
async function resultNoticeId(): Promise<string> {
  const res = await emulatorApp().call("/v1/notices?type=RESULT&limit=1&published_to=2095-01-01");
  const body = (await res.json()) as { items: { id: string }[] };
  const id = body.items[0]?.id;
  if (!id) throw new Error("no result notice in the corpus");
  return id;
}

describe("notice page (/notices/{id})", () => {
  it("renders every section, the timeline from the tracker and the OCDS link when the record exists", async () => {
    const id = await resultNoticeId();
    const detail = (await (await emulatorApp().call(`/v1/notices/${id}`)).json()) as {
      heading: string;
      url: string;
      buyers: { name: string }[];
    };
    const res = await get(`/notices/${id}`, { tracked: [id], ocids: [`ocds-xxxxxx-${id}`] });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-status")).toMatch(/^doffin-gateway; /);
    const page = parsePage(await res.text());
    expectLayout(page, "nb");
    expectNoInline(page);
    expect(page.text(page.one("h1"))).toBe(detail.heading.replace(/\s+/g, " ").trim());
    const buyers = page.text(page.one("section#buyers"));
    for (const b of detail.buyers) expect(buyers).toContain(b.name.replace(/\s+/g, " ").trim());
    page.one("section#lots");
    const results = page.one("section#results");
    const kinds = page.all("dl.values [data-kind]", results).map((el) => page.attr(el, "data-kind"));
    expect(kinds).toEqual(["estimated", "frameworkMaximum", "awarded"]);
    const doffin = page.attr(page.one("a.doffin-link"), "href") ?? "";
    expect(doffin).toBe(detail.url);
    expect(doffin).toMatch(/^https:\/\/(www\.)?doffin\.no\//);
    const events = page.all("section#timeline ol li.event");
    expect(events.map((e) => page.attr(e, "data-kind"))).toEqual(["deadline_changed", "created"]);
    expect(page.text(events[0] as never)).toContain("deadline: 2026-12-01T11:00:00Z → 2026-12-08T11:00:00Z");
    expect(page.text(events[0] as never)).toContain("Frist endret");
    // Of the two candidate ocids (procedure id, notice id) the tracker has the notice-id one.
    expect(page.attr(page.one("a.ocds-link"), "href")).toBe(`/ocds/records/ocds-xxxxxx-${id}`);
  });

  it("with eForms contract data: lots, winners and the three values kept apart, as the API has them", async () => {
    const app = keyedEmulatorApp();
    // A result notice whose XML has an awarded value and a winner (not every one does).
    const list = (await (
      await app.call("/v1/notices?type=RESULT&limit=30&published_to=2095-01-02")
    ).json()) as {
      items: { id: string }[];
    };
    let api: NoticeDetail | undefined;
    for (const { id } of list.items) {
      const d = (await (await app.call(`/v1/notices/${id}`)).json()) as NoticeDetail;
      if (d.values.awarded && d.parties.some((p) => p.role === "winner") && d.eformsLots.length > 0) {
        api = d;
        break;
      }
    }
    if (!api) throw new Error("no result notice with an awarded value among 30");
    const id = api.id;
    expect(api.unavailable).toEqual([]);
    expect(api.eformsLots.length).toBeGreaterThan(0);
    expect(api.values.awarded, "a result notice's XML has an awarded value").not.toBeNull();
    expect(api.parties.some((p) => p.role === "winner")).toBe(true);
    const res = await app.call(`/notices/${id}`, { headers: { accept: "text/html" } }, withTracker());
    expect(res.status).toBe(200);
    const page = parsePage(await res.text());
    expectNoInline(page);
    const lots = page.all("section#lots li.lot").map((l) => page.attr(l, "data-lot"));
    expect(lots).toEqual(api.eformsLots.map((l) => l.id));
    const s = speakerFor("nb");
    for (const kind of ["estimated", "frameworkMaximum", "awarded"] as const) {
      const dd = page.text(page.one(`section#results dl.values [data-kind=${kind}] dd`));
      const v = api.values[kind];
      expect(dd, kind).toBe(v ? s.money(v.amount, v.currency).replace(/\s+/g, " ") : "Ikke oppgitt");
    }
    const winners = page.text(page.one("section#results"));
    for (const w of api.parties.filter((p) => p.role === "winner")) expect(winners).toContain(w.name);
    // Nothing the API returned is left out: the eForm tree and the sources are on the page too.
    if (api.sections.length > 0) page.one("section#eform details");
    expect(page.text(page.one("p.sources"))).toContain("eforms-xml");
  });

  it("without the tracker the page still renders, without timeline or OCDS link, and says so", async () => {
    const id = await emulator.someNoticeId();
    const res = await get(`/notices/${id}`, { down: true }, { "accept-language": "en" });
    expect(res.status).toBe(200);
    const page = parsePage(await res.text());
    expectLayout(page, "en");
    const timeline = page.one("section#timeline");
    expect(page.text(timeline)).toContain("The change history is not available right now.");
    expect(page.all("li.event", timeline)).toHaveLength(0);
    expect(page.all("a.ocds-link")).toHaveLength(0);
  });

  it("an untracked notice shows 'no changes', no OCDS link", async () => {
    const id = await emulator.someNoticeId();
    const page = parsePage(await (await get(`/notices/${id}`)).text());
    expect(page.text(page.one("section#timeline"))).toContain("Ingen endringer registrert.");
    expect(page.all("a.ocds-link")).toHaveLength(0);
  });

  it("an unknown or malformed id is a 404 page, not a 500 or JSON", async () => {
    for (const path of ["/notices/2026-999999", "/notices/not-an-id", "/notices/2026-1"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const page = parsePage(await res.text());
      expectLayout(page, "nb");
      page.one("div.error[role=alert]");
    }
  });
});
