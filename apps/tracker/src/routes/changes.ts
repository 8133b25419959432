import { ChangesFeed, ChangesQuery, ErrorEnvelope, sha256Hex } from "@doffin/core";
import { validationHook } from "@doffin/http";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { decodeCursor, encodeCursor, queryKey } from "../cursor";
import { lastEventAt, queryEvents } from "../db";
import type { AppEnv } from "../env";

export const changesRoute = createRoute({
  method: "get",
  path: "/v1/changes",
  summary: "Change feed: typed, field-level changes of Doffin notices, oldest first",
  request: { query: ChangesQuery },
  responses: {
    200: { content: { "application/json": { schema: ChangesFeed } }, description: "One page of events." },
    304: { description: "Not modified (If-None-Match / If-Modified-Since)." },
    400: { content: { "application/json": { schema: ErrorEnvelope } }, description: "Bad query or cursor." },
  },
});

const httpDate = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toUTCString();

export const changesApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  changesRoute,
  async (c) => {
    const q = c.req.valid("query");
    const config = c.get("config");
    const key = await queryKey({ since: q.since, notice_id: q.notice_id, kind: q.kind, field: q.field });
    const pos = q.cursor ? await decodeCursor(q.cursor, key, config.cursorSecret) : null;
    const since = q.since ? new Date(q.since).toISOString() : undefined;
    const [rows, newest] = await Promise.all([
      queryEvents(c.env.DB, {
        afterSeq: pos?.seq ?? 0,
        since,
        noticeId: q.notice_id,
        kind: q.kind,
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
  },
);
