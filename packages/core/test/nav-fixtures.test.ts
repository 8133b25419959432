import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Job, JobFacets, JobFeedLine, JobSummary } from "../src/nav/model";
import {
  normalizeAggregations,
  normalizeFeedEntry,
  normalizeFeedLine,
  normalizeSearchHit,
} from "../src/nav/normalize";
import { NavFeedEntry, NavFeedPage, parsePublicTokenText } from "../src/nav/upstream-feed";
import { NavSearchHit, NavSearchResponse } from "../src/nav/upstream-search";

/** Every NAV fixture parses with core's upstream schemas, and normalizes to the public model. */

const dir = join(import.meta.dirname, "../../../fixtures/nav");
const read = (path: string) => readFileSync(join(dir, path), "utf8");
const json = (path: string): unknown => JSON.parse(read(path));

describe("NAV feed fixtures", () => {
  it("parses both feed pages; the next page starts with the previous page's last line", () => {
    const page = NavFeedPage.parse(json("stilling-feed/feed-page.derived.json"));
    const tip = NavFeedPage.parse(json("stilling-feed/feed-page-tip.derived.json"));
    expect(page.items).toHaveLength(3);
    expect(page.next_id).toBe(tip.id);
    expect(tip.next_id).toBeNull();
    const lines = page.items.map(normalizeFeedLine);
    const tipLines = tip.items.map(normalizeFeedLine);
    for (const l of [...lines, ...tipLines]) JobFeedLine.parse(l);
    expect(tipLines[0]?.lineKey).toBe(lines[2]?.lineKey);
    // The same ad recurs in a later line, so line identity is not the uuid alone.
    expect(tipLines[1]?.uuid).toBe(lines[0]?.uuid);
    expect(tipLines[1]?.lineKey).not.toBe(lines[0]?.lineKey);
  });

  it("reads ACTIVE, expired INACTIVE and masked lines", () => {
    const [active, expired, stopped] = NavFeedPage.parse(
      json("stilling-feed/feed-page.derived.json"),
    ).items.map(normalizeFeedLine);
    expect(active).toMatchObject({
      status: "ACTIVE",
      masked: false,
      municipality: "LEKA",
      employerName: "Kommune",
    });
    expect(active?.modified).toBe("2021-03-23T16:10:03.512Z");
    expect(expired).toMatchObject({ status: "INACTIVE", masked: false, title: "Lagermedarbeider" });
    expect(stopped).toMatchObject({ status: "INACTIVE", masked: true, title: null, employerName: null });
  });

  it("normalizes the ACTIVE feed entry with org number and dates", () => {
    const job = normalizeFeedEntry(NavFeedEntry.parse(json("stilling-feed/feedentry-active.derived.json")));
    Job.parse(job);
    expect(job).toMatchObject({
      uuid: "10584075-1e5c-4a83-bf49-c80bcab83018",
      status: "ACTIVE",
      title: "Vi søker pedagogisk leder til",
      employer: { name: "Kommune", orgNumber: "123456789", homepage: "https://www.abc.no" },
      applicationDue: "2021-04-23",
      applicationDueDate: "2021-04-23",
      published: "2021-03-22T23:00:00.000Z",
      expires: "2021-04-22T22:00:00.000Z",
      extent: "Heltid",
      engagementType: "Fast",
      sector: "Offentlig",
      positionCount: 1,
      descriptionHtml: "adtext here",
      descriptionText: "adtext here",
      link: "https://arbeidsplassen.nav.no/stillinger/stilling/10584075-1e5c-4a83-bf49-c80bcab83018",
    });
    expect(job.locations).toEqual([
      {
        country: "NORGE",
        county: "TRØNDELAG",
        municipality: "LEKA",
        city: "LEKA",
        postalCode: "7994",
        address: null,
      },
    ]);
    expect(job.categories).toEqual([
      { type: "STYRK08NAV", code: "2342.07", name: "Pedagogisk leder (førskolelærer)" },
    ]);
  });

  it("normalizes the INACTIVE entry (no ad_content) to an empty INACTIVE job", () => {
    const job = normalizeFeedEntry(NavFeedEntry.parse(json("stilling-feed/feedentry-inactive.derived.json")));
    Job.parse(job);
    expect(job).toMatchObject({ status: "INACTIVE", title: "", descriptionHtml: "", locations: [] });
  });

  it("reads the public token from the text response (last non-empty line)", () => {
    const token = parsePublicTokenText(read("stilling-feed/public-token-response.example.txt"));
    expect(token?.startsWith("eyJhbGciOiJIUzI1NiIs")).toBe(true);
    expect(parsePublicTokenText("Public token is not currently available")).toBeNull();
  });

  it("keeps the error bodies as documented", () => {
    expect(json("stilling-feed/error-401.json")).toMatchObject({ title: "Unauthorized", status: 401 });
    expect(read("stilling-feed/error-400-pagesize.txt").trim()).toBe(
      "pageSize must be less than or equal to 10000",
    );
  });
});

describe("NAV search fixtures", () => {
  it("parses the search response with all 16 aggregations", () => {
    const res = NavSearchResponse.parse(json("search/search-response.synthetic.json"));
    expect(Object.keys(res.aggregations ?? {})).toHaveLength(16);
    const [hit] = res.hits.hits;
    if (!hit) throw new Error("fixture has a hit");
    const job = normalizeSearchHit(hit);
    JobSummary.parse(job);
    expect(job).toMatchObject({
      uuid: "123e4567-e89b-12d3-a456-426614174000",
      employer: { name: "Fjellstølen AS", orgNumber: null },
      remote: "Hjemmekontor ikke mulig",
      occupations: [{ level1: "Reiseliv og mat", level2: "Hotell og resepsjon" }],
      applicationDueDate: "2025-10-23",
    });
    const facets = normalizeAggregations(res.aggregations);
    JobFacets.parse(facets);
    expect(facets.counties).toEqual([
      { value: "INNLANDET", count: 1, municipalities: [{ value: "ØYSTRE SLIDRE", count: 1 }] },
    ]);
    expect(facets.extent).toEqual([
      { value: "Deltid", count: 1 },
      { value: "Heltid", count: 0 },
      { value: "Ikke oppgitt", count: 0 },
    ]);
    expect(facets.published.map((b) => b.value)).toEqual(["now/d", "now-3d", "now-7d"]);
    expect(facets.positionCount).toBe(1);
  });

  it("parses NAV's own get-by-id test document as a search hit", () => {
    const doc = json("search/ad-get-hit.nav-test-fixture.json");
    const hit = NavSearchHit.parse(doc);
    const job = normalizeSearchHit(hit);
    JobSummary.parse(job);
    expect(job.uuid).toBe(hit._source.uuid ?? hit._id);
    expect(job.title.length).toBeGreaterThan(0);
  });

  it("documents every parameter the search route reads", () => {
    const params = json("search/search-params.json") as { params: { name: string }[] };
    const names = params.params.map((p) => p.name);
    for (const n of [
      "q",
      "from",
      "size",
      "sort",
      "county",
      "municipal",
      "occupationLevel1",
      "published",
      "sector",
      "extent",
      "engagementType",
      "remote",
    ])
      expect(names).toContain(n);
  });

  it("tolerates a malformed aggregation without failing the page", () => {
    const raw = json("search/search-response.synthetic.json") as Record<string, Record<string, unknown>>;
    const broken = {
      ...raw,
      aggregations: { ...raw.aggregations, counties: { nestedLocations: "oops" }, extent: 7 },
    };
    const res = NavSearchResponse.parse(broken);
    const facets = normalizeAggregations(res.aggregations);
    expect(facets.counties).toEqual([]);
    expect(facets.extent).toEqual([]);
    expect(facets.sector).toEqual([{ value: "Privat", count: 1 }]);
  });
});
