/**
 * The job predicate: does a NAV ad match a job search? Same semantics as NAV's search (as the NAV
 * emulator models it): every word of `q` occurs among the words of title, job title, occupations,
 * categories and employer (case-insensitive, whole words), or `q` is the ad's uuid; counties, with a
 * municipality narrowing only its own county; occupation level 1, with level 2 narrowing its level 1;
 * `full_time`/`part_time` also match ads offering both; `published` counts back from `now`.
 */
import type { Job, JobSummary } from "../nav/model";
import { resolveJobSearchQuery } from "../nav/resolve";
import type { JobSearchQuery } from "../nav/search-query";
import { osloDate, osloDayStart } from "../util/oslo";
import { SavedSearchFilterError } from "./saved-search";

/** A job as the matcher reads it; a full `Job` (feed entry) also has the categories NAV's text search reads. */
export type MatchableJob = JobSummary & { categories?: Job["categories"] };

/** A job search compiled once: resolved counties, municipalities, occupations and NAV values. */
export type CompiledJobQuery = {
  q: string | null;
  words: string[];
  counties: ReadonlySet<string> | null;
  /** County → its municipalities (`COUNTY.MUNICIPALITY`), only for counties narrowed by municipality. */
  municipalities: ReadonlyMap<string, ReadonlySet<string>>;
  level1: ReadonlySet<string> | null;
  /** Level 1 → its `level1.level2` values, only where level 2 was given. */
  level2: ReadonlyMap<string, ReadonlySet<string>>;
  sector: ReadonlySet<string> | null;
  extent: ReadonlySet<string> | null;
  engagementType: ReadonlySet<string> | null;
  remote: ReadonlySet<string> | null;
  published: string | null;
};

/** What the job predicate needs of an ad, derived once per ad. */
export type JobFeatures = {
  uuid: string;
  words: ReadonlySet<string>;
  /** `COUNTY.MUNICIPALITY` per location (upper case; municipality may be empty). */
  places: { county: string; key: string }[];
  occupations: { level1: string; key: string }[];
  sector: string | null;
  extents: string[];
  engagementType: string | null;
  remote: string;
  publishedMs: number | null;
};

const DAY_MS = 86_400_000;

/** NAV's word split: lower case, runs of letters and digits (no diacritic folding: NAV does not fold). */
export const navWords = (s: string): string[] =>
  s
    .toLowerCase()
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");

const up = (s: string | null | undefined): string => (s ?? "").normalize("NFC").toUpperCase();
const setOf = (xs: readonly string[]): ReadonlySet<string> | null => (xs.length > 0 ? new Set(xs) : null);

/**
 * Compiles a validated job search (code lists resolved as `resolveJobSearchQuery` does).
 * @throws SavedSearchFilterError when a county or municipality no longer resolves.
 * @example compileJobQuery(JobSearchQuery.parse({ municipality: ["Asker"] })).counties // Set { "AKERSHUS" }
 */
export function compileJobQuery(query: JobSearchQuery): CompiledJobQuery {
  // Paging plays no part in matching; resolve with the first page so a saved deep page never fails here.
  const resolved = resolveJobSearchQuery({ ...query, page: undefined, offset: undefined });
  if (!resolved.ok) throw new SavedSearchFilterError("jobs", resolved.issues);
  const s = resolved.search;
  const municipalities = new Map<string, Set<string>>();
  for (const m of s.municipalities) {
    const county = up(m.county);
    const set = municipalities.get(county) ?? new Set<string>();
    set.add(`${county}.${up(m.municipality)}`);
    municipalities.set(county, set);
  }
  const level2 = new Map<string, Set<string>>();
  for (const o of s.occupations) {
    if (!o.level2) continue;
    const set = level2.get(o.level1) ?? new Set<string>();
    set.add(`${o.level1}.${o.level2}`);
    level2.set(o.level1, set);
  }
  const extents = s.extent.flatMap((e) => (e === "Heltid" || e === "Deltid" ? [e, "Heltid_og_Deltid"] : [e]));
  return {
    q: s.q,
    words: s.q ? navWords(s.q) : [],
    counties: setOf(s.counties.map(up)),
    municipalities,
    level1: setOf(s.occupations.map((o) => o.level1)),
    level2,
    sector: setOf(s.sector),
    extent: setOf(extents),
    engagementType: setOf(s.engagementType),
    remote: setOf(s.remote),
    published: s.published,
  };
}

/**
 * A job's match features.
 * @example jobFeatures(job).places[0]?.key // "VESTLAND.BERGEN"
 */
export function jobFeatures(job: MatchableJob): JobFeatures {
  const text = [
    job.title,
    job.jobTitle ?? "",
    ...job.occupations.flatMap((o) => [o.level1, o.level2 ?? ""]),
    ...(job.categories ?? []).map((c) => c.name),
    job.employer.name,
  ].join(" ");
  const published = job.published ? Date.parse(job.published) : Number.NaN;
  return {
    uuid: job.uuid,
    words: new Set(navWords(text)),
    places: job.locations.map((l) => ({
      county: up(l.county),
      key: `${up(l.county)}.${up(l.municipality)}`,
    })),
    occupations: job.occupations.map((o) => ({ level1: o.level1, key: `${o.level1}.${o.level2 ?? ""}` })),
    sector: job.sector,
    // Search hits may join several extents ("Heltid, Deltid"); feed entries give one.
    extents: (job.extent ?? "").split(/\s*,\s*/).filter((e) => e !== ""),
    engagementType: job.engagementType,
    remote: job.remote ?? "Ikke oppgitt",
    publishedMs: Number.isNaN(published) ? null : published,
  };
}

/** Start of NAV's `published` window at `now`. */
const publishedSince = (published: string, now: number): number =>
  published === "now/d"
    ? osloDayStart(osloDate(now))
    : published === "now-3d"
      ? now - 3 * DAY_MS
      : now - 7 * DAY_MS;

/**
 * The compiled predicate over precomputed features (what the index calls per candidate).
 * @example testJob(compileJobQuery(query), jobFeatures(job), Date.now()) // same as jobMatchesQuery(query, job)
 */
export function testJob(q: CompiledJobQuery, j: JobFeatures, now: number): boolean {
  if (q.q !== null && !(q.words.every((w) => j.words.has(w)) || j.uuid === q.q)) return false;
  if (q.counties) {
    const counties = q.counties;
    const inPlace = j.places.some(
      (p) => counties.has(p.county) && (q.municipalities.get(p.county)?.has(p.key) ?? true),
    );
    if (!inPlace) return false;
  }
  if (q.level1) {
    const level1 = q.level1;
    const ok = j.occupations.some(
      (o) => level1.has(o.level1) && (q.level2.get(o.level1)?.has(o.key) ?? true),
    );
    if (!ok) return false;
  }
  if (q.sector && (j.sector === null || !q.sector.has(j.sector))) return false;
  if (q.extent) {
    const extent = q.extent;
    if (!j.extents.some((e) => extent.has(e))) return false;
  }
  if (q.engagementType && (j.engagementType === null || !q.engagementType.has(j.engagementType)))
    return false;
  if (q.remote && !q.remote.has(j.remote)) return false;
  if (q.published && (j.publishedMs === null || j.publishedMs < publishedSince(q.published, now)))
    return false;
  return true;
}

/**
 * Whether a job ad matches a job search, with NAV's search semantics (see the module comment). `now`
 * (epoch ms) anchors the relative `published` filter.
 *
 * @example jobMatchesQuery(JobSearchQuery.parse({ county: ["Oslo"] }), job) // true for an ad in Oslo
 */
export function jobMatchesQuery(query: JobSearchQuery, job: MatchableJob, now: number = Date.now()): boolean {
  return testJob(compileJobQuery(query), jobFeatures(job), now);
}
