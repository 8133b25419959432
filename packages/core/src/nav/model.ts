import { z } from "zod";

/**
 * The normalized NAV job model, shared by every surface (REST, MCP, CLI). Schemas first, types derived.
 * `JobSummary` is what a search hit can tell; `Job` adds what only the feed entry has (description,
 * contacts' absence is deliberate: personal data stays at NAV, see fixtures/nav/README.md terms).
 */

export const JobLocation = z.object({
  country: z.string().nullable(),
  county: z.string().nullable(),
  municipality: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  address: z.string().nullable(),
});
export type JobLocation = z.infer<typeof JobLocation>;

export const JobEmployer = z.object({
  name: z.string(),
  /** 9-digit organisation number; only feed entries carry it (search hits never do). */
  orgNumber: z.string().nullable(),
  homepage: z.string().nullable(),
});
export type JobEmployer = z.infer<typeof JobEmployer>;

export const JobOccupation = z.object({ level1: z.string(), level2: z.string().nullable() });
export type JobOccupation = z.infer<typeof JobOccupation>;

export const JobSummary = z.object({
  uuid: z.string(),
  title: z.string(),
  jobTitle: z.string().nullable(),
  employer: JobEmployer,
  locations: z.array(JobLocation),
  occupations: z.array(JobOccupation),
  sector: z.string().nullable(),
  extent: z.string().nullable(),
  engagementType: z.string().nullable(),
  remote: z.string().nullable(),
  /** ISO-8601 instants (UTC) or null. */
  published: z.string().nullable(),
  expires: z.string().nullable(),
  /** Application due as NAV gives it ("2026-04-23", "Snarest", "Løpende"). */
  applicationDue: z.string().nullable(),
  /** `applicationDue` as a YYYY-MM-DD date when it is one, else null. */
  applicationDueDate: z.string().nullable(),
  source: z.string().nullable(),
  /** The ad's page on arbeidsplassen.nav.no. */
  link: z.string(),
});
export type JobSummary = z.infer<typeof JobSummary>;

export const Job = JobSummary.extend({
  status: z.enum(["ACTIVE", "INACTIVE"]),
  /** Sanitized HTML (allow-list; see sanitizeHtml). */
  descriptionHtml: z.string(),
  descriptionText: z.string(),
  employerDescriptionText: z.string(),
  applicationUrl: z.string().nullable(),
  startTime: z.string().nullable(),
  positionCount: z.number().int().nullable(),
  updated: z.string().nullable(),
  categories: z.array(
    z.object({ type: z.string().nullable(), code: z.string().nullable(), name: z.string() }),
  ),
});
export type Job = z.infer<typeof Job>;

/** One line of the feed, normalized: what changed when. */
export const JobFeedLine = z.object({
  /**
   * Identity of the line: ad uuid + NAV's raw `date_modified`. Lines carry the ad uuid as `id` (the
   * page-item id is never shown), and the same ad recurs once per change, so uuid alone is not enough.
   */
  lineKey: z.string(),
  uuid: z.string(),
  status: z.enum(["ACTIVE", "INACTIVE"]),
  /** True when NAV masked the line (stopped/deleted/rejected ad, or privacy): title "..." etc. */
  masked: z.boolean(),
  title: z.string().nullable(),
  employerName: z.string().nullable(),
  municipality: z.string().nullable(),
  modified: z.string().nullable(),
});
export type JobFeedLine = z.infer<typeof JobFeedLine>;

export const JobFacetBucket = z.object({ value: z.string(), count: z.number().int() });
export type JobFacetBucket = z.infer<typeof JobFacetBucket>;

export const JobFacets = z.object({
  counties: z.array(JobFacetBucket.extend({ municipalities: z.array(JobFacetBucket) })),
  occupations: z.array(JobFacetBucket.extend({ level2: z.array(JobFacetBucket) })),
  sector: z.array(JobFacetBucket),
  extent: z.array(JobFacetBucket),
  engagementType: z.array(JobFacetBucket),
  remote: z.array(JobFacetBucket),
  published: z.array(JobFacetBucket),
  positionCount: z.number().nullable(),
});
export type JobFacets = z.infer<typeof JobFacets>;

export const JobSearchResult = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  jobs: z.array(JobSummary),
  facets: JobFacets.nullable(),
});
export type JobSearchResult = z.infer<typeof JobSearchResult>;
