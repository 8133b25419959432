import { sha256Hex } from "@doffin/core";
import type { Context } from "hono";
import { encodeCursor } from "./cursor";

/**
 * The feed conventions every change feed of this Worker answers with (`/v1/changes`, `/v1/jobs/changes`,
 * the saved-search Atom/JSON feeds):
 * a weak ETag over the page, `Last-Modified` = the newest event of the whole feed, `no-cache`, and a 304
 * for a matching `If-None-Match` (or, without one, an `If-Modified-Since` at or past the newest event).
 */

const httpDate = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toUTCString();

export async function feedResponse(
  c: Context,
  body: unknown,
  newest: string | null,
  /** What the ETag is computed over, when the body holds a part that changes every time (`generatedAt`). */
  tagged: unknown = body,
  /** A rendered body with its content type (Atom, JSON Feed), sent instead of `body` as JSON and tagged. */
  rendered?: { contentType: string; text: string },
): Promise<Response> {
  const etag = `W/"${(await sha256Hex(rendered?.text ?? JSON.stringify(tagged))).slice(0, 27)}"`;
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
  if (rendered) return c.body(rendered.text, 200, { ...headers, "content-type": rendered.contentType });
  return c.json(body, 200, headers);
}

/**
 * One page of a keyset walk: the first `limit` of `limit + 1` rows (their `seq` dropped) and the cursor
 * after the last one when there are more.
 */
export async function keysetPage<T extends { seq: number; detectedAt: string }>(
  rows: T[],
  limit: number,
  key: string,
  secret: string,
): Promise<{ items: Omit<T, "seq">[]; nextCursor: string | null }> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? await encodeCursor({ seq: last.seq, detectedAt: last.detectedAt }, key, secret)
      : null;
  return { items: page.map(({ seq: _seq, ...e }) => e), nextCursor };
}
