import { ApiError } from "@doffin/http";
import type { MiddlewareHandler } from "hono";

/**
 * Per-client limit through the Workers Rate Limiting binding, keyed by the client IP Cloudflare puts
 * in CF-Connecting-IP (clients cannot set it at the edge). Requests without it (local tools) share one
 * bucket. If the binding itself fails we let the report through: losing a report is worse than a few
 * extra ones, and D1 still bounds the damage.
 */
export const rateLimit = (): MiddlewareHandler<{ Bindings: Env }> => async (c, next) => {
  const key = `ip:${c.req.header("cf-connecting-ip") ?? "unknown"}`;
  let allowed = true;
  try {
    allowed = (await c.env.FEEDBACK_LIMITER.limit({ key })).success;
  } catch (err) {
    console.warn(JSON.stringify({ msg: "rate limiter failed; allowing request", error: String(err) }));
  }
  if (!allowed) {
    const wait = String(Number(c.env.RATE_LIMIT_PERIOD_SECONDS) || 60);
    throw new ApiError("rate_limited", `Too many reports from this client; retry in ${wait} s.`, {
      headers: { "retry-after": wait },
    });
  }
  await next();
};
