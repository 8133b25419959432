import type { Context } from "hono";
import type { CacheEntry, CacheOutcome, CachePolicy, CacheResult } from "./cache";

/** RFC 9211 cache name of this gateway. */
export const CACHE_NAME = "doffin-gateway";

/** RFC 9211 `Cache-Status` for one answer; `ttlSeconds` is negative once the entry is stale. */
export function cacheStatus(outcome: CacheOutcome, ttlSeconds: number): string {
  switch (outcome) {
    case "hit":
      return `${CACHE_NAME}; hit; ttl=${ttlSeconds}`;
    case "miss":
      return `${CACHE_NAME}; fwd=miss; stored`;
    case "coalesced":
      return `${CACHE_NAME}; fwd=miss; detail=coalesced`;
    case "stale":
      return `${CACHE_NAME}; fwd=stale; ttl=${ttlSeconds}; detail=stale-while-revalidate`;
    case "revalidated":
      return `${CACHE_NAME}; fwd=stale; stored`;
    case "stale-if-error":
      return `${CACHE_NAME}; fwd=stale; ttl=${ttlSeconds}; detail=stale-if-error`;
  }
}

/** `If-None-Match` matches when any listed tag (weak comparison, RFC 9110 §13.1.2) or `*` matches. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}

export function cacheControl(entry: CacheEntry, policy: CachePolicy, now: number): string {
  const maxAge = Math.max(0, Math.round((entry.freshUntil - now) / 1000));
  return `public, max-age=${maxAge}, stale-while-revalidate=${policy.staleWhileRevalidateSeconds}, stale-if-error=${policy.staleIfErrorSeconds}`;
}

/** Serves a cached 200 body with the caching headers, or 304 when the client already has it. */
export function respondFromCache(
  c: Context,
  result: CacheResult,
  policy: CachePolicy,
  now: number,
  /**
   * Serve this view of the entry instead of its bytes, with extra headers; a view with other bytes
   * (a projection, the detail with contract data) brings its own `etag`, XML its `contentType`.
   */
  view?: { body: string; headers?: Record<string, string>; etag?: string; contentType?: string },
): Response {
  const { entry, outcome } = result;
  const ttl = Math.round((entry.freshUntil - now) / 1000);
  const etag = view?.etag ?? entry.etag;
  const headers = new Headers({
    etag,
    age: String(Math.max(0, Math.floor((now - entry.storedAt) / 1000))),
    "cache-control": cacheControl(entry, policy, now),
    "cache-status": cacheStatus(outcome, ttl),
  });
  if (c.req.method === "GET" || c.req.method === "HEAD") {
    if (ifNoneMatchHits(c.req.header("if-none-match"), etag))
      return new Response(null, { status: 304, headers });
  }
  for (const [k, v] of Object.entries(view?.headers ?? {})) headers.set(k, v);
  headers.set("content-type", view?.contentType ?? "application/json; charset=utf-8");
  return new Response(c.req.method === "HEAD" ? null : (view?.body ?? entry.body), { status: 200, headers });
}
