import { readBodyCapped } from "@doffin/http";
import type { MiddlewareHandler } from "hono";
import { BRIDGE_BODY_LIMIT } from "../agent/bridge";
import { MCP_BODY_LIMIT } from "../agent/mcp";
import type { AppEnv } from "../env";

/**
 * The ceiling for any request body, per path prefix (the feedback Worker checks its 16 KiB again). This
 * makes sure a body route added later, or a forwarded path, is never unbounded.
 */
export const BODY_LIMITS: ReadonlyArray<readonly [prefix: string, bytes: number]> = [
  ["/v1/admin/", 4 * 1024],
  ["/v1/feedback", 16 * 1024],
  ["/v1/tools/", BRIDGE_BODY_LIMIT],
  ["/mcp", MCP_BODY_LIMIT],
];
/**
 * Paths whose handlers read their bodies capped themselves (readBodyCapped, same limits as above) and
 * must answer in their own protocol: MCP's 413 is a JSON-RPC error, not the envelope. Skipped here.
 */
const SELF_CAPPED = ["/mcp", "/v1/tools/"];
/** Anything else that takes a body (the tracker's paths, unknown routes): 64 KiB. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export const bodyLimitFor = (path: string): number =>
  BODY_LIMITS.find(([prefix]) => path.startsWith(prefix))?.[1] ?? DEFAULT_BODY_LIMIT;

const NO_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * 413 `payload_too_large` for a body over its path's limit. A declared Content-Length is checked up
 * front (workerd never delivers more than it declares); a body without one (chunked) is read here,
 * capped, and handed on as bytes, so no handler downstream ever sees an unbounded stream.
 */
export const bodyLimit = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const req = c.req.raw;
  if (NO_BODY.has(req.method) || req.body === null) return next();
  if (SELF_CAPPED.some((p) => c.req.path === p || c.req.path.startsWith(p))) return next();
  const cap = bodyLimitFor(c.req.path);
  const declared = req.headers.get("content-length")?.trim();
  if (declared !== undefined && /^\d+$/.test(declared)) {
    // readBodyCapped refuses an over-long declared length before reading a byte.
    if (Number(declared) > cap) await readBodyCapped(req, cap);
    return next();
  }
  c.req.raw = new Request(req, { body: await readBodyCapped(req, cap) });
  await next();
};
