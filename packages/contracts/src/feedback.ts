import { NoQuery } from "@doffin/core";
import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "./errors";
import {
  FeedbackCreate,
  FeedbackCreated,
  FeedbackIdParam,
  FeedbackItem,
  FeedbackListQuery,
  FeedbackPage,
  FeedbackUpdate,
  Health,
  IdempotencyHeaders,
} from "./feedback-schemas";

export * from "./feedback-schemas";

/**
 * The feedback Worker's route contracts. The Worker registers these very objects with its handlers
 * (adding only its middleware: auth, rate limit, body guard); the API Worker, which forwards
 * `/v1/feedback…` here, registers the same objects to document them in its `/openapi.json`.
 */

/** The `operatorToken` security scheme the operator routes name; register it with this name. */
export const OPERATOR_TOKEN_SCHEME = {
  type: "http",
  scheme: "bearer",
  description: "The feedback Worker's secret OPERATOR_TOKEN.",
} as const;

const security = [{ operatorToken: [] }];

export const submitFeedbackRoute = createRoute({
  method: "post",
  path: "/v1/feedback",
  tags: ["Feedback"],
  summary: "Report a bug, a data error or a wish",
  description:
    "Served by the feedback Worker. Stored durably; 201 only after the row is committed. Send an `Idempotency-Key` to retry safely: the same key and body return the same id (with `Idempotent-Replayed: true`), the same key with another body is a 409. Rate limited per client.",
  request: {
    query: NoQuery,
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: FeedbackCreate } } },
  },
  responses: {
    201: { description: "Stored.", content: { "application/json": { schema: FeedbackCreated } } },
    ...errorResponses(
      [
        "invalid_request",
        "conflict",
        "payload_too_large",
        "unsupported_media_type",
        "rate_limited",
        "upstream_unavailable",
      ],
      {
        invalid_request:
          "invalid_request: invalid JSON, fields, header or query; `issues` lists each problem.",
        conflict: "conflict: the Idempotency-Key was already used with a different body.",
        payload_too_large: "payload_too_large: body over 16 KiB.",
        rate_limited: "rate_limited: too many reports from this client; see Retry-After.",
        upstream_unavailable:
          "upstream_unavailable: storage (or, through the API, the feedback service) unavailable; retry after Retry-After with the same Idempotency-Key.",
      },
    ),
  },
});

export const listFeedbackRoute = createRoute({
  method: "get",
  path: "/v1/feedback",
  tags: ["Feedback (operators)"],
  summary: "List reports, newest first (operators)",
  security,
  request: { query: FeedbackListQuery },
  responses: {
    200: { description: "One page.", content: { "application/json": { schema: FeedbackPage } } },
    ...errorResponses(["invalid_request", "unauthorized", "forbidden", "upstream_unavailable"], {
      invalid_request: "invalid_request: bad filter, limit, cursor or an unknown query parameter.",
      forbidden: "forbidden: wrong token (or OPERATOR_TOKEN not configured).",
    }),
  },
});

export const updateFeedbackRoute = createRoute({
  method: "patch",
  path: "/v1/feedback/{id}",
  tags: ["Feedback (operators)"],
  summary: "Triage a report: set its status and note (operators)",
  description:
    "Allowed: open → triaged | closed; triaged → open | closed; closed → open. Setting the current status again only updates the note. Others → 409.",
  security,
  request: {
    query: NoQuery,
    params: FeedbackIdParam,
    body: { required: true, content: { "application/json": { schema: FeedbackUpdate } } },
  },
  responses: {
    200: { description: "Updated report.", content: { "application/json": { schema: FeedbackItem } } },
    ...errorResponses(
      [
        "invalid_request",
        "unauthorized",
        "forbidden",
        "not_found",
        "conflict",
        "payload_too_large",
        "unsupported_media_type",
        "upstream_unavailable",
      ],
      {
        invalid_request: "invalid_request: invalid id, body or an unknown query parameter.",
        forbidden: "forbidden: wrong token (or OPERATOR_TOKEN not configured).",
        not_found: "not_found: no report with this id.",
        conflict: "conflict: transition not allowed from the current status.",
        payload_too_large: "payload_too_large: body over 16 KiB.",
      },
    ),
  },
});

/** The Worker's own liveness route; not served through the API origin (which has its own /health). */
export const feedbackHealthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["Feedback"],
  summary: "Liveness of the feedback Worker",
  request: { query: NoQuery },
  responses: {
    200: { description: "Up.", content: { "application/json": { schema: Health } } },
    ...errorResponses(["invalid_request"]),
  },
});

/** The routes users reach through the API origin, in document order. */
export const feedbackRoutes = [submitFeedbackRoute, listFeedbackRoute, updateFeedbackRoute] as const;
