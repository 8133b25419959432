import { logLine, requestIdOf } from "@doffin/http";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

/**
 * One JSON line per request: id, method, matched route (the pattern, not the URL: no query strings,
 * which may carry search text), status, duration, cache status, whether Doffin was called, and who
 * (a key's id or `anon`). Never a header value, key, token or body.
 */
export const accessLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = Date.now();
  await next();
  const cacheStatus = c.res.headers.get("cache-status");
  const principal = c.get("principal");
  const routes = c.req.matchedRoutes.filter((r) => r.method !== "ALL" || !r.path.endsWith("*"));
  logLine("info", {
    msg: "request",
    requestId: requestIdOf(c),
    method: c.req.method,
    route: routes.at(-1)?.path ?? "(none)",
    status: c.res.status,
    durationMs: Date.now() - started,
    cacheStatus,
    // Cache-Status `fwd=` (RFC 9211) means this request went to Doffin; a hit did not.
    upstreamCalls: cacheStatus === null ? null : (cacheStatus.match(/fwd=/g) ?? []).length,
    caller: principal?.kind === "key" ? principal.key.id : "anon",
  });
};
