import { beforeAll, describe, expect, it } from "vitest";
import {
  buildMatchIndex,
  compileJobQuery,
  compileNoticeQuery,
  type Job,
  jobFeatures,
  matchIndexStats,
  matchJob,
  matchNotice,
  noticeFeatures,
  parseSavedSearchFilter,
  type SavedSearchFilter,
  testJob,
  testNotice,
} from "../src/index";
import { createRng, inProcessNav, randomNoticeParams, startCorpus } from "./alerts-support";

/**
 * The index gives exactly what the brute-force predicate gives over every (search, item) pair, on random
 * searches of every shape (incl. ones with no indexable filter, which sit in the scan list).
 */

type Search = { id: string; filter: SavedSearchFilter };

let corpus: Awaited<ReturnType<typeof startCorpus>>;
beforeAll(async () => {
  corpus = await startCorpus(31, 400);
}, 60_000);

const randomNoticeSearches = (seed: number, n: number): Search[] => {
  const rng = createRng(seed);
  const out: Search[] = [];
  for (let i = 0; out.length < n && i < n * 3; i++) {
    const params = randomNoticeParams(rng, corpus.notices);
    // Some searches with only unindexable filters (dates) or none at all: they must land in the scan list.
    if (rng.chance(0.02)) for (const k of Object.keys(params)) delete params[k];
    try {
      out.push({ id: `ss_n${i}`, filter: parseSavedSearchFilter("notices", params) });
    } catch {
      // an invalid random search (e.g. an empty q): not a saved search
    }
  }
  return out;
};

describe("buildMatchIndex + matchNotice", () => {
  it("equals brute force over 2,000 random searches × every corpus notice", () => {
    const searches = randomNoticeSearches(7, 2000);
    expect(searches.length).toBe(2000);
    const index = buildMatchIndex(searches);
    const stats = matchIndexStats(index);
    expect(stats.notices.searches).toBe(2000);
    expect(stats.notices.scan).toBeGreaterThan(0);
    expect(stats.notices.scan).toBeLessThan(400);
    const compiled = searches.map((s) =>
      s.filter.source === "notices" ? compileNoticeQuery(s.filter.query) : null,
    );
    let pairs = 0;
    let matches = 0;
    for (const notice of corpus.notices) {
      const f = noticeFeatures(notice);
      const brute = searches.filter((_, i) =>
        testNotice(compiled[i] as ReturnType<typeof compileNoticeQuery>, f),
      );
      expect(matchNotice(index, notice), notice.id).toEqual(brute.map((s) => s.id));
      pairs += searches.length;
      matches += brute.length;
    }
    expect(matches).toBeGreaterThan(1000);
    // The index verified far fewer candidates than brute force tests pairs.
    expect(index.candidates).toBeLessThan(pairs / 3);
  });

  it("skips a search whose filter no longer resolves and still matches the rest", () => {
    const good = parseSavedSearchFilter("notices", { type: "COMPETITION" });
    // A filter that bypassed validation (say, a row written by an older version with a retired code).
    const stale: SavedSearchFilter = {
      source: "notices",
      query: { ...good.query, cpv: ["99999999"] } as never,
    };
    const index = buildMatchIndex([
      { id: "ss_stale", filter: stale },
      { id: "ss_good", filter: good },
    ]);
    expect(index.skipped.map((s) => s.id)).toEqual(["ss_stale"]);
    const competition = corpus.notices.find((n) => n.allTypes.includes("COMPETITION"));
    expect(competition && matchNotice(index, competition)).toEqual(["ss_good"]);
  });

  it("keeps notices and jobs apart", () => {
    const index = buildMatchIndex([
      { id: "ss_jobs", filter: parseSavedSearchFilter("jobs", {}) },
      { id: "ss_all", filter: parseSavedSearchFilter("notices", {}) },
    ]);
    const notice = corpus.notices[0];
    expect(notice && matchNotice(index, notice)).toEqual(["ss_all"]);
  });
});

describe("buildMatchIndex + matchJob", () => {
  const NOW = "2026-12-01T10:00:00Z";
  const { nav } = inProcessNav({ seed: 5, count: 300, now: NOW });
  const jobs: Job[] = [];
  beforeAll(async () => {
    const page = await nav.feedPage({ pageSize: 1000 });
    for (const line of page.lines.filter((l) => l.status === "ACTIVE").slice(0, 250))
      jobs.push(await nav.getJob(line.uuid));
  }, 60_000);

  it("equals brute force over 1,000 random job searches × the ads", () => {
    const rng = createRng(99);
    const searches: Search[] = [];
    for (let i = 0; searches.length < 1000 && i < 5000; i++) {
      const job = rng.pick(jobs);
      const params: Record<string, unknown> = {};
      if (rng.chance(0.4)) params.q = rng.pick(job.title.split(/\s+/));
      if (rng.chance(0.4)) params.county = job.locations[0]?.county ?? "OSLO";
      if (rng.chance(0.3)) params.occupation = job.occupations[0]?.level1 ?? "IT";
      if (rng.chance(0.2)) params.sector = rng.pick(["public", "private"]);
      if (rng.chance(0.2)) params.extent = rng.pick(["full_time", "part_time"]);
      if (rng.chance(0.2)) params.engagement_type = rng.pick(["permanent", "temporary"]);
      if (rng.chance(0.1)) params.published = rng.pick(["today", "week"]);
      try {
        searches.push({ id: `ss_j${i}`, filter: parseSavedSearchFilter("jobs", params) });
      } catch {
        // not a valid search
      }
    }
    const index = buildMatchIndex(searches);
    const now = Date.parse(NOW);
    const compiled = searches.map((s) =>
      s.filter.source === "jobs" ? compileJobQuery(s.filter.query) : null,
    );
    let matches = 0;
    for (const job of jobs) {
      const f = jobFeatures(job);
      const brute = searches.filter((_, i) =>
        testJob(compiled[i] as ReturnType<typeof compileJobQuery>, f, now),
      );
      expect(matchJob(index, job, now), job.uuid).toEqual(brute.map((s) => s.id));
      matches += brute.length;
    }
    expect(jobs.length).toBeGreaterThan(100);
    expect(matches).toBeGreaterThan(500);
  });
});
