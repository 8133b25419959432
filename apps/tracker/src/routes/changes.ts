import { changesRoute } from "@doffin/contracts/tracker";
import { type ChangesFeed, sha256Hex } from "@doffin/core";
import { createRouter } from "@doffin/http";
import { decodeCursor, encodeCursor, queryKey } from "../cursor";
import { lastEventAt, queryEvents } from "../db/feed";
import type { AppEnv } from "../env";

export { changesRoute };

const httpDate = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toUTCString();

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
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? await encodeCursor({ seq: last.seq, detectedAt: last.detectedAt }, key, config.cursorSecret)
      : null;
  const body: ChangesFeed = { items: page.map(({ seq: _seq, ...e }) => e), nextCursor };
  const etag = `W/"${(await sha256Hex(JSON.stringify(body))).slice(0, 27)}"`;
  const headers: Record<string, string> = { etag, "cache-control": "no-cache" };
  if (newest) headers["last-modified"] = httpDate(newest);
  const inm = c.req.header("if-none-match");
  const ims = c.req.header("if-modified-since");
  const notModified = inm
    ? inm.split(",").some((t) => t.trim() === etag || t.trim() === "*")
    : ims !== undefined &&
      newest !== null &&
      !Number.isNaN(Date.parse(ims)) &&
      Date.parse(httpDate(newest)) <= Date.parse(ims);
  if (notModified) return c.body(null, 304, headers);
  return c.json(body, 200, headers);
});
