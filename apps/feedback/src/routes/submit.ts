import { canonicalJson, sha256Hex } from "@doffin/core";
import { ApiError } from "@doffin/http";
import { createRoute } from "@hono/zod-openapi";
import { guardedJsonBody } from "../body";
import { insertFeedback } from "../db";
import { newFeedbackId } from "../ids";
import { rateLimit } from "../rate-limit";
import { errorJson, newRouter, storage } from "../router";
import { FeedbackCreate, FeedbackCreated, IdempotencyHeaders } from "../schemas";

const submit = createRoute({
  method: "post",
  path: "/v1/feedback",
  tags: ["feedback"],
  summary: "Report a bug, a data error or a wish",
  description:
    "Stored durably; 201 only after the row is committed. Send an `Idempotency-Key` to retry safely: the same key and body return the same id (with `Idempotent-Replayed: true`), the same key with another body is a 409. Rate limited per client IP.",
  middleware: [rateLimit(), guardedJsonBody()] as const,
  request: {
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: FeedbackCreate } } },
  },
  responses: {
    201: { description: "Stored", content: { "application/json": { schema: FeedbackCreated } } },
    400: errorJson("Invalid JSON, fields or header; `issues` lists each problem"),
    409: errorJson("Idempotency-Key already used with a different body"),
    413: errorJson("Body over 16 KiB"),
    415: errorJson("Content-Type is not application/json"),
    429: errorJson("Too many reports from this client; see Retry-After"),
    503: errorJson("Storage unavailable; retry after Retry-After with the same Idempotency-Key"),
  },
});

export const submitRoutes = newRouter().openapi(submit, async (c) => {
  const body = c.req.valid("json");
  const idempotencyKey = c.req.valid("header")["idempotency-key"];
  const requestHash = await sha256Hex(canonicalJson(body));
  const now = Date.now();
  const outcome = await storage("insert feedback", () =>
    insertFeedback(c.env.DB, {
      ...body,
      id: newFeedbackId(now),
      createdAt: new Date(now).toISOString(),
      idempotencyKey,
      requestHash,
    }),
  );
  if (outcome.requestHash !== requestHash)
    throw new ApiError("conflict", "This Idempotency-Key was already used with a different request body.");
  if (!outcome.inserted) c.header("idempotent-replayed", "true");
  return c.json({ id: outcome.id, createdAt: outcome.createdAt, status: outcome.status }, 201);
});
