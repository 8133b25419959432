import {
  canonicalJson,
  isNotFoundError,
  type Job,
  JobDetail,
  JobFacetsAnswer,
  JobSearchAnswer,
  type JobSearchQuery,
  type JobSummary,
  NotFoundError,
  parseJobSearchQuery,
  type ResolvedJobSearch,
  resolveJobSearchQuery,
  SIMILAR_JOBS,
} from "@doffin/core";
import { ApiError } from "@doffin/http";
import { type CacheResult, cacheKeys, type Loaded } from "../cache";
import type { ServiceCall } from "./container";
import { createMemo } from "./memo";

/**
 * NAV job listings as services on the notice machinery: the same cache (SWR, stale-if-error,
 * coalescing), the same ETag/Cache-Status responder, the same ServiceCall, so REST, MCP and the tool
 * bridge do the same work. Issues name the public parameters bare (`county`); surfaces prefix them.
 */

type RawQueryParams = Parameters<typeof parseJobSearchQuery>[0];

const invalid = (issues: { path: string; message: string }[]) =>
  new ApiError("invalid_request", "The job search is not valid; see issues.", { issues });

/**
 * Folds and validates raw job search parameters (a URL's or a tool's), every problem at once.
 * @throws ApiError invalid_request with bare parameter names as issue paths.
 * @example toJobSearchQuery(new URLSearchParams("counties=Oslo&size=10")).limit // 10
 */
export function toJobSearchQuery(input: RawQueryParams): JobSearchQuery {
  const parsed = parseJobSearchQuery(input);
  if (!parsed.ok) throw invalid(parsed.issues);
  return parsed.query;
}

/**
 * Code lists and NAV paging (`resolveJobSearchQuery`) as an ApiError.
 * @example resolveJobSearch(toJobSearchQuery({ municipality: "Asker" })).counties // ["AKERSHUS"]
 */
export function resolveJobSearch(query: JobSearchQuery): ResolvedJobSearch {
  const resolved = resolveJobSearchQuery(query);
  if (!resolved.ok) throw invalid(resolved.issues);
  return resolved.search;
}

/** The cache identity of a resolved search: everything but the plan (a pure function of offset/limit). */
const searchKey = (search: ResolvedJobSearch): Promise<string> => {
  const { plan: _plan, ...rest } = search;
  return cacheKeys.jobSearch(canonicalJson(rest));
};

type PreparedJobSearch = { search: ResolvedJobSearch; key: string };

/** Code lists, NAV paging and the key hash are pure functions of the validated query (see memo.ts). */
const prepared = createMemo<PreparedJobSearch>();

const prepare = (query: JobSearchQuery, keyPrefix = ""): Promise<PreparedJobSearch> =>
  prepared.get(keyPrefix + canonicalJson(query), async () => {
    const search = resolveJobSearch(query);
    return { search, key: keyPrefix + (await searchKey(search)) };
  });

/**
 * One page of jobs for a validated query, through the cache (the notice search's path: prepare →
 * cache → NAV → zod-checked body).
 * @throws ApiError invalid_request for unknown code-list values or a page past NAV's window.
 * @example bodyOf<JobSearchAnswer>((await searchJobs(call, toJobSearchQuery({ q: "kokk" }))).entry).total
 */
export async function searchJobs(call: ServiceCall, query: JobSearchQuery): Promise<CacheResult> {
  const s = call.services;
  const { search, key } = await prepare(query);
  const load = async (): Promise<Loaded> => ({
    status: 200,
    body: JSON.stringify(JobSearchAnswer.parse(await s.nav.search(search))),
  });
  return s.cache.get(key, s.policies.jobSearch, load, call.waitUntil);
}

/**
 * Facet counts only (Parse.bot's get_facets): the query's filters with facets on and one hit (paging
 * dropped), answered as `{total, facets}` from its own cache entry.
 * @example bodyOf<JobFacetsAnswer>((await jobFacets(call, toJobSearchQuery({}))).entry).facets.counties
 */
export async function jobFacets(call: ServiceCall, query: JobSearchQuery): Promise<CacheResult> {
  const s = call.services;
  const facetQuery = { ...query, page: undefined, offset: undefined, limit: 1, facets: true };
  const { search, key } = await prepare(facetQuery, "facets:");
  const load = async (): Promise<Loaded> => {
    const result = await s.nav.search(search);
    return {
      status: 200,
      body: JSON.stringify(JobFacetsAnswer.parse({ total: result.total, facets: result.facets })),
    };
  };
  return s.cache.get(key, s.policies.jobSearch, load, call.waitUntil);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Same occupation (level 1) and county, newest first, the ad itself left out. */
async function similarTo(call: ServiceCall, job: Job): Promise<JobSummary[]> {
  const level1 = job.occupations[0]?.level1;
  const county = job.locations.find((l) => l.county)?.county;
  if (!level1 && !county) return [];
  const query = parseJobSearchQuery({
    ...(level1 ? { occupation: level1 } : {}),
    ...(county ? { county } : {}),
    sort: "published",
    limit: String(SIMILAR_JOBS + 1),
  });
  if (!query.ok) return [];
  const resolved = resolveJobSearchQuery(query.query);
  // A county our code list does not know: similar by occupation alone rather than none.
  const search = resolved.ok
    ? resolved.search
    : level1
      ? resolveJobSearch({ occupation: [level1], sort: "published", limit: SIMILAR_JOBS + 1, facets: false })
      : null;
  if (!search) return [];
  const result = await call.services.nav.search(search);
  return result.jobs.filter((j) => j.uuid !== job.uuid).slice(0, SIMILAR_JOBS);
}

/** The negative entry of an ad NAV has, but INACTIVE (its body tells it from an unknown uuid). */
const INACTIVE_BODY = "inactive";

/**
 * One ad with its similar jobs, through the cache; unknown uuids are remembered briefly (negative cache).
 * An INACTIVE ad (expired or withdrawn) is a 404 too, with a message that says so: NAV's terms take it
 * out of listings, and it stays out here once a cached detail runs out (at most JOB_TTL_SECONDS).
 * @throws ApiError invalid_request for a malformed uuid (issue path `uuid`); NotFoundError for an unknown or inactive one.
 * @example bodyOf<JobDetail>((await getJobDetail(call, uuid)).entry).descriptionText
 */
export async function getJobDetail(call: ServiceCall, uuid: string): Promise<CacheResult> {
  const s = call.services;
  if (!UUID.test(uuid))
    throw invalid([
      { path: "uuid", message: "a NAV job uuid looks like 6f1c1a52-3b0e-4c1f-9a4e-2d7c2b3a9e10" },
    ]);
  const load = async (): Promise<Loaded> => {
    try {
      const job = await s.nav.getJob(uuid.toLowerCase());
      if (job.status === "INACTIVE")
        return { status: 404, body: INACTIVE_BODY, freshSeconds: s.config.NOT_FOUND_TTL_SECONDS };
      const detail = JobDetail.parse({ ...job, similarJobs: await similarTo(call, job) });
      return { status: 200, body: JSON.stringify(detail) };
    } catch (err) {
      if (isNotFoundError(err))
        return { status: 404, body: "", freshSeconds: s.config.NOT_FOUND_TTL_SECONDS };
      throw err;
    }
  };
  const result = await s.cache.get(cacheKeys.job(uuid), s.policies.job, load, call.waitUntil);
  if (result.entry.status === 404)
    throw new NotFoundError(
      `job ${uuid}`,
      result.entry.body === INACTIVE_BODY
        ? `Job ${uuid} is no longer active on NAV (expired or withdrawn); inactive ads are not served.`
        : `No job ${uuid} on NAV.`,
    );
  return result;
}
