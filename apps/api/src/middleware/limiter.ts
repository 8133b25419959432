import { DEFAULT_KEY_RATE_LIMIT } from "@doffin/contracts/admin";
import type { RateLimitState } from "@doffin/http";
import type { Principal } from "../keys/principal";

/** Every limiter binding has a 60 s period (wrangler.jsonc); the headers' window is the same. */
export const WINDOW_SECONDS = 60;

type Limits = {
  ANON_LIMITER?: RateLimit;
  KEY_LIMITER?: RateLimit;
  KEY_LIMITER_HIGH?: RateLimit;
  /** The limits the bindings were configured with (a binding cannot be asked); default 60 / 600 / 6000. */
  ANON_RATE_LIMIT?: string;
  KEY_RATE_LIMIT?: string;
  KEY_RATE_LIMIT_HIGH?: string;
  /**
   * Which tier anonymous callers get: `low` (default, ANON_LIMITER) or `high` (KEY_LIMITER_HIGH). The
   * offline demo sets `high`: every request there comes from 127.0.0.1, so one reader's tour and a CSV
   * export would otherwise share 60 requests a minute.
   */
  ANON_LIMIT_TIER?: string;
};

const num = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return v !== undefined && v !== "" && Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * The binding, bucket key and quota for a caller. A key's `rateLimit` picks its tier: 60 → the anonymous
 * binding (its own `key:` bucket), 600 → KEY_LIMITER, 6000 → KEY_LIMITER_HIGH. Undefined when the
 * deployment has no limiter bound (self-hosters may drop them): then nothing is limited.
 */
export function limiterFor(p: Principal, env: Limits) {
  if (p.kind === "anon") {
    const [binding, quota] =
      env.ANON_LIMIT_TIER === "high"
        ? [env.KEY_LIMITER_HIGH, num(env.KEY_RATE_LIMIT_HIGH, 6000)]
        : [env.ANON_LIMITER, num(env.ANON_RATE_LIMIT, 60)];
    return binding && { binding, bucket: `ip:${p.bucket}`, policy: "anon", quota };
  }
  const tier = p.key.rateLimit;
  const [binding, quota] =
    tier < DEFAULT_KEY_RATE_LIMIT
      ? [env.ANON_LIMITER, num(env.ANON_RATE_LIMIT, 60)]
      : tier > DEFAULT_KEY_RATE_LIMIT
        ? [env.KEY_LIMITER_HIGH, num(env.KEY_RATE_LIMIT_HIGH, 6000)]
        : [env.KEY_LIMITER, num(env.KEY_RATE_LIMIT, 600)];
  return binding && { binding, bucket: `key:${p.key.id}`, policy: "key", quota };
}

/**
 * The binding says only yes or no, so `remaining` for the headers is counted here, per isolate, in
 * windows aligned to the minute. It is an estimate: other isolates (and the binding's own window,
 * which need not align with ours) are not seen. A "no" from the binding sets it to 0 for the window.
 */
const counts = new Map<string, { window: number; used: number }>();

export function account(bucket: string, quota: number, allowed: boolean, now: number): RateLimitState {
  const window = Math.floor(now / 1000 / WINDOW_SECONDS);
  let entry = counts.get(bucket);
  if (!entry || entry.window !== window) {
    if (counts.size > 10_000) counts.clear();
    entry = { window, used: 0 };
    counts.set(bucket, entry);
  }
  entry.used = allowed ? entry.used + 1 : Math.max(entry.used, quota);
  const resetSeconds = Math.max(1, (window + 1) * WINDOW_SECONDS - Math.floor(now / 1000));
  return { policy: "", quota, windowSeconds: WINDOW_SECONDS, remaining: quota - entry.used, resetSeconds };
}
