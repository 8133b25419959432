import { ErrorEnvelope, NoticeHistory, NoticeId } from "@doffin/core";
import { ApiError, validationHook } from "@doffin/http";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { noticeEvents, noticeRecord, noticeSnapshots } from "../db";
import type { AppEnv } from "../env";

export const historyRoute = createRoute({
  method: "get",
  path: "/v1/notices/{id}/history",
  summary: "A tracked notice's snapshots and change events, oldest first",
  request: { params: z.object({ id: NoticeId }) },
  responses: {
    200: { content: { "application/json": { schema: NoticeHistory } }, description: "The history." },
    400: { content: { "application/json": { schema: ErrorEnvelope } }, description: "Bad notice id." },
    404: { content: { "application/json": { schema: ErrorEnvelope } }, description: "Not tracked." },
  },
});

export const historyApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  historyRoute,
  async (c) => {
    const { id } = c.req.valid("param");
    const rec = await noticeRecord(c.env.DB, id);
    if (!rec) throw new ApiError("not_found", `Notice ${id} is not tracked (yet).`);
    const [snapshots, events] = await Promise.all([
      noticeSnapshots(c.env.DB, id),
      noticeEvents(c.env.DB, id),
    ]);
    const body: NoticeHistory = {
      noticeId: id,
      state: rec.state,
      firstSeenAt: rec.first_seen_at,
      lastSeenAt: rec.last_seen_at,
      lastChangedAt: rec.last_changed_at,
      snapshots,
      events,
    };
    return c.json(body, 200);
  },
);
