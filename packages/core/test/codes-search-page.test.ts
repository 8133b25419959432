import { describe, expect, it } from "vitest";
import {
  CODE_MATCH_KINDS,
  CodeSearchError,
  type CodeSearchPage,
  cpvList,
  foldText,
  isCodeSearchError,
  listLocations,
  searchCpv,
  searchCpvPage,
  searchLocationsPage,
} from "../src/index";

type Item = { code: string; level: number | null; match: string };
type Coded = { code: string; level: number | null; nameNb: string; nameEn: string };

/** Every page of a query, followed cursor by cursor. */
const allPages = <T extends Coded>(
  search: (q: string, o: { limit: number; cursor?: string }) => CodeSearchPage<T>,
  q: string,
  limit: number,
) => {
  const items: (T & { match: string })[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = search(q, { limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor !== null) expect(page.items).toHaveLength(limit);
    items.push(...page.items);
    totals.add(page.total);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor !== undefined && pages < 1000);
  return { items, totals: [...totals] };
};

const tier = (match: string) => CODE_MATCH_KINDS.indexOf(match as (typeof CODE_MATCH_KINDS)[number]);

/** The promised order: match kind, then level (broader first), then code. */
const expectRanked = (items: Item[]) => {
  for (let k = 1; k < items.length; k++) {
    const a = items[k - 1] as Item;
    const b = items[k] as Item;
    const key = (x: Item) => [tier(x.match), x.level ?? 0] as const;
    const [ta, la] = key(a);
    const [tb, lb] = key(b);
    const ordered = ta < tb || (ta === tb && (la < lb || (la === lb && a.code < b.code)));
    expect(ordered, `${a.code} (${a.match}, L${a.level}) before ${b.code} (${b.match}, L${b.level})`).toBe(
      true,
    );
  }
};

const thrown = (fn: () => unknown): CodeSearchError => {
  try {
    fn();
  } catch (e) {
    if (isCodeSearchError(e)) return e;
    throw e;
  }
  throw new Error("expected a CodeSearchError");
};

describe("searchCpvPage: ranking on the real CPV labels", () => {
  it("ranks exact code, then code prefix broadest first", () => {
    const page = searchCpvPage("72210000", { limit: 5 });
    expect(page.items[0]).toMatchObject({ code: "72210000", match: "code" });
    expect(page.items.slice(1).every((i) => i.match === "code_prefix" && i.code.startsWith("72210000"))).toBe(
      true,
    );
    const prefix = searchCpvPage("72", { limit: 11 });
    expect(prefix.items.map((i) => i.code)).toEqual([
      "72000000",
      "72100000",
      "72200000",
      "72300000",
      "72400000",
      "72500000",
      "72600000",
      "72700000",
      "72800000",
      "72900000",
      "72110000",
    ]);
    expect(searchCpvPage("45000000-7").items[0]).toMatchObject({ code: "45000000", match: "code" });
  });

  it("puts the whole label first, then whole-word matches, then fragments, each by level then code", () => {
    const cleaning = searchCpvPage("cleaning services", { limit: 4 });
    expect(cleaning.items.map((i) => [i.code, i.match])).toEqual([
      ["90910000", "label"],
      ["90000000", "words"],
      ["90600000", "words"],
      ["90900000", "words"],
    ]);
    const software = allPages(searchCpvPage, "programvare", 100).items;
    expect(software.slice(0, 3).map((i) => [i.code, i.match])).toEqual([
      ["48000000", "words"],
      ["51000000", "words"],
      ["48100000", "words"],
    ]);
    expect(software.some((i) => i.match === "partial")).toBe(true);
    expectRanked(software);
    const school = allPages(searchCpvPage, "skole", 100).items;
    expect(school[0]).toMatchObject({ code: "22831000", match: "words" });
    expect(school.find((i) => i.match === "partial")?.code).toBe("80100000");
    expectRanked(school);
  });

  it("never matches a one- or two-letter word inside another word", () => {
    const it2 = allPages(searchCpvPage, "IT", 100).items;
    expect(it2.length).toBeGreaterThan(5);
    for (const item of it2) expect(/\bit\b/i.test(`${item.nameNb} ${item.nameEn}`), item.code).toBe(true);
  });

  it("counts every match: total equals a brute-force count over the list", () => {
    const folded = (s: string) => foldText(s);
    const expected = cpvList().filter(
      (c) => folded(c.nameNb).includes("programvare") || folded(c.nameEn).includes("programvare"),
    ).length;
    expect(searchCpvPage("programvare").total).toBe(expected);
    expect(expected).toBe(289);
    expect(searchCpvPage("Programvare", { limit: 1 }).total).toBe(expected);
  });

  it("typo-corrects only when nothing matches as typed, and says so", () => {
    const page = searchCpvPage("programvre", { limit: 3 });
    expect(page.correctedQuery).toBe("programvare");
    expect(page.items[0]).toMatchObject({ code: "48000000", match: "typo" });
    expect(page.total).toBe(searchCpvPage("programvare").total);
    expect(searchCpvPage("programvare").correctedQuery).toBeUndefined();
    expect(searchCpvPage("programvre", { typoTolerant: false }).total).toBe(0);
  });

  it("matches one language's labels when lang is given", () => {
    expect(searchCpvPage("rengjøring", { lang: "en", typoTolerant: false }).total).toBe(0);
    expect(searchCpvPage("rengjøring", { lang: "nb" }).items[0]?.code).toBe("90910000");
    expect(searchCpvPage("cleaning services", { lang: "en" }).items[0]?.code).toBe("90910000");
  });

  it("keeps queries apart that fold alike but name different codes", () => {
    expect(searchCpvPage("45000000-7").items[0]).toMatchObject({ code: "45000000", match: "code" });
    // "45000000 7" is no CPV code (nine digits once spaces go): not the cached ranking of "45000000-7".
    expect(searchCpvPage("45000000 7").items.some((i) => i.match === "code")).toBe(false);
  });

  it("finds nothing for a blank query", () => {
    expect(searchCpvPage("   ")).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it("keeps searchCpv as the first hits of the same ranking", () => {
    const page = searchCpvPage("programvare", { limit: 20 });
    expect(searchCpv("programvare").map((h) => h.code)).toEqual(page.items.map((i) => i.code));
    expect(searchCpv("programvare", { limit: 150 }).map((h) => h.code)).toEqual(
      allPages(searchCpvPage, "programvare", 100)
        .items.slice(0, 150)
        .map((i) => i.code),
    );
  });
});

describe("searchCpvPage / searchLocationsPage: paging", () => {
  for (const [q, limit] of [
    ["programvare", 7],
    ["programvare", 100],
    ["72", 13],
    ["tjenester", 100],
  ] as const) {
    it(`covers every match of "${q}" exactly once with limit ${limit}`, () => {
      const { items, totals } = allPages(searchCpvPage, q, limit);
      expect(totals).toHaveLength(1);
      expect(items).toHaveLength(totals[0] as number);
      expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
      expectRanked(items);
    });
  }

  it("pages locations the same way", () => {
    const { items, totals } = allPages(searchLocationsPage, "NO0", 4);
    const expected = listLocations().filter((l) => l.code.startsWith("NO0")).length;
    expect(totals).toEqual([expected]);
    expect(items.map((i) => i.code)).toHaveLength(expected);
    expect(new Set(items.map((i) => i.code)).size).toBe(expected);
    expect(items[0]).toMatchObject({ code: "NO0", match: "code" });
    expectRanked(items);
  });

  it("defaults to 20 items and has no cursor on the last page", () => {
    const first = searchCpvPage("tjenester");
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));
    const only = searchCpvPage("cleaning services", { limit: 100 });
    expect(only.items).toHaveLength(only.total);
    expect(only.nextCursor).toBeNull();
  });
});

describe("searchLocationsPage: ranking", () => {
  it("ranks code, code prefix, whole name, words, by level then code", () => {
    expect(searchLocationsPage("no08").items.map((l) => [l.code, l.match])).toEqual([
      ["NO08", "code"],
      ["NO081", "code_prefix"],
      ["NO082", "code_prefix"],
      ["NO083", "code_prefix"],
      ["NO084", "code_prefix"],
      ["NO085", "code_prefix"],
    ]);
    expect(searchLocationsPage("Oslo").items.map((l) => [l.code, l.match])).toEqual([
      ["NO081", "label"],
      ["NO08", "words"],
    ]);
    expect(searchLocationsPage("MØRE OG ROMSDAL").items[0]).toMatchObject({ code: "NO0A3", match: "label" });
    expect(searchLocationsPage("Finnmark").items.map((l) => l.code)).toContain("NO073");
  });

  it("typo-corrects names when nothing matches", () => {
    const page = searchLocationsPage("Osloo");
    expect(page.correctedQuery).toBe("oslo");
    expect(page.items[0]).toMatchObject({ code: "NO081", match: "typo" });
    expect(searchLocationsPage("Atlantis").total).toBe(0);
  });
});

describe("code searches: bad input", () => {
  it("rejects a malformed or edited cursor", () => {
    expect(thrown(() => searchCpvPage("programvare", { cursor: "bogus!" }))).toMatchObject({
      reason: "cursor_malformed",
      param: "cursor",
    });
    const next = searchCpvPage("programvare", { limit: 10 }).nextCursor as string;
    const text = atob(next.replace(/-/g, "+").replace(/_/g, "/"));
    const edited = btoa(text.replace(/\.10\./, ".30."))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect(edited).not.toBe(next);
    expect(thrown(() => searchCpvPage("programvare", { cursor: edited })).reason).toBe("cursor_malformed");
    expect(thrown(() => searchCpvPage("programvare", { cursor: next.slice(0, -3) })).reason).toBe(
      "cursor_malformed",
    );
  });

  it("rejects a cursor of another query, language or list", () => {
    const next = searchCpvPage("programvare", { limit: 10 }).nextCursor as string;
    expect(searchCpvPage("PROGRAMVARE", { limit: 10, cursor: next }).items).toHaveLength(10);
    expect(thrown(() => searchCpvPage("tjenester", { cursor: next })).reason).toBe("cursor_foreign");
    expect(thrown(() => searchCpvPage("programvare", { cursor: next, lang: "nb" })).reason).toBe(
      "cursor_foreign",
    );
    expect(thrown(() => searchLocationsPage("programvare", { cursor: next })).reason).toBe("cursor_foreign");
    const loc = searchLocationsPage("NO0", { limit: 2 }).nextCursor as string;
    const error = thrown(() => searchCpvPage("NO0", { cursor: loc }));
    expect(error).toBeInstanceOf(CodeSearchError);
    expect(error.message).toMatch(/another code list/);
  });

  it("rejects a limit outside 1–100", () => {
    for (const limit of [0, -1, 101, 2.5, Number.NaN]) {
      expect(thrown(() => searchCpvPage("skole", { limit }))).toMatchObject({
        reason: "limit_out_of_range",
        param: "limit",
      });
      expect(thrown(() => searchLocationsPage("Oslo", { limit })).param).toBe("limit");
    }
    expect(searchCpvPage("skole", { limit: 100 }).items.length).toBeGreaterThan(20);
  });
});
