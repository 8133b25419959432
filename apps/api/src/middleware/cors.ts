import { ApiError } from "@doffin/http";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/**
 * Paths agents POST to from anywhere: MCP clients and tool bridges run in browsers and hosted agent
 * sandboxes on origins nobody can list in advance, their calls are reads in effect (search, fetch a
 * notice) and carry no cookies, so a cross-origin POST there cannot act for a logged-in user.
 */
export const AGENT_WRITE_PREFIXES = ["/mcp", "/v1/tools/"];

/** Headers clients must be able to read cross-origin besides the ones app.ts exposes. */
const EXPOSE = ["RateLimit", "RateLimit-Policy"];

const allowedOrigins = (raw: unknown): Set<string> =>
  new Set(
    String(raw ?? "")
      .split(",")
      .map((s) => s.trim().replace(/\/$/, ""))
      .filter((s) => s !== ""),
  );

/**
 * Writes only from `CORS_WRITE_ORIGINS` (comma-separated origins; empty: none). Reads stay open to every
 * origin (app.ts's `cors`), and so do the agent paths above. A write preflight from another origin gets
 * 204 without any Access-Control-Allow-* header (the browser then refuses), a write that carries such
 * an Origin anyway (a "simple" POST skips the preflight) is a 403 envelope, never forwarded. Requests
 * with no Origin (curl, servers, the CLI) are not browsers and are not affected.
 * Runs before app.ts's `cors`, which answers the preflights it lets through.
 */
export const corsWrites = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const origin = c.req.header("origin");
  const path = c.req.path;
  const agent = AGENT_WRITE_PREFIXES.some((p) => path === p || path.startsWith(p));
  if (origin !== undefined && !agent) {
    const allowed = allowedOrigins((c.env as unknown as Record<string, unknown>).CORS_WRITE_ORIGINS).has(
      origin,
    );
    const preflight = c.req.method === "OPTIONS" ? c.req.header("access-control-request-method") : undefined;
    if (!allowed && preflight !== undefined && WRITES.has(preflight.toUpperCase()))
      return c.body(null, 204, { vary: "Origin" });
    if (!allowed && WRITES.has(c.req.method))
      throw new ApiError("forbidden", `Writes from origin ${origin} are not allowed (CORS_WRITE_ORIGINS).`);
  }
  await next();
  const exposed = c.res.headers.get("access-control-expose-headers");
  if (exposed !== null) c.res.headers.set("access-control-expose-headers", [exposed, ...EXPOSE].join(", "));
};
