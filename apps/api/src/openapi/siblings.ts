import {
  ChangesFeed,
  ChangesQuery,
  ErrorEnvelope,
  NoticeHistory,
  NoticeId,
  TrackerStatus,
} from "@doffin/core";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
// The feedback Worker keeps its public schemas in a dependency-free module (core + zod-openapi only),
// so the document is generated from the very schemas that Worker validates with.
import {
  FeedbackCreate,
  FeedbackCreated,
  FeedbackIdParam,
  FeedbackItem,
  FeedbackListQuery,
  FeedbackPage,
  FeedbackUpdate,
  IdempotencyHeaders,
} from "../../../feedback/src/schemas";

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

const submitFeedback = createRoute({
  method: "post",
  path: "/v1/feedback",
  tags: ["Feedback"],
  summary: "Report a bug, a data error or a wish",
  description:
    "Served by the feedback Worker. Send an `Idempotency-Key` to retry safely. Rate limited per client.",
  request: {
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: FeedbackCreate } } },
  },
  responses: {
    201: { description: "Stored.", content: { "application/json": { schema: FeedbackCreated } } },
    400: errorJson("Invalid JSON, fields or header; `issues` lists each problem."),
    409: errorJson("Idempotency-Key already used with a different body."),
    413: errorJson("Body over 16 KiB."),
    415: errorJson("Content-Type is not application/json."),
    429: errorJson("Too many reports from this client; see Retry-After."),
    503: errorJson("Storage unavailable; retry after Retry-After."),
  },
});

const operatorSecurity = [{ operatorToken: [] }];
const authErrors = { 401: errorJson("No bearer token."), 403: errorJson("Wrong token.") };

const listFeedback = createRoute({
  method: "get",
  path: "/v1/feedback",
  tags: ["Feedback (operators)"],
  summary: "List reports, newest first (operators)",
  security: operatorSecurity,
  request: { query: FeedbackListQuery },
  responses: {
    200: { description: "One page.", content: { "application/json": { schema: FeedbackPage } } },
    400: errorJson("Bad filter, limit or cursor."),
    ...authErrors,
  },
});

const updateFeedback = createRoute({
  method: "patch",
  path: "/v1/feedback/{id}",
  tags: ["Feedback (operators)"],
  summary: "Triage a report (operators)",
  security: operatorSecurity,
  request: {
    params: FeedbackIdParam,
    body: { required: true, content: { "application/json": { schema: FeedbackUpdate } } },
  },
  responses: {
    200: { description: "Updated report.", content: { "application/json": { schema: FeedbackItem } } },
    400: errorJson("Invalid id or body."),
    404: errorJson("No report with this id."),
    409: errorJson("Transition not allowed from the current status."),
    ...authErrors,
  },
});

/** The sibling Workers' part of the document (paths and components), generated from their schemas. */
export function siblingDocument() {
  const app = new OpenAPIHono();
  for (const route of [changes, history, status, submitFeedback, listFeedback, updateFeedback])
    app.openAPIRegistry.registerPath(route);
  app.openAPIRegistry.registerComponent("securitySchemes", "operatorToken", {
    type: "http",
    scheme: "bearer",
    description: "OPERATOR_TOKEN of the feedback Worker.",
  });
  return app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "siblings", version: "0" } });
}
