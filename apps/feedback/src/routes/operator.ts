import { ApiError } from "@doffin/http";
import { createRoute } from "@hono/zod-openapi";
import { operatorAuth } from "../auth";
import { guardedJsonBody } from "../body";
import { decodeCursor, encodeCursor } from "../cursor";
import { getFeedback, listFeedback, updateFeedback } from "../db";
import { errorJson, newRouter, storage } from "../router";
import {
  allowedFrom,
  FeedbackIdParam,
  FeedbackItem,
  FeedbackListQuery,
  FeedbackPage,
  FeedbackUpdate,
} from "../schemas";

const security = [{ operatorToken: [] }];
const authErrors = {
  401: errorJson("No bearer token"),
  403: errorJson("Wrong token (or OPERATOR_TOKEN not configured)"),
  503: errorJson("Storage unavailable; see Retry-After"),
};

const list = createRoute({
  method: "get",
  path: "/v1/feedback",
  tags: ["feedback operators"],
  summary: "List reports, newest first (operators)",
  security,
  middleware: [operatorAuth()] as const,
  request: { query: FeedbackListQuery },
  responses: {
    200: { description: "One page", content: { "application/json": { schema: FeedbackPage } } },
    400: errorJson("Bad filter, limit or cursor"),
    ...authErrors,
  },
});

const update = createRoute({
  method: "patch",
  path: "/v1/feedback/{id}",
  tags: ["feedback operators"],
  summary: "Triage a report: set its status and note (operators)",
  description:
    "Allowed: open → triaged | closed; triaged → open | closed; closed → open. Setting the current status again only updates the note. Others → 409.",
  security,
  middleware: [operatorAuth(), guardedJsonBody()] as const,
  request: {
    params: FeedbackIdParam,
    body: { required: true, content: { "application/json": { schema: FeedbackUpdate } } },
  },
  responses: {
    200: { description: "Updated report", content: { "application/json": { schema: FeedbackItem } } },
    400: errorJson("Invalid id or body"),
    404: errorJson("No report with this id"),
    409: errorJson("Transition not allowed from the current status"),
    413: errorJson("Body over 16 KiB"),
    415: errorJson("Content-Type is not application/json"),
    ...authErrors,
  },
});

export const operatorRoutes = newRouter()
  .openapi(list, async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const page = await storage("list feedback", () => listFeedback(c.env.DB, { ...query, after }));
    const last = page.items.at(-1);
    const nextCursor = page.more && last ? encodeCursor(last) : null;
    return c.json({ items: page.items, nextCursor }, 200);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const { status, note } = c.req.valid("json");
    const updated = await storage("update feedback", () =>
      updateFeedback(
        c.env.DB,
        id,
        { status, note, updatedAt: new Date().toISOString() },
        allowedFrom(status),
      ),
    );
    if (updated) return c.json(updated, 200);
    const current = await storage("read feedback", () => getFeedback(c.env.DB, id));
    if (current === null) throw new ApiError("not_found", `No feedback with id ${id}.`);
    throw new ApiError("conflict", `A ${current.status} report cannot move to ${status}.`);
  });
