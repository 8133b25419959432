import { allowedFrom, listFeedbackRoute, updateFeedbackRoute } from "@doffin/contracts/feedback";
import { ApiError, createRouter } from "@doffin/http";
import { createRoute } from "@hono/zod-openapi";
import { operatorAuth } from "../auth";
import { guardedJsonBody } from "../body";
import { decodeCursor, encodeCursor } from "../cursor";
import { getFeedback, listFeedback, updateFeedback } from "../db";
import type { AppEnv } from "../env";
import { storage } from "../storage";

// The contract routes plus this Worker's own middleware (which the OpenAPI document does not carry).
const list = createRoute({ ...listFeedbackRoute, middleware: [operatorAuth()] as const });
const update = createRoute({
  ...updateFeedbackRoute,
  middleware: [operatorAuth(), guardedJsonBody()] as const,
});

export const operatorRoutes = createRouter<AppEnv>()
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
