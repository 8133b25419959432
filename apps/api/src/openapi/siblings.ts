// The feedback Worker's routes are the very objects that Worker registers (see packages/contracts).
import { feedbackRoutes, OPERATOR_TOKEN_SCHEME } from "@doffin/contracts/feedback";
import {
  ChangesFeed,
  ChangesQuery,
  ErrorEnvelope,
  NoticeHistory,
  NoticeId,
  TrackerStatus,
} from "@doffin/core";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";

/**
 * Routes of the sibling Workers (tracker, feedback) that users reach through this origin via service
 * bindings. They are registered on a throwaway app only to generate their part of the document; the
 * tracker's own route modules pull in its D1 code and Env type, so we use the core schemas they use.
 */
const errorJson = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorEnvelope } },
});

const notModified = { 304: { description: "Not modified (If-None-Match / If-Modified-Since matched)." } };

const changes = createRoute({
  method: "get",
  path: "/v1/changes",
  tags: ["Change feed"],
  summary: "Change feed: typed, field-level changes of Doffin notices, oldest first",
  description:
    "Served by the tracker Worker. Page with `nextCursor` passed back as `cursor` (same other parameters).",
  request: { query: ChangesQuery },
  responses: {
    200: {
      description: "One page of events.",
      headers: z.object({ ETag: z.string(), "Last-Modified": z.string(), "Cache-Control": z.string() }),
      content: { "application/json": { schema: ChangesFeed } },
    },
    ...notModified,
    400: errorJson("Bad query or cursor."),
    503: errorJson("The change feed service is not connected or not available."),
  },
});

const history = createRoute({
  method: "get",
  path: "/v1/notices/{id}/history",
  tags: ["Change feed"],
  summary: "A tracked notice's snapshots and change events, oldest first",
  request: { params: z.object({ id: NoticeId }) },
  responses: {
    200: { description: "The history.", content: { "application/json": { schema: NoticeHistory } } },
    400: errorJson("Bad notice id."),
    404: errorJson("Not tracked."),
    503: errorJson("The change feed service is not available."),
  },
});

const status = createRoute({
  method: "get",
  path: "/v1/tracker/status",
  tags: ["Change feed"],
  summary: "Last sweep, backfill progress and totals of the tracker",
  responses: {
    200: { description: "Tracker status.", content: { "application/json": { schema: TrackerStatus } } },
    503: errorJson("The change feed service is not available."),
  },
});

/** The sibling Workers' part of the document (paths and components), generated from their schemas. */
export function siblingDocument() {
  const app = new OpenAPIHono();
  for (const route of [changes, history, status, ...feedbackRoutes]) app.openAPIRegistry.registerPath(route);
  app.openAPIRegistry.registerComponent("securitySchemes", "operatorToken", OPERATOR_TOKEN_SCHEME);
  return app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "siblings", version: "0" } });
}
