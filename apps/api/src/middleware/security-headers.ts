import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

/**
 * For /docs (Swagger UI). Scripts only from this origin, no `unsafe-inline`: the docs
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

/**
 * For the web explorer's pages (src/site): stricter than /docs, since our own pages write no `<style>`
 * at run time: no inline style either. Forms post to this origin only (the search form is a GET to `/`);
 * `connect-src 'self'` lets the CPV picker call /v1/codes/cpv.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const isDocs = (path: string) => path === "/docs" || path.startsWith("/docs/");

export const securityHeaders = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("x-content-type-options", "nosniff");
  if (h.get("content-type")?.startsWith("text/html")) {
    h.set("content-security-policy", isDocs(c.req.path) ? HTML_CSP : PAGE_CSP);
    h.set("referrer-policy", "strict-origin-when-cross-origin");
    h.set("x-frame-options", "DENY");
  }
};
