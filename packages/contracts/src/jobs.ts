import {
  JobChangeEvent as CoreJobChangeEvent,
  JobChangesFeed as CoreJobChangesFeed,
  FEED_PAGING_FIELDS,
  JOB_CHANGE_KINDS,
  kindsParam,
  once,
  unknownParams,
} from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "./errors";
import { TRACKER_TAG } from "./tracker";

/**
 * The NAV job change feed (`GET /v1/jobs/changes`), served by the tracker Worker and forwarded by the
 * API, on the conventions of `/v1/changes`: keyset cursor, `order`, `since`, weak ETag, Last-Modified, 304.
 */

const JOB_CHANGES_PARAMS = ["since", "limit", "cursor", "order", "uuid", "kind"] as const;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const JobKinds = kindsParam(JOB_CHANGE_KINDS);

export const JobChangesQuery = z.strictObject(
  {
    ...FEED_PAGING_FIELDS,
    uuid: once(z.string().regex(UUID, "a NAV job uuid, e.g. 6f1c1a52-3b0e-4c1f-9a4e-2d7c2b3a9e10"))
      .optional()
      .describe("Only this ad's events."),
    kind: JobKinds.optional().describe(
      `Only these kinds, repeated or comma-separated: ${JOB_CHANGE_KINDS.join(", ")}.`,
    ),
  },
  { error: unknownParams(JOB_CHANGES_PARAMS) },
);
export type JobChangesQuery = z.input<typeof JobChangesQuery>;

// The events' schemas live in core (the CLI parses them too). Rebuilt from core's shapes with the
// openapi-aware z only to name them as components of the OpenAPI document; the fields are core's.
export const JobChangeEvent = z.object(CoreJobChangeEvent.shape).openapi("JobChangeEvent");
export type JobChangeEvent = z.infer<typeof JobChangeEvent>;
export const JobChangesFeed = z
  .object({ ...CoreJobChangesFeed.shape, items: z.array(JobChangeEvent) })
  .openapi("JobChangesFeed");
export type JobChangesFeed = z.infer<typeof JobChangesFeed>;
export { JOB_CHANGE_KINDS, type JobChangeKind } from "@doffin/core";

export const jobChangesRoute = createRoute({
  method: "get",
  path: "/v1/jobs/changes",
  tags: [TRACKER_TAG],
  summary: "Job change feed: created, updated (field diffs), expired and withdrawn NAV ads",
  description:
    "Followed from NAV's job-ad feed by the tracker. Oldest first by default, `order=desc` for newest first; page with `nextCursor` passed back as `cursor` (same other parameters). An INACTIVE line becomes `expired`, or `withdrawn` when NAV masks it (stopped, deleted or rejected ad).",
  request: { query: JobChangesQuery },
  responses: {
    200: {
      description: "One page of job events.",
      headers: z.object({ ETag: z.string(), "Last-Modified": z.string(), "Cache-Control": z.string() }),
      content: { "application/json": { schema: JobChangesFeed } },
    },
    304: { description: "Not modified (If-None-Match / If-Modified-Since matched)." },
    ...errorResponses(["invalid_request", "upstream_unavailable"], {
      invalid_request: "invalid_request: unknown parameter, conflicting repeat, bad value or cursor.",
      upstream_unavailable: "upstream_unavailable: the change tracker is not connected or not available.",
    }),
  },
});
