import { canonicalJson } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { coreCodeLookup } from "../src/code-lookup";
import { parseSearchQuery } from "../src/query";

const codes = coreCodeLookup();
const parse = (qs: string) => parseSearchQuery(new URLSearchParams(qs), codes);

describe("parseSearchQuery", () => {
  it("fills defaults", () => {
    expect(parse("").filters).toEqual({ page: 1, limit: 20 });
    expect(parse("").facets).toBe(true);
  });

  it("gives the same canonical form for order, aliases, case, commas and duplicates", () => {
    const a = parse("type=COMPETITION&type=RESULT&status=ACTIVE&q=skole");
    const b = parse("query=skole&statuses=active&types=result,competition,RESULT");
    const c = parse(
      "status=ACTIVE&type=RESULT,COMPETITION&searchString=%20skole%20&page=1&limit=20&facets=true",
    );
    expect(b.canonical).toBe(a.canonical);
    expect(c.canonical).toBe(a.canonical);
    expect(a.filters.types).toEqual(["COMPETITION", "RESULT"]);
  });

  it("distinguishes queries that ask for different things", () => {
    expect(parse("type=RESULT").canonical).not.toBe(parse("type=COMPETITION").canonical);
    expect(parse("facets=false").canonical).not.toBe(parse("").canonical);
    expect(parse("page=2").canonical).not.toBe(parse("").canonical);
  });

  it("expands a CPV prefix and resolves county names (legacy codes included)", () => {
    const f = parse("cpv=722*&location=Vestland").filters;
    // Doffin indexes notices under every ancestor code, so a prefix is sent as its topmost code.
    expect(f.cpvCodes).toEqual(["72200000"]);
    expect(f.locations).toContain("NO0A2");
  });

  it("maps dates and sort", () => {
    const f = parse("from=2026-01-01&to=2026-02-01&sort=published_asc").filters;
    expect(f).toMatchObject({
      publishedFrom: "2026-01-01",
      publishedTo: "2026-02-01",
      sort: "published_asc",
    });
  });

  it("allows page × limit exactly at the 1000-hit window", () => {
    expect(parse("page=10&limit=100").filters).toMatchObject({ page: 10, limit: 100 });
  });

  it("treats empty list values as absent", () => {
    expect(parse("type=&status=,").filters).toEqual({ page: 1, limit: 20 });
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      '{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}',
    );
  });
});
