import { ChangesFeed, ChangesQuery, NoQuery, NoticeHistory, NoticeId, TrackerStatus } from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "./errors";

/**
 * Route contracts of the tracker Worker. The tracker's route modules add handlers to these objects;
 * the API Worker, which forwards these paths through its `TRACKER` service binding, documents them
 * from the same objects. Every query is a strict zod object: unknown parameters, conflicting repeats
 * and bad values are a 400 in the envelope.
 */

export const TRACKER_TAG = "Change feed";

/** What the API answers on these paths when its `TRACKER` binding is missing or the Worker is down. */
const notConnected = {
  upstream_unavailable: "upstream_unavailable: the change tracker is not connected or not available.",
} as const;

export const changesRoute = createRoute({
  method: "get",
  path: "/v1/changes",
  tags: [TRACKER_TAG],
  summary: "Change feed: typed, field-level changes of Doffin notices",
  description:
    "Oldest first by default, `order=desc` for newest first. Page with `nextCursor` passed back as `cursor` (same other parameters); pages neither skip nor repeat events while the tracker writes. `kind` and `exclude_kind` take several kinds (repeat or comma-separate). `since` is a timestamp or a date (`2026-12-01` = from 00:00 Oslo time). Each event carries a summary of its notice (`notice`).",
  request: { query: ChangesQuery },
  responses: {
    200: {
      description: "One page of events.",
      headers: z.object({ ETag: z.string(), "Last-Modified": z.string(), "Cache-Control": z.string() }),
      content: { "application/json": { schema: ChangesFeed } },
    },
    304: { description: "Not modified (If-None-Match / If-Modified-Since matched)." },
    ...errorResponses(["invalid_request", "upstream_unavailable"], {
      invalid_request: "invalid_request: unknown parameter, conflicting repeat, bad value or cursor.",
      ...notConnected,
    }),
  },
});

export const historyRoute = createRoute({
  method: "get",
  path: "/v1/notices/{id}/history",
  tags: [TRACKER_TAG],
  summary: "A tracked notice's state, snapshots and change events, oldest first",
  request: { params: z.object({ id: NoticeId }), query: NoQuery },
  responses: {
    200: { description: "The history.", content: { "application/json": { schema: NoticeHistory } } },
    ...errorResponses(["invalid_request", "not_found", "upstream_unavailable"], {
      invalid_request: "invalid_request: bad notice id or a query parameter (this route takes none).",
      not_found: "not_found: the tracker does not track this notice (yet).",
      ...notConnected,
    }),
  },
});

export const statusRoute = createRoute({
  method: "get",
  path: "/v1/tracker/status",
  tags: [TRACKER_TAG],
  summary: "Last sweep, backfill progress and totals of the tracker",
  request: { query: NoQuery },
  responses: {
    200: { description: "Tracker status.", content: { "application/json": { schema: TrackerStatus } } },
    ...errorResponses(["invalid_request", "upstream_unavailable"], {
      invalid_request: "invalid_request: a query parameter (this route takes none).",
      ...notConnected,
    }),
  },
});

export const TrackerHealth = z.object({
  status: z.literal("ok"),
  service: z.literal("doffin-tracker"),
  lastSweepAt: z.string().nullable(),
});
export type TrackerHealth = z.infer<typeof TrackerHealth>;

/** The tracker Worker's own liveness route (the API's `/health` is its own). */
export const trackerHealthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: [TRACKER_TAG],
  summary: "Liveness of the tracker and the time of its last sweep",
  request: { query: NoQuery },
  responses: {
    200: { description: "The Worker runs.", content: { "application/json": { schema: TrackerHealth } } },
    ...errorResponses(["invalid_request"], {
      invalid_request: "invalid_request: a query parameter (this route takes none).",
    }),
  },
});

/** The routes the API serves through its `TRACKER` binding (not `/health`, which the API has itself). */
export const trackerRoutes = [changesRoute, historyRoute, statusRoute] as const;
