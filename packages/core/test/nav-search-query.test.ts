import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  NAV_COUNTY_NAMES,
  NAV_MUNICIPALITY_NAMES,
  resolveCounty,
  resolveMunicipality,
  suggestNames,
} from "../src/nav/codes";
import { NAV_RESULT_WINDOW, planNavPages, slicePlannedHits } from "../src/nav/page-plan";
import { checkJobSearch, navSearchParams, resolveJobSearchQuery } from "../src/nav/resolve";
import { JobSearchQuery, parseJobSearchQuery } from "../src/nav/search-query";

/** The job search contract: aliases, lists, every field's validation message, code lists, paging. */

const parse = (qs: string) => parseJobSearchQuery(new URLSearchParams(qs));
const issuesOf = (qs: string) => {
  const r = parse(qs);
  if (r.ok) throw new Error(`expected issues for ${qs}`);
  return r.issues;
};
const resolve = (qs: string) => {
  const p = parse(qs);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return resolveJobSearchQuery(p.query);
};

describe("parseJobSearchQuery", () => {
  it("takes our names with defaults", () => {
    expect(parse("q=sykepleier&county=Oslo")).toEqual({
      ok: true,
      query: { q: "sykepleier", county: ["Oslo"], limit: 25, facets: false },
    });
  });

  it("folds Parse.bot's aliases and comma-or-repeat lists", () => {
    const r = parse(
      "counties=Oslo,Vestland&municipals=Asker&municipals=Bergen&from=50&size=10&engagementType=Fast&query=kokk",
    );
    expect(r).toEqual({
      ok: true,
      query: {
        county: ["Oslo", "Vestland"],
        municipality: ["Asker", "Bergen"],
        offset: 50,
        limit: 10,
        engagement_type: ["permanent"],
        q: "kokk",
        facets: false,
      },
    });
    expect(parseJobSearchQuery({ counties: ["Oslo", "Agder"], size: 5 })).toMatchObject({
      ok: true,
      query: { county: ["Oslo", "Agder"], limit: 5 },
    });
  });

  it("accepts NAV's own values and our tokens for enumerated fields", () => {
    const r = parse(
      "sector=Offentlig,private&extent=heltid&remote=Hybridkontor,remote&published=now-3d&sort=newest&facets=true",
    );
    expect(r).toMatchObject({
      ok: true,
      query: {
        sector: ["public", "private"],
        extent: ["full_time"],
        remote: ["hybrid", "remote"],
        published: "last_3_days",
        sort: "published",
        facets: true,
      },
    });
    expect(parse("engagement_type=lærling,LAERLING")).toMatchObject({
      ok: true,
      query: { engagement_type: ["apprentice"] },
    });
  });

  it.each([
    ["limit=0", "limit", "limit must be at least 1"],
    ["limit=101", "limit", "limit must be at most 100"],
    ["size=ten", "limit", "limit must be a whole number"],
    ["page=0", "page", "page must be at least 1"],
    ["page=1.5", "page", "page must be a whole number"],
    ["from=-1", "offset", "offset must be a whole number"],
    ["from=10000", "offset", "offset must be at most 9999"],
    ["facets=yes", "facets", "facets must be true or false"],
    [`q=${"x".repeat(501)}`, "q", "q is at most 500 characters"],
    [`county=${"x".repeat(101)}`, "county", "each county is at most 100 characters"],
    [
      "sector=public-ish",
      "sector",
      'unknown sector "public-ish"; did you mean public? use one of public, private',
    ],
    [
      "extent=fulltime",
      "extent",
      'unknown extent "fulltime"; did you mean full_time? use one of full_time, part_time',
    ],
    [
      "engagement_type=fasst",
      "engagement_type",
      'unknown engagement_type "fasst"; did you mean Fast? use one of permanent, temporary',
    ],
    [
      "remote=hybrd",
      "remote",
      'unknown remote "hybrd"; did you mean hybrid? use one of remote, hybrid, on_site',
    ],
    [
      "published=yesterday",
      "published",
      'unknown published "yesterday"; use one of today, last_3_days, week',
    ],
    ["sort=cheapest", "sort", 'unknown sort "cheapest"; use one of relevant, published, expires'],
    ["colour=red", "colour", "unknown parameter; use one of"],
    ["q=a&q=b", "q", "given 2 times with different values; give it once"],
    ["page=2&from=10", "offset", "give page or offset (from), not both"],
  ])("%s → issue on %s", (qs, path, message) => {
    const issues = issuesOf(qs);
    expect(issues.find((i) => i.path === path)?.message).toContain(message);
  });

  it("documents every public name for OpenAPI/MCP (JSON Schema of the input side)", () => {
    const schema = z.toJSONSchema(JobSearchQuery, { io: "input" }) as {
      properties: Record<string, { description?: string }>;
    };
    expect(Object.keys(schema.properties).sort()).toEqual([
      "county",
      "engagement_type",
      "extent",
      "facets",
      "limit",
      "municipality",
      "occupation",
      "offset",
      "page",
      "published",
      "q",
      "remote",
      "sector",
      "sort",
    ]);
    for (const [name, prop] of Object.entries(schema.properties)) expect(prop.description, name).toBeTruthy();
  });

  it("lists every problem at once", () => {
    expect(
      issuesOf("limit=0&sort=x&facets=2")
        .map((i) => i.path)
        .sort(),
    ).toEqual(["facets", "limit", "sort"]);
  });
});

describe("resolveJobSearchQuery", () => {
  it("canonicalizes counties and adds each municipality's county", () => {
    const r = resolve("county=møre og romsdal&municipality=asker,VESTLAND.bergen");
    expect(r.ok && r.search).toMatchObject({
      counties: ["MØRE OG ROMSDAL", "AKERSHUS", "VESTLAND"],
      municipalities: [
        { county: "AKERSHUS", municipality: "ASKER" },
        { county: "VESTLAND", municipality: "BERGEN" },
      ],
    });
  });

  it("refuses unknown counties and municipalities with suggestions (NAV would ignore them silently)", () => {
    const r = resolve("county=Olso&municipality=Bærum2,Trondhjem");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toEqual({
      path: "county",
      message: 'unknown county "Olso"; did you mean OSLO? see NAV_COUNTY_NAMES',
    });
    expect(r.issues[1]?.message).toContain("did you mean BÆRUM?");
    expect(r.issues[2]?.message).toContain('unknown or ambiguous municipality "Trondhjem"');
  });

  it("maps our tokens to NAV's values and builds the v6 query", () => {
    const r = resolve(
      "q=kokk&municipality=Asker&occupation=Helse og sosial.Sykepleiere,IT&sector=public&extent=part_time&engagement_type=temporary&remote=on_site&published=today&sort=expires&page=3&limit=10",
    );
    if (!r.ok) throw new Error("expected ok");
    const qs = navSearchParams(r.search, r.search.plan.requests[0] ?? { from: 0, size: 25 });
    expect([...qs]).toEqual([
      ["v", "6"],
      ["q", "kokk"],
      ["county", "AKERSHUS"],
      ["municipal", "AKERSHUS.ASKER"],
      ["occupationLevel1", "Helse og sosial"],
      ["occupationLevel1", "IT"],
      ["occupationLevel2", "Helse og sosial.Sykepleiere"],
      ["sector", "Offentlig"],
      ["extent", "Deltid"],
      ["engagementType", "Vikariat"],
      ["remote", "Hjemmekontor ikke mulig"],
      ["published", "now/d"],
      ["sort", "expires"],
      ["from", "20"],
      ["size", "25"],
    ]);
  });

  it("refuses pages past NAV's 10000-hit window with a 400-style issue", () => {
    const r = resolve("page=101&limit=100");
    expect(r).toEqual({
      ok: false,
      issues: [{ path: "page", message: expect.stringContaining("first 10000 hits") }],
    });
    expect(resolve("offset=9990&limit=20")).toMatchObject({ ok: false, issues: [{ path: "offset" }] });
    expect(resolve("page=100&limit=100").ok).toBe(true);
  });
});

describe("checkJobSearch", () => {
  it("answers the query and its resolved search when both stages accept it", () => {
    const checked = checkJobSearch(new URLSearchParams("municipals=Asker&size=30&from=10"));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.query).toMatchObject({ municipality: ["Asker"], limit: 30, offset: 10 });
    expect(checked.search.counties).toEqual(["AKERSHUS"]);
    expect(checked.search.offset).toBe(10);
  });

  it("gives the issues of the first stage that finds any: validation, then code lists", () => {
    const invalid = checkJobSearch({ county: "Osloo", limit: "0" });
    expect(invalid).toEqual({ ok: false, issues: [{ path: "limit", message: "limit must be at least 1" }] });
    const unknown = checkJobSearch({ county: "Osloo" });
    expect(unknown.ok).toBe(false);
    if (unknown.ok) return;
    expect(unknown.issues.map((i) => i.path)).toEqual(["county"]);
    expect(unknown.issues[0]?.message).toMatch(/^unknown county "Osloo"; did you mean OSLO\?/);
  });
});

describe("codes", () => {
  it("resolves names diacritic- and case-insensitively", () => {
    expect(resolveCounty("Trondelag")).toBe("TRØNDELAG");
    expect(resolveCounty("Finnmark")).toBe("FINNMARK");
    expect(resolveMunicipality("oystre slidre")).toEqual({
      county: "INNLANDET",
      municipality: "ØYSTRE SLIDRE",
    });
    expect(resolveMunicipality("OSLO.OSLO")).toEqual({ county: "OSLO", municipality: "OSLO" });
    expect(resolveMunicipality("AGDER.ASKER")).toBeNull();
    expect(NAV_COUNTY_NAMES).toHaveLength(15);
  });

  it("suggests the nearest names", () => {
    expect(suggestNames(NAV_COUNTY_NAMES, "vestlan")).toEqual(["VESTLAND"]);
    expect(suggestNames(NAV_COUNTY_NAMES, "zzzzzz")).toEqual([]);
    // A short name that prefixes the input must not outrank the real typo match.
    expect(suggestNames(NAV_MUNICIPALITY_NAMES, "Osloo")[0]).toBe("OSLO");
  });
});

describe("planNavPages", () => {
  const universe = Array.from({ length: NAV_RESULT_WINDOW }, (_, i) => i);
  /** What NAV would return for a request: `size` hits from `from`, within the window. */
  const serve = (from: number, size: number) => universe.slice(from, from + size);

  it("uses one request of the smallest size that fits", () => {
    expect(planNavPages(0, 10)).toEqual({ requests: [{ from: 0, size: 25 }], offset: 0, take: 10 });
    expect(planNavPages(40, 30)).toEqual({ requests: [{ from: 40, size: 100 }], offset: 40, take: 30 });
    expect(planNavPages(0, 100)).toEqual({ requests: [{ from: 0, size: 100 }], offset: 0, take: 100 });
  });

  it("splits near the window so no request passes 10000", () => {
    const plan = planNavPages(9950, 40);
    expect(plan?.requests).toEqual([
      { from: 9950, size: 25 },
      { from: 9975, size: 25 },
    ]);
    expect(planNavPages(9990, 10)?.requests).toEqual([{ from: 9975, size: 25 }]);
    expect(planNavPages(9991, 10)).toBeNull();
    expect(planNavPages(0, 0)).toBeNull();
    expect(planNavPages(0, 101)).toBeNull();
  });

  it("returns exactly hits [offset, offset+limit) for every combination", () => {
    const offsets = [
      0, 1, 24, 25, 26, 99, 100, 137, 5000, 9875, 9899, 9900, 9901, 9950, 9974, 9975, 9976, 9990, 9999,
    ];
    for (const offset of offsets)
      for (const limit of [1, 2, 10, 24, 25, 26, 50, 75, 99, 100]) {
        const plan = planNavPages(offset, limit);
        if (offset + limit > NAV_RESULT_WINDOW) {
          expect(plan).toBeNull();
          continue;
        }
        if (!plan) throw new Error(`no plan for ${offset}/${limit}`);
        for (const r of plan.requests) expect(r.from + r.size).toBeLessThanOrEqual(NAV_RESULT_WINDOW);
        const got = slicePlannedHits(
          plan,
          plan.requests.map((r) => serve(r.from, r.size)),
        );
        expect(got).toEqual(universe.slice(offset, offset + limit));
      }
  });

  it("returns what exists when the result set is shorter than the page", () => {
    const small = [0, 1, 2, 3, 4];
    const plan = planNavPages(2, 10);
    if (!plan) throw new Error("plan");
    expect(
      slicePlannedHits(
        plan,
        plan.requests.map((r) => small.slice(r.from, r.from + r.size)),
      ),
    ).toEqual([2, 3, 4]);
  });
});
