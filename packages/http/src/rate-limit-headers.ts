/**
 * The rate-limit headers of draft-ietf-httpapi-ratelimit-headers-10 (September 2025): two Structured
 * Field lists (RFC 9651) keyed by a policy name,
 *
 *   RateLimit-Policy: "anon";q=60;w=60      — quota `q` per window of `w` seconds
 *   RateLimit: "anon";r=41;t=17             — `r` units left, `t` seconds until the window resets
 *
 * Draft 10 replaced the older `RateLimit-Limit/-Remaining/-Reset` trio of drafts ≤ 06 with these two.
 */
export type RateLimitState = {
  /** Policy name, a token the client can match between the two headers (`anon`, `key`). */
  policy: string;
  /** Requests allowed per window. */
  quota: number;
  /** Window length in seconds. */
  windowSeconds: number;
  /** Requests left in the current window (never negative). */
  remaining: number;
  /** Seconds until the current window resets (at least 1 when the quota is spent). */
  resetSeconds: number;
};

const quote = (name: string) => `"${name.replace(/["\\]/g, "")}"`;

/**
 * The two header values for one policy.
 * @example rateLimitHeaders({ policy: "anon", quota: 60, windowSeconds: 60, remaining: 59, resetSeconds: 42 })
 * // { "ratelimit-policy": '"anon";q=60;w=60', ratelimit: '"anon";r=59;t=42' }
 */
export function rateLimitHeaders(s: RateLimitState): { "ratelimit-policy": string; ratelimit: string } {
  const name = quote(s.policy);
  const r = Math.max(0, Math.floor(s.remaining));
  const t = Math.max(0, Math.ceil(s.resetSeconds));
  return {
    "ratelimit-policy": `${name};q=${s.quota};w=${s.windowSeconds}`,
    ratelimit: `${name};r=${r};t=${t}`,
  };
}
