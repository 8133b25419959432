import { beforeAll, describe, expect, it } from "vitest";
import {
  compileNoticeQuery,
  type NoticeFeatures,
  type NoticeSummary,
  noticeFeatures,
  noticeMatchesQuery,
  parseSearchQuery,
  resolveSearchQuery,
  type SearchQuery,
  testNotice,
} from "../src/index";
import { createRng, noticeHit, randomNoticeParams, startCorpus } from "./alerts-support";

/**
 * The notice predicate against the emulator's own search: for many random searches over a generated
 * corpus, the notices the predicate accepts are exactly the hits the emulator's web client search returns
 * (read through core's client, as the gateway reads them).
 */

let corpus: Awaited<ReturnType<typeof startCorpus>>;
beforeAll(async () => {
  corpus = await startCorpus(14, 700);
}, 60_000);

const parse = (params: Record<string, string | string[]>): SearchQuery | null => {
  const parsed = parseSearchQuery(params);
  if (!parsed.ok) return null;
  return resolveSearchQuery(parsed.query).ok ? parsed.query : null;
};

describe("noticeMatchesQuery agrees with the emulator's search", () => {
  it("over 300 random searches, accepts exactly the search's hits", async () => {
    const rng = createRng(20261201);
    const { notices, web, searchAll } = corpus;
    expect(notices.length).toBeGreaterThan(600);
    const features = notices.map(noticeFeatures);
    // No filter: every notice.
    expect(notices.every((nt) => noticeMatchesQuery({ page: 1, limit: 20, facets: true }, nt))).toBe(true);
    let compared = 0;
    let nonEmpty = 0;
    for (let i = 0; compared < 300 && i < 1000; i++) {
      const params = randomNoticeParams(rng, notices);
      const query = parse(params);
      if (!query) continue;
      const resolved = resolveSearchQuery(query);
      if (!resolved.ok) continue;
      const { page: _p, limit: _l, ...filters } = resolved.filters;
      const expected = (await searchAll(web, filters)).map((h) => h.id).sort();
      // noticeMatchesQuery is exactly testNotice(compile(query), features(notice)); compiling the corpus'
      // features once keeps 300 × 700 comparisons cheap.
      const compiled = compileNoticeQuery(query);
      const got = notices
        .filter((_, k) => testNotice(compiled, features[k] as NoticeFeatures))
        .map((nt) => nt.id)
        .sort();
      expect(got, JSON.stringify(params)).toEqual(expected);
      // The one-shot form itself, on every 30th search, over the whole corpus.
      if (compared % 30 === 0)
        expect(
          notices
            .filter((nt) => noticeMatchesQuery(query, nt))
            .map((nt) => nt.id)
            .sort(),
        ).toEqual(expected);
      compared++;
      if (expected.length > 0) nonEmpty++;
    }
    expect(compared).toBe(300);
    // The comparison means something only if many searches do match.
    expect(nonEmpty).toBeGreaterThan(150);
  }, 120_000);
});

describe("noticeMatchesQuery semantics, case by case", () => {
  const base = (over: Partial<NoticeSummary> = {}): NoticeSummary =>
    noticeHit("2026-100001", {
      heading: "Rammeavtale om IT-tjenester til skolene i Bergen",
      description: "Kjøp av skoleskyss og drift",
      locations: ["NO0A2"],
      issuedAt: "2026-11-20T10:00:00Z",
      cpvCodes: ["72000000", "72200000", "72220000"],
      ...over,
    });

  const q = (params: Record<string, string>) => {
    const query = parse(params);
    if (!query) throw new Error(`invalid ${JSON.stringify(params)}`);
    return query;
  };
  it.each([
    [{ q: "it" }, true],
    [{ q: "IT-tjenester" }, true],
    [{ q: "skole" }, false],
    [{ q: "skole*" }, true],
    [{ q: "kjop drift" }, true],
    [{ q: "kjop flyplass" }, false],
    [{ type: "COMPETITION" }, true],
    [{ type: "ANNOUNCEMENT_OF_COMPETITION" }, true],
    [{ type: "RESULT" }, false],
    [{ status: "ACTIVE,EXPIRED" }, true],
    [{ status: "CANCELLED" }, false],
    [{ cpv: "72*" }, true],
    [{ cpv: "722*" }, true],
    [{ cpv: "45*" }, false],
    [{ cpv: "72220000" }, true],
    [{ location: "Vestland" }, true],
    [{ location: "NO0A" }, true],
    [{ location: "Oslo" }, false],
    [{ contract_nature: "SERVICES" }, true],
    [{ contract_nature: "WORKS" }, false],
    [{ published_from: "2026-11-20", published_to: "2026-11-20" }, true],
    [{ published_from: "2026-11-21" }, false],
    [{ type: "COMPETITION", cpv: "72*", location: "Vestland", limit: "5", sort: "deadline" }, true],
  ] as const)("%j → %s", (params, expected) => {
    expect(noticeMatchesQuery(q(params), base())).toBe(expected);
  });
  it("a notice without status never matches a status filter, one without a date never a date filter", () => {
    expect(noticeMatchesQuery(q({ status: "ACTIVE" }), base({ status: null }))).toBe(false);
    expect(noticeMatchesQuery(q({ published_to: "2030-01-01" }), base({ publishedOn: null }))).toBe(false);
  });
  it("a notice whose CPV codes are unknown never matches a cpv filter, and an explicit contract nature wins", () => {
    expect(noticeMatchesQuery(q({ cpv: "72*" }), base({ cpvCodes: null }))).toBe(false);
    expect(noticeMatchesQuery(q({ contract_nature: "WORKS" }), { ...base(), contractNature: "WORKS" })).toBe(
      true,
    );
  });
});
