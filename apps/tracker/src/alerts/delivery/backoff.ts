/**
 * Back-off of a failed webhook attempt, handed to `message.retry({ delaySeconds })`.
 *
 * Schedule (production vars: base 30 s, cap 3600 s): attempt n waits base · 2^(n-1), capped, then ±20 %
 * jitter so many receivers failing together do not come back in lock-step: ≈30 s, 60 s, 2 min, 4 min,
 * 8 min, 16 min, 32 min, 1 h — about 2 h over the 8 retries of wrangler.jsonc's `max_retries` before the
 * dead-letter queue takes the message. Never more than Queues' own 12 h ceiling on `delaySeconds`.
 * @example backoffSeconds(3, { baseSeconds: 30, capSeconds: 3600 }, () => 0.5) // 120
 */
export function backoffSeconds(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exp = policy.baseSeconds * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.capSeconds, exp);
  const jittered = capped * (0.8 + 0.4 * random());
  return Math.min(MAX_DELAY_SECONDS, Math.round(jittered));
}

export type RetryPolicy = { baseSeconds: number; capSeconds: number };

/** Queues refuses a `delaySeconds` above 12 hours. */
const MAX_DELAY_SECONDS = 43_200;

const seconds = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return v !== undefined && v.trim() !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** The policy from the tracker's vars (tests shorten it; wrangler.jsonc holds the production values). */
export const retryPolicyFrom = (env: Env): RetryPolicy => ({
  baseSeconds: seconds(env.ALERT_RETRY_BASE_SECONDS, 30),
  capSeconds: seconds(env.ALERT_RETRY_CAP_SECONDS, 3600),
});
