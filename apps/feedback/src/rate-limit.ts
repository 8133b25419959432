import { ApiError, clientIp, clientIpSource, logLine } from "@doffin/http";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env";

/**
 * Per-client limit through the Workers Rate Limiting binding, keyed by the client IP from the header
 * `CLIENT_IP_SOURCE` names (see @doffin/http client-ip.ts). If the binding itself fails we let the report through:
 * losing a report is worse than a few extra ones, and D1 still bounds the damage.
 */
export const rateLimit = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const key = `ip:${clientIp(c.req.raw.headers, clientIpSource(c.env.CLIENT_IP_SOURCE))}`;
  let allowed = true;
  try {
    allowed = (await c.env.FEEDBACK_LIMITER.limit({ key })).success;
  } catch (err) {
    logLine("warn", { msg: "rate limiter failed; allowing request", error: String(err) });
  }
  if (!allowed) {
    const wait = String(Number(c.env.RATE_LIMIT_PERIOD_SECONDS) || 60);
    throw new ApiError("rate_limited", `Too many reports from this client; retry in ${wait} s.`, {
      headers: { "retry-after": wait },
    });
  }
  await next();
};
