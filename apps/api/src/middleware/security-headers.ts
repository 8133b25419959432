import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

/**
 * For HTML pages (/docs and any later page). Scripts only from this origin, no `unsafe-inline`: the docs
 * page loads its bundle and its init script as files. Styles allow `unsafe-inline` because Swagger UI
 * writes `<style>` elements at run time; that cannot run script. No framing (clickjacking), no referrer
 * beyond the origin, and `nosniff` on every response.
 */
export const HTML_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const securityHeaders = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("x-content-type-options", "nosniff");
  if (h.get("content-type")?.startsWith("text/html")) {
    h.set("content-security-policy", HTML_CSP);
    h.set("referrer-policy", "strict-origin-when-cross-origin");
    h.set("x-frame-options", "DENY");
  }
};
