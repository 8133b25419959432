import { sha256Hex } from "@doffin/core";
import type { Context } from "hono";

/**
 * JSON answers of `/ocds/*` (compact; `pretty=true` is @doffin/http's, on every route); a weak ETag of the body
 * (If-None-Match → 304) and `Last-Modified` of the newest write it shows (If-Modified-Since → 304).
 */
const httpDate = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toUTCString();

/**
 * A package whose `releases` are stored JSON texts, spliced into the head's JSON instead of parsed and
 * re-serialised: a page of 100 releases is ~270 KB, and parse + stringify was most of its cost
 * (bench/ocds-api.ts). The stored text is `JSON.stringify(release)`, so the bytes are what
 * `JSON.stringify(releasePackage(parsed))` would give.
 */
export function splicedPackage(head: Record<string, unknown>, releaseJson: string[]): JsonText {
  const marker = '"releases":[]';
  const json = JSON.stringify({ ...head, releases: [] });
  // The one unescaped `"releases":[]` is the key itself (quotes inside strings are escaped).
  const at = json.indexOf(marker);
  return new JsonText(
    `${json.slice(0, at)}"releases":[${releaseJson.join(",")}]${json.slice(at + marker.length)}`,
  );
}

/** A body already serialised as compact JSON. */
export class JsonText {
  constructor(readonly json: string) {}
}

export async function ocdsJson(
  c: Context,
  body: unknown,
  opts: { lastModified?: string | null },
): Promise<Response> {
  const compact = body instanceof JsonText ? body.json : JSON.stringify(body);
  const etag = `W/"${(await sha256Hex(compact)).slice(0, 27)}"`;
  const headers: Record<string, string> = {
    etag,
    "cache-control": "no-cache",
    "content-type": "application/json; charset=UTF-8",
  };
  if (opts.lastModified) headers["last-modified"] = httpDate(opts.lastModified);
  const inm = c.req.header("if-none-match");
  const ims = c.req.header("if-modified-since");
  const notModified = inm
    ? inm.split(",").some((t) => t.trim() === etag || t.trim() === "*")
    : ims !== undefined &&
      !!opts.lastModified &&
      !Number.isNaN(Date.parse(ims)) &&
      Date.parse(httpDate(opts.lastModified)) <= Date.parse(ims);
  if (notModified) return c.body(null, 304, headers);
  return c.body(compact, 200, headers);
}

/** The newest of some ISO instants (or null). */
export const newest = (xs: (string | null | undefined)[]): string | null =>
  xs.reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);
