import { changesRoute } from "@doffin/contracts/tracker";
import type { ChangesFeed } from "@doffin/core";
import { createRouter } from "@doffin/http";
import { decodeCursor, queryKey } from "../cursor";
import { lastEventAt, queryEvents } from "../db/feed";
import type { AppEnv } from "../env";
import { feedResponse, keysetPage } from "../feed-response";

export { changesRoute };

export const changesApp = createRouter<AppEnv>().openapi(changesRoute, async (c) => {
  const q = c.req.valid("query");
  const config = c.get("config");
  // The cursor is tied to the resolved filters (a date `since` and its timestamp are the same query).
  const key = await queryKey({
    since: q.since,
    notice_id: q.notice_id,
    kind: q.kind?.join(","),
    exclude_kind: q.exclude_kind?.join(","),
    field: q.field,
    order: q.order === "asc" ? undefined : q.order,
  });
  const pos = q.cursor ? await decodeCursor(q.cursor, key, config.cursorSecret) : null;
  const [rows, newest] = await Promise.all([
    queryEvents(c.env.DB, {
      afterSeq: pos?.seq ?? null,
      order: q.order,
      since: q.since,
      noticeId: q.notice_id,
      kinds: q.kind,
      excludeKinds: q.exclude_kind,
      field: q.field,
      limit: q.limit,
    }),
    lastEventAt(c.env.DB),
  ]);
  const body: ChangesFeed = await keysetPage(rows, q.limit, key, config.cursorSecret);
  return feedResponse(c, body, newest) as never;
});
