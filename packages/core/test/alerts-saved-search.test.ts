import { describe, expect, it } from "vitest";
import {
  isSavedSearchFilterError,
  parseJobSearchQuery,
  parseSavedSearchFilter,
  parseSearchQuery,
  resolveSearchQuery,
  SavedSearchFilterError,
  savedSearchQueryJson,
} from "../src/index";

/** A saved search is validated by the same contracts as GET /v1/notices and GET /v1/jobs. */

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isSavedSearchFilterError(e)) return { message: e.message, source: e.source, issues: e.issues };
    throw e;
  }
  throw new Error("expected a SavedSearchFilterError");
};

describe("parseSavedSearchFilter", () => {
  it("parses notice filters with the search contract (aliases, lists, case)", () => {
    const filter = parseSavedSearchFilter("notices", {
      types: "competition",
      cpv: ["72*", "48000000"],
      region: "Vestland",
      q: "  skole  ",
    });
    expect(filter.source).toBe("notices");
    if (filter.source !== "notices") return;
    expect(filter.query.type).toEqual(["COMPETITION"]);
    expect(filter.query.cpv).toEqual(["72*", "48000000"]);
    expect(filter.query.location).toEqual(["Vestland"]);
    expect(filter.query.q).toBe("skole");
  });

  it("parses job filters with the job contract", () => {
    const filter = parseSavedSearchFilter("jobs", { counties: "Oslo,Vestland", extent: "Heltid" });
    expect(filter).toMatchObject({
      source: "jobs",
      query: { county: ["Oslo", "Vestland"], extent: ["full_time"] },
    });
  });

  it("refuses what the notice route refuses, with the same issues", () => {
    const bad = { cpv: "9999*", type: "nope", bogus: "1" };
    const got = issuesOf(() => parseSavedSearchFilter("notices", bad));
    const parsed = parseSearchQuery(bad as Record<string, string>);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(got).toEqual({
      message: "The search query is not valid; see issues.",
      source: "notices",
      issues: parsed.issues,
    });
    expect(got.issues.map((i) => i.path).sort()).toEqual(["bogus", "type"]);
  });

  it("refuses unresolvable codes (an unknown location, a CPV prefix with no codes) like the route", () => {
    const got = issuesOf(() => parseSavedSearchFilter("notices", { location: "Osloo", cpv: "9999*" }));
    const parsed = parseSearchQuery({ location: "Osloo", cpv: "9999*" });
    if (!parsed.ok) throw new Error("contract should accept the shape");
    const resolved = resolveSearchQuery(parsed.query);
    if (resolved.ok) throw new Error("resolution should fail");
    expect(got.issues).toEqual(resolved.issues);
    expect(got.issues.map((i) => i.path).sort()).toEqual(["cpv", "location"]);
    expect(got.issues.find((i) => i.path === "location")?.message).toContain("did you mean");
  });

  it("refuses bad job filters with the job contract's issues, incl. unknown counties", () => {
    const bad = { extent: "sometimes", size: "0" };
    const got = issuesOf(() => parseSavedSearchFilter("jobs", bad));
    const parsed = parseJobSearchQuery(bad);
    if (parsed.ok) throw new Error("expected issues");
    expect(got).toEqual({
      message: "The job search is not valid; see issues.",
      source: "jobs",
      issues: parsed.issues,
    });
    const county = issuesOf(() => parseSavedSearchFilter("jobs", { county: "Atlantis" }));
    expect(county.issues[0]?.path).toBe("county");
  });

  it("refuses a filter that is not an object (a JSON body of the wrong shape) with a 4xx-able error", () => {
    for (const bad of [null, "cpv=72*", ["72*"], 5])
      expect(issuesOf(() => parseSavedSearchFilter("notices", bad as never)).issues).toEqual([
        { path: "(query)", message: "the filter must be an object of search parameters" },
      ]);
    // nested values are refused by the contract, never thrown as a TypeError
    expect(issuesOf(() => parseSavedSearchFilter("notices", { cpv: { $gt: "" } })).issues[0]?.path).toBe(
      "cpv",
    );
  });

  it("refuses an unknown source", () => {
    const err = (() => {
      try {
        parseSavedSearchFilter("tweets" as "notices", {});
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SavedSearchFilterError);
    expect((err as SavedSearchFilterError).issues).toEqual([
      { path: "source", message: "use one of notices, jobs" },
    ]);
  });
});

describe("savedSearchQueryJson", () => {
  it("is canonical (equal filters, equal strings), drops paging, and parses back to the same filter", () => {
    const a = parseSavedSearchFilter("notices", {
      type: "RESULT,competition",
      limit: "5",
      location: "NO081",
    });
    const b = parseSavedSearchFilter("notices", { location: ["NO081"], types: ["competition", "result"] });
    expect(savedSearchQueryJson(a)).toBe('{"location":["NO081"],"type":["COMPETITION","RESULT"]}');
    expect(savedSearchQueryJson(b)).toBe(savedSearchQueryJson(a));
    const again = parseSavedSearchFilter("notices", JSON.parse(savedSearchQueryJson(a)));
    expect(savedSearchQueryJson(again)).toBe(savedSearchQueryJson(a));
    const job = parseSavedSearchFilter("jobs", {
      county: "Oslo",
      remote: "hybrid",
      size: "10",
      facets: "true",
    });
    expect(savedSearchQueryJson(job)).toBe('{"county":["Oslo"],"remote":["hybrid"]}');
    expect(parseSavedSearchFilter("jobs", JSON.parse(savedSearchQueryJson(job))).query).toMatchObject({
      county: ["Oslo"],
      remote: ["hybrid"],
    });
  });
});
