import {
  ApiError,
  clientIp,
  clientIpSource,
  errorResponse,
  logLine,
  type RateLimitState,
  rateLimitHeaders,
} from "@doffin/http";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { waitUntilOf } from "../env";
import { type Principal, requiredScope } from "../keys/principal";
import { keyStore } from "../keys/store";
import { type KeySecrets, presentedKey, shouldTouch, verifyKey } from "../keys/verify";
import { account, limiterFor } from "./limiter";

/**
 * Who is calling and how much they may: verifies a presented key (401 bad/revoked), applies the rate
 * limit of the key or of the client IP (429 with Retry-After), checks the key's scope (403), and puts
 * the `RateLimit-Policy` / `RateLimit` headers on every response, errors included. A bad key is counted
 * against the client's IP bucket before it is refused, so guessing keys is rate limited too.
 * Registered before CORS so preflights and every error carry the headers as well.
 */
export const access = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const env = c.env as unknown as KeySecrets & Record<string, unknown>;
  const now = Date.now();
  const anon: Principal = {
    kind: "anon",
    bucket: clientIp(c.req.raw.headers, clientIpSource(env.CLIENT_IP_SOURCE as string | undefined)),
  };
  let state: RateLimitState | undefined;
  const limit = async (p: Principal) => {
    const l = limiterFor(p, env as Parameters<typeof limiterFor>[1]);
    if (!l) return true;
    let allowed = true;
    try {
      allowed = (await l.binding.limit({ key: l.bucket })).success;
    } catch (err) {
      // A failing limiter must not take the gateway down; the request goes through, and we say so.
      logLine("warn", { msg: "rate limiter failed; allowing request", error: String(err) });
    }
    state = { ...account(l.bucket, l.quota, allowed, now), policy: l.policy };
    return allowed;
  };
  const withHeaders = (res: Response) => {
    if (state) for (const [k, v] of Object.entries(rateLimitHeaders(state))) res.headers.set(k, v);
    return res;
  };
  try {
    const raw = presentedKey(c.req.raw.headers);
    let principal: Principal = anon;
    if (raw !== undefined) {
      try {
        principal = { kind: "key", key: await verifyKey(raw, env, now) };
      } catch (err) {
        await limit(anon);
        throw err;
      }
    }
    if (!(await limit(principal))) {
      const wait = String(state?.resetSeconds ?? 60);
      throw new ApiError("rate_limited", `Too many requests; retry in ${wait} s.`, {
        headers: { "retry-after": wait },
      });
    }
    if (principal.kind === "key") {
      const scope = requiredScope(c.req.method, c.req.path);
      if (!principal.key.scopes.includes(scope))
        throw new ApiError("forbidden", `This API key lacks the "${scope}" scope.`);
      const { id } = principal.key;
      if (env.KEYS_DB && shouldTouch(id, now))
        waitUntilOf(c)(
          keyStore(env.KEYS_DB)
            .touch(id, new Date(now).toISOString())
            .catch(() => undefined),
        );
      // Reading feedback is the feedback Worker's operator route: a key with the scope stands in for the token.
      if (scope === "feedback:read" && env.OPERATOR_TOKEN) {
        const headers = new Headers(c.req.raw.headers);
        headers.set("authorization", `Bearer ${env.OPERATOR_TOKEN}`);
        c.req.raw = new Request(c.req.raw, { headers });
      }
    }
    c.set("principal", principal);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return withHeaders(errorResponse(c, err.code, err.message, { headers: err.headers }));
  }
  await next();
  withHeaders(c.res);
};
