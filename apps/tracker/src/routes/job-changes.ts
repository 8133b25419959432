import { type JobChangesFeed, jobChangesRoute } from "@doffin/contracts/jobs";
import { validationHook } from "@doffin/http";
import { OpenAPIHono } from "@hono/zod-openapi";
import { decodeCursor, queryKey } from "../cursor";
import type { AppEnv } from "../env";
import { feedResponse, keysetPage } from "../feed-response";
import { lastJobEventAt, queryJobEvents } from "../nav/db";

export { jobChangesRoute };

/** `GET /v1/jobs/changes`: the NAV job events, paged and cached like `/v1/changes`. */
export const jobChangesApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  jobChangesRoute,
  async (c) => {
    const q = c.req.valid("query");
    const config = c.get("config");
    // `feed` keeps a job cursor from being accepted by /v1/changes with the same filters, and back.
    const key = await queryKey({
      feed: "jobs",
      since: q.since,
      uuid: q.uuid?.toLowerCase(),
      kind: q.kind?.join(","),
      order: q.order === "asc" ? undefined : q.order,
    });
    const pos = q.cursor ? await decodeCursor(q.cursor, key, config.cursorSecret) : null;
    const [rows, newest] = await Promise.all([
      queryJobEvents(c.env.DB, {
        afterSeq: pos?.seq ?? null,
        order: q.order,
        since: q.since,
        uuid: q.uuid,
        kinds: q.kind,
        limit: q.limit,
      }),
      lastJobEventAt(c.env.DB),
    ]);
    const body: JobChangesFeed = await keysetPage(rows, q.limit, key, config.cursorSecret);
    return feedResponse(c, body, newest) as never;
  },
);
