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
import { whileAdmitting } from "./admission";
import { account, limiterFor } from "./limiter";

/** Methods whose handlers may run while the limiter is asked: reads, whose egress waits (admission.ts). */
const SPECULATIVE = new Set(["GET", "HEAD", "OPTIONS"]);
/**
 * Reads that write anyway wait like writes: listing keys is audit-logged in D1 (keys/routes.ts). Rare
 * operator calls, so nothing is lost by not speeding them up.
 */
const speculative = (method: string, path: string) =>
  SPECULATIVE.has(method) && !path.startsWith("/v1/admin/");

const tooMany = (state: RateLimitState | undefined) => {
  const wait = String(state?.resetSeconds ?? 60);
  return new ApiError("rate_limited", `Too many requests; retry in ${wait} s.`, {
    headers: { "retry-after": wait },
  });
};

/**
 * Who is calling and how much they may: verifies a presented key (401 bad/revoked), applies the rate
 * limit of the key or of the client IP (429 with Retry-After), checks the key's scope (403), and puts
 * the `RateLimit-Policy` / `RateLimit` headers on every response, errors included. A bad key is counted
 * against the client's IP bucket before it is refused, so guessing keys is rate limited too.
 * Registered before CORS so preflights and every error carry the headers as well.
 *
 * The limiter is a round trip (Miniflare: a Durable Object call), as long as a whole cache hit. For
 * reads it is asked while the handler runs: the handler's way out of the isolate (upstream, budget,
 * sibling Workers) waits for the verdict (admission.ts), and so does the response, which becomes the
 * same 429 when the verdict is no. Writes wait for the verdict before their handler starts.
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
  const refuse = (err: ApiError) =>
    withHeaders(errorResponse(c, err.code, err.message, { headers: err.headers }));
  const early = speculative(c.req.method, c.req.path);
  let verdict: Promise<boolean>;
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
    verdict = limit(principal);
    if (principal.kind === "key") {
      const scope = requiredScope(c.req.method, c.req.path);
      if (!principal.key.scopes.includes(scope)) {
        // Over the limit wins over the scope, as when the verdict came first.
        if (!(await verdict)) throw tooMany(state);
        throw new ApiError("forbidden", `This API key lacks the "${scope}" scope.`);
      }
      const { id } = principal.key;
      if (env.KEYS_DB && shouldTouch(id, now))
        // After the verdict: a limited request writes nothing.
        waitUntilOf(c)(
          verdict
            .then((ok) =>
              ok ? keyStore(env.KEYS_DB as D1Database).touch(id, new Date(now).toISOString()) : null,
            )
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
    if (!early && !(await verdict)) throw tooMany(state);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return refuse(err);
  }
  if (!early) {
    await next();
    withHeaders(c.res);
    return;
  }
  await whileAdmitting(verdict, next);
  if (await verdict) {
    withHeaders(c.res);
    return;
  }
  // Limited: whatever the handler made (a cache hit at most: nothing left the isolate) is dropped. Unset
  // first, or Hono would copy its headers (ETag, Cache-Status) onto the 429.
  await c.res.body?.cancel();
  c.res = undefined as unknown as Response;
  c.res = refuse(tooMany(state));
};
