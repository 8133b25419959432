import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  foldSearchParams,
  parseSearchQuery,
  resolveSearchQuery,
  SEARCH_PARAM_ALIASES,
  SEARCH_PARAM_NAMES,
  SearchQuery,
} from "../src/index";

/** Parses and resolves a query string, failing the test with the issues when either step fails. */
const resolve = (qs: string) => {
  const parsed = parseSearchQuery(new URLSearchParams(qs));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const resolved = resolveSearchQuery(parsed.query);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  return resolved;
};
const issuesOf = (qs: string) => {
  const parsed = parseSearchQuery(new URLSearchParams(qs));
  if (parsed.ok) {
    const resolved = resolveSearchQuery(parsed.query);
    return resolved.ok ? [] : resolved.issues;
  }
  return parsed.issues;
};

describe("the search contract's names", () => {
  it("SearchQuery has exactly the public names, and every alias points at one", () => {
    expect(Object.keys(SearchQuery.shape).sort()).toEqual([...SEARCH_PARAM_NAMES].sort());
    for (const [alias, name] of Object.entries(SEARCH_PARAM_ALIASES)) {
      expect(SEARCH_PARAM_NAMES, alias).toContain(name);
      expect(alias).toBe(alias.toLowerCase());
    }
  });

  it("documents every field with a description and an example", () => {
    for (const [name, field] of Object.entries(SearchQuery.shape)) {
      const meta = field.meta() as { description?: string; examples?: unknown[] } | undefined;
      expect(meta?.description, name).toBeTruthy();
      expect(meta?.examples?.length, name).toBeGreaterThan(0);
    }
  });
});

describe("foldSearchParams", () => {
  it("folds aliases case-insensitively and keeps every value of a list", () => {
    const { values, issues } = foldSearchParams(
      new URLSearchParams("Types=RESULT&type=PLANNING&from=2026-01-01&searchString=skole"),
    );
    expect(issues).toEqual([]);
    expect(values).toEqual({ type: ["RESULT", "PLANNING"], published_from: "2026-01-01", q: "skole" });
  });

  it("accepts a record (hono's query object) as well as URLSearchParams", () => {
    expect(foldSearchParams({ statuses: ["ACTIVE", "EXPIRED"], limit: "5", q: undefined }).values).toEqual({
      status: ["ACTIVE", "EXPIRED"],
      limit: "5",
    });
  });

  it("reports unknown parameters and conflicting repeats with today's messages", () => {
    const { issues } = foldSearchParams(new URLSearchParams("colour=red&limit=1&limit=2&page=3&page=3"));
    expect(issues).toEqual([
      { path: "colour", message: `unknown parameter; use one of ${SEARCH_PARAM_NAMES.join(", ")}` },
      { path: "limit", message: "given 2 times with different values; give it once" },
    ]);
  });
});

describe("parseSearchQuery + resolveSearchQuery", () => {
  it("fills defaults", () => {
    const r = resolve("");
    expect(r.filters).toEqual({ page: 1, limit: 20 });
    expect(r.facets).toBe(true);
  });

  it("gives the same canonical form for order, aliases, case, commas and duplicates", () => {
    const a = resolve("type=COMPETITION&type=RESULT&status=ACTIVE&q=skole");
    const b = resolve("query=skole&statuses=active&types=result,competition,RESULT");
    const c = resolve(
      "status=ACTIVE&type=RESULT,COMPETITION&searchString=%20skole%20&page=1&limit=20&facets=true",
    );
    expect(b.canonical).toBe(a.canonical);
    expect(c.canonical).toBe(a.canonical);
    expect(a.filters.types).toEqual(["COMPETITION", "RESULT"]);
    expect(a.canonical).toBe(canonicalJson({ filters: a.filters, facets: true }));
  });

  it("distinguishes queries that ask for different things", () => {
    expect(resolve("type=RESULT").canonical).not.toBe(resolve("type=COMPETITION").canonical);
    expect(resolve("facets=false").canonical).not.toBe(resolve("").canonical);
    expect(resolve("page=2").canonical).not.toBe(resolve("").canonical);
  });

  it("expands a CPV prefix and resolves county names (legacy codes included)", () => {
    const f = resolve("cpv=722*&location=Vestland").filters;
    // Doffin indexes notices under every ancestor code, so a prefix is sent as its topmost code.
    expect(f.cpvCodes).toEqual(["72200000"]);
    expect(f.locations).toContain("NO0A2");
  });

  it("maps dates, sort, concrete types written with dashes, and collapses whitespace in q", () => {
    const f = resolve(
      "from=2026-01-01&to=2026-02-01&sort=PUBLISHED_ASC&type=announcement-of-competition&q=a%20%20%20b",
    ).filters;
    expect(f).toMatchObject({
      publishedFrom: "2026-01-01",
      publishedTo: "2026-02-01",
      sort: "published_asc",
      types: ["ANNOUNCEMENT_OF_COMPETITION"],
      q: "a b",
    });
  });

  it("allows page × limit exactly at the 1000-hit window", () => {
    expect(resolve("page=10&limit=100").filters).toMatchObject({ page: 10, limit: 100 });
  });

  it("treats empty list values as absent", () => {
    expect(resolve("type=&status=,").filters).toEqual({ page: 1, limit: 20 });
  });

  it("parsing an already parsed query gives the same query (surfaces may parse twice)", () => {
    const once = SearchQuery.parse({ type: "result,planning", page: "2", facets: "no", q: " x " });
    expect(SearchQuery.parse(once)).toEqual(once);
  });

  it.each([
    ["type=TENDER", "type", 'unknown value "TENDER"; use one of PLANNING'],
    ["status=OPEN", "status", 'unknown value "OPEN"; use one of ACTIVE, EXPIRED, AWARDED, CANCELLED'],
    ["contract_nature=GOODS", "contract_nature", "use one of WORKS, SUPPLIES, SERVICES"],
    ["sort=cheapest", "sort", "use one of relevance, published_desc, published_asc, deadline"],
    ["limit=0", "limit", "must be between 1 and 100"],
    ["limit=101", "limit", "must be between 1 and 100"],
    ["limit=2.5", "limit", "must be a whole number"],
    ["page=0", "page", "must be at least 1"],
    ["page=abc", "page", "must be a whole number"],
    ["page=11&limit=100", "page", "page × limit must be ≤ 1000"],
    ["page=51", "page", "/v1/changes"],
    ["published_from=2026-13-01", "published_from", "use a real date as YYYY-MM-DD"],
    ["published_to=2026-02-30", "published_to", "use a real date as YYYY-MM-DD"],
    ["published_from=2026-06-01&published_to=2026-01-01", "published_from", "must not be after published_to"],
    [`q=${"a".repeat(501)}`, "q", "at most 500 characters"],
    ["q=abc%00def", "q", "must not contain control characters"],
    ["facets=maybe", "facets", "use true or false"],
    [`cpv=${"7".repeat(101)}`, "cpv", "a value is longer than 100 characters"],
    ["cpv=72000001", "cpv", "did you mean"],
    ["cpv=software", "cpv", "is not a CPV code"],
    ["location=Vestlandd", "location", "NO0A2"],
  ])("%s → an issue at %s", (qs, path, message) => {
    const issues = issuesOf(qs);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)?.message).toContain(message);
  });

  it("lists every bad field at once", () => {
    expect(
      issuesOf("type=X&status=Y&limit=0&colour=red")
        .map((i) => i.path)
        .sort(),
    ).toEqual(["colour", "limit", "status", "type"]);
  });
});
