import { z } from "zod";

/**
 * The NAV job change feed's events (`GET /v1/jobs/changes`): what the tracker records and serves, the
 * API's tools parse and the CLI prints. One definition; the route contract (packages/contracts) and the
 * CLI import it.
 */

export const JOB_CHANGE_KINDS = ["created", "updated", "expired", "withdrawn"] as const;
export type JobChangeKind = (typeof JOB_CHANGE_KINDS)[number];

/** Where a tracked ad stands. */
export const JOB_STATES = ["active", "expired", "withdrawn"] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * One job event with a brief of its ad.
 * @example JobChangeEvent.parse({ id: "1", uuid, kind: "created", detectedAt, modified: null, changes: [] }).kind // "created"
 */
export const JobChangeEvent = z.object({
  id: z.string(),
  uuid: z.string(),
  kind: z.enum(JOB_CHANGE_KINDS),
  /** When the tracker applied the line. */
  detectedAt: z.string(),
  /** The feed line's date_modified: when NAV wrote the change. */
  modified: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  job: z
    .object({
      title: z.string().nullable(),
      employerName: z.string().nullable(),
      municipality: z.string().nullable(),
      state: z.enum(JOB_STATES),
    })
    .optional(),
});
export type JobChangeEvent = z.infer<typeof JobChangeEvent>;

/**
 * One page of the job change feed.
 * @example JobChangesFeed.parse({ items: [], nextCursor: null }).items // []
 */
export const JobChangesFeed = z.object({
  items: z.array(JobChangeEvent),
  /** Opaque; pass back as `cursor` for the next page. null when this page reached the end (for now). */
  nextCursor: z.string().nullable(),
});
export type JobChangesFeed = z.infer<typeof JobChangesFeed>;
