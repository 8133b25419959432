import { z } from "zod";
import { Job, JobFacets, JobSearchResult, JobSummary } from "./model";

/**
 * What the gateway answers for jobs, one definition for the API (which serves and documents them) and
 * the CLI (which parses them), so neither keeps a copy that can drift.
 */

/** How many similar jobs a detail carries. */
export const SIMILAR_JOBS = 5;

/**
 * One page of job ads as `GET /v1/jobs` answers it.
 * @example JobSearchAnswer.parse({ total: 0, offset: 0, limit: 25, jobs: [], facets: null }).total // 0
 */
export const JobSearchAnswer = JobSearchResult.meta({
  description:
    "One page of NAV job ads. `facets` (with `facets=true`) are NAV's aggregations in our shape: each facet's counts ignore that facet's own filter; `positionCount` is the number of positions over the whole result.",
});
export type JobSearchAnswer = z.infer<typeof JobSearchAnswer>;

/**
 * One ad as `GET /v1/jobs/{uuid}` answers it: the feed entry plus `similarJobs`.
 * @example JobDetail.shape.similarJobs // z.array(JobSummary)
 */
export const JobDetail = Job.extend({
  similarJobs: z.array(JobSummary).meta({
    description: `Up to ${SIMILAR_JOBS} other active ads in the same occupation (level 1) and county, newest first; computed by the gateway.`,
  }),
}).meta({
  description:
    "One ad from NAV's feed entry: sanitized description, employer org number. Contacts are not included (personal data stays at NAV).",
});
export type JobDetail = z.infer<typeof JobDetail>;

/**
 * Facet counts only, as `GET /v1/jobs/facets` (Parse.bot's get_facets) answers them.
 * @example JobFacetsAnswer.shape.total // z.number().int()
 */
export const JobFacetsAnswer = z
  .object({ total: z.number().int(), facets: JobFacets })
  .meta({ description: "Every valid filter value with its count (for the filters given, if any)." });
export type JobFacetsAnswer = z.infer<typeof JobFacetsAnswer>;
