import { describe, expect, it } from "vitest";
import { createEmulator } from "../src/index";
import { THEMES } from "../src/text-bank";
import { allRecords, hasWord, makeEmulator, publicSearch, webSearch } from "./helpers";

const emu = makeEmulator({ count: 3000 });
const records = allRecords(emu);
const textOf = (r: { heading: string; description: string }) => `${r.heading}\n${r.description}`;

/** Every id of a web client search (up to 1000 hits), in order. */
const webAll = async (e: ReturnType<typeof makeEmulator>, searchString: string) => {
  const ids: string[] = [];
  let total = 0;
  for (let page = 1; page <= 10; page++) {
    const body = await webSearch(e, { searchString, numHitsPerPage: 100, page });
    total = body.numHitsTotal;
    ids.push(...body.hits.map((h) => h.id));
    if (ids.length >= Math.min(total, 1000)) break;
  }
  return { ids, total };
};

describe("free text matches words, not substrings (both surfaces)", () => {
  it('"IT" finds IT-tjenester but never "universitet"', async () => {
    const substringOnly = records.filter((r) => /universitet/i.test(textOf(r)) && !hasWord(textOf(r), "it"));
    expect(substringOnly.length).toBeGreaterThan(0);
    const expected = records.filter((r) => hasWord(textOf(r), "it"));
    expect(expected.length).toBeGreaterThan(0);
    const web = await webAll(emu, "IT");
    expect(web.total).toBe(expected.length);
    const pub = await publicSearch(emu, [
      ["searchString", "IT"],
      ["numHitsPerPage", "1000"],
    ]);
    expect(pub.numHitsTotal).toBe(expected.length);
    const excluded = new Set(substringOnly.map((r) => r.id));
    expect(web.ids.some((id) => excluded.has(id))).toBe(false);
    expect(pub.hits.some((h) => excluded.has(h.id))).toBe(false);
  });

  it("ignores case and diacritics, and needs every word", async () => {
    const both = records.filter(
      (r) => hasWord(textOf(r), "skoleskyss") && hasWord(textOf(r), "fylkeskommune"),
    );
    expect(both.length).toBeGreaterThan(0);
    for (const q of ["skoleskyss fylkeskommune", "SKOLESKYSS Fylkeskommune"]) {
      expect((await webSearch(emu, { searchString: q })).numHitsTotal).toBe(both.length);
      expect((await publicSearch(emu, [["searchString", q]])).numHitsTotal).toBe(both.length);
    }
    const withO = records.filter((r) => hasWord(textOf(r), "tromsø")).length;
    expect(withO).toBeGreaterThan(0);
    expect((await webSearch(emu, { searchString: "tromso" })).numHitsTotal).toBe(withO);
    expect((await webSearch(emu, { searchString: "TROMSØ" })).numHitsTotal).toBe(withO);
  });

  it("splits a hyphenated word into words: IT-driftstjenester needs both", async () => {
    const expected = records.filter((r) => hasWord(textOf(r), "it") && hasWord(textOf(r), "driftstjenester"));
    expect(expected.length).toBeGreaterThan(0);
    expect((await webSearch(emu, { searchString: "IT-driftstjenester" })).numHitsTotal).toBe(expected.length);
  });

  it("matches word prefixes only with a trailing *", async () => {
    const whole = records.filter((r) => hasWord(textOf(r), "skole")).length;
    const prefixed = records.filter((r) => hasWord(textOf(r), "skole", true)).length;
    expect(prefixed).toBeGreaterThan(whole);
    expect((await webSearch(emu, { searchString: "skole" })).numHitsTotal).toBe(whole);
    expect((await webSearch(emu, { searchString: "skole*" })).numHitsTotal).toBe(prefixed);
    expect((await publicSearch(emu, [["searchString", "skole*"]])).numHitsTotal).toBe(prefixed);
  });

  it("ranks by relevance: heading matches count three times, then description matches", async () => {
    const body = await webSearch(emu, { searchString: "renhold", numHitsPerPage: 100 });
    expect(body.numHitsTotal).toBeGreaterThan(0);
    const count = (text: string) =>
      text.split(/[^\p{L}\p{N}]+/u).filter((t) => t.toLowerCase() === "renhold").length;
    const scores = body.hits.map((h) => 3 * count(h.heading as string) + count(h.description as string));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(hasWord(body.hits[0]?.heading as string, "renhold")).toBe(true);
  });

  it("a search string without letters or digits filters nothing", async () => {
    const all = (await webSearch(emu, {})).numHitsTotal;
    expect((await webSearch(emu, { searchString: " – " })).numHitsTotal).toBe(all);
  });
});

describe("realistic words in the default corpus", () => {
  const words = [
    "skoleskyss",
    "brannbil",
    "renhold",
    "programvare",
    "skole",
    "IT",
    "rammeavtale",
    "bygg",
    "vei",
    "konsulent",
  ];

  it("every theme heading contains its word as a whole word", () => {
    expect(THEMES.map((t) => t.word).sort()).toEqual([...words].sort());
    for (const t of THEMES) for (const h of t.headings) expect(hasWord(h, t.word), h).toBe(true);
  });

  // The library defaults (seed 42, 2000 notices, clock = now), and two pinned clocks.
  for (const [name, options] of [
    ["createEmulator() defaults", {}],
    [
      "CLI defaults (5000 notices) at the fixtures' capture date",
      { count: 5000, now: "2026-08-03T12:00:00Z" },
    ],
    ["a clock in 2031", { now: "2031-02-14T09:00:00Z" }],
  ] as const) {
    it(`${name}: ≥ 1 ACTIVE COMPETITION for each word through the web client`, async () => {
      const e = createEmulator({ ...options, rateLimit: false });
      for (const word of words) {
        const body = await webSearch(e, {
          searchString: word,
          numHitsPerPage: 5,
          facets: { status: { checkedItems: ["ACTIVE"] }, type: { checkedItems: ["COMPETITION"] } },
        });
        expect(body.numHitsTotal, word).toBeGreaterThanOrEqual(1);
        const hit = body.hits[0];
        expect(hit?.status).toBe("ACTIVE");
        expect(hit?.allTypes).toContain("COMPETITION");
        expect(hasWord(`${hit?.heading as string} ${hit?.description as string}`, word)).toBe(true);
      }
    });
  }

  it("is deterministic per seed", async () => {
    const q = { searchString: "brannbil", numHitsPerPage: 50 };
    const a = await webSearch(makeEmulator({ count: 3000 }), q);
    const b = await webSearch(makeEmulator({ count: 3000 }), q);
    const c = await webSearch(makeEmulator({ count: 3000, seed: 7 }), q);
    expect(a.hits.map((h) => [h.id, h.heading])).toEqual(b.hits.map((h) => [h.id, h.heading]));
    expect(a.hits.map((h) => h.heading)).not.toEqual(c.hits.map((h) => h.heading));
  });
});
