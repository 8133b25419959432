import { type FeedbackCreate, submitFeedbackRoute } from "@doffin/contracts/feedback";
import { canonicalJson, sha256Hex } from "@doffin/core";
import { ApiError, createRouter } from "@doffin/http";
import { createRoute } from "@hono/zod-openapi";
import { guardedJsonBody } from "../body";
import { insertFeedback } from "../db";
import type { AppEnv } from "../env";
import { newFeedbackId } from "../ids";
import { rateLimit } from "../rate-limit";
import { storage } from "../storage";

// The contract route plus this Worker's own middleware (which the OpenAPI document does not carry).
const submit = createRoute({ ...submitFeedbackRoute, middleware: [rateLimit(), guardedJsonBody()] as const });

export const submitRoutes = createRouter<AppEnv>().openapi(submit, async (c) => {
  const body: FeedbackCreate = c.req.valid("json");
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
