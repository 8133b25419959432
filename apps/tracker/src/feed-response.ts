import { sha256Hex } from "@doffin/core";
import type { Context } from "hono";

/**
 * The feed conventions every change feed of this Worker answers with (`/v1/changes`, `/v1/jobs/changes`):
 * a weak ETag over the page, `Last-Modified` = the newest event of the whole feed, `no-cache`, and a 304
 * for a matching `If-None-Match` (or, without one, an `If-Modified-Since` at or past the newest event).
 */

const httpDate = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toUTCString();

export async function feedResponse(c: Context, body: unknown, newest: string | null): Promise<Response> {
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
}
