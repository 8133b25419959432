import type { Context } from "hono";
import { type CacheResult, etagOf } from "../cache";
import { cacheStatus, ifNoneMatchHits } from "../respond";
import type { Lang } from "./i18n";

/**
 * Pages are cached like the API: a strong ETag over the HTML (so a 304 needs no body), a short
 * `Cache-Control`, the `Cache-Status` of the service answer the page was built from, and `Vary` on what
 * picks the language. A `?lang=` visit sets the `lang` cookie, so that answer is `private` (a shared
 * cache must not hand one reader's Set-Cookie to another).
 */

export const PAGE_MAX_AGE_SECONDS = 60;

export type PageAnswer = {
  status: 200 | 400 | 404 | 503;
  html: string;
  /** The service answer the page shows (its Cache-Status); absent when none was read. */
  source?: CacheResult;
  now: number;
  /** The `?lang` value, when the request set one: the answer sets the cookie. */
  setLang?: Lang | null;
};

export async function respondPage(c: Context, page: PageAnswer): Promise<Response> {
  const etag = await etagOf(page.html);
  const headers = new Headers({
    etag,
    vary: "Accept-Language, Cookie",
    "cache-control":
      page.status >= 500
        ? "no-store"
        : `${page.setLang ? "private" : "public"}, max-age=${PAGE_MAX_AGE_SECONDS}`,
  });
  if (page.source) {
    const ttl = Math.round((page.source.entry.freshUntil - page.now) / 1000);
    headers.set("cache-status", cacheStatus(page.source.outcome, ttl));
  }
  if (page.setLang)
    headers.append("set-cookie", `lang=${page.setLang}; Path=/; Max-Age=31536000; SameSite=Lax`);
  if (page.status === 200 && ifNoneMatchHits(c.req.header("if-none-match"), etag))
    return new Response(null, { status: 304, headers });
  headers.set("content-type", "text/html; charset=utf-8");
  return new Response(c.req.method === "HEAD" ? null : page.html, { status: page.status, headers });
}
