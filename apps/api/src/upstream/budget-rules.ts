import type { BudgetGrant, BudgetPriority } from "@doffin/core";

/**
 * The token buckets of the shared upstream budget, as pure functions (the Durable Object in
 * budget-object.ts only holds their state). A bucket holds `limit` tokens; a token spent comes back
 * exactly `windowMs` later — a sliding window like the upstream's own, so no window of `windowMs` ever
 * sees more than `limit` grants (a classic refill-rate bucket would let a burst and its refill overlap).
 * Background calls may not take the last `reserve` tokens: those stay for users.
 */

/** The one budget object every Worker talks to (a single object is a single, exact counter). */
export const BUDGET_OBJECT_NAME = "global";

export const UPSTREAMS = ["doffin-webclient", "doffin-public-api", "nav"] as const;
export type UpstreamName = (typeof UPSTREAMS)[number];

export type BucketRule = { limit: number; windowMs: number; reserve: number };

/**
 * Defaults from the published/observed limits. Doffin: 429 after ≈28–30 requests in ≈10 s per
 * subscription/IP (/work/shared/docs/doffin-upstream.md §1.8) — we grant 28 per 11 s: the extra second
 * covers the time between a grant here and the request's arrival there. NAV's CDN 429s bursts of 6–8
 * and wants ≥3 s spacing (nav-upstream.md): one per 3.5 s, no background share to reserve.
 */
export const DEFAULT_RULES: Record<UpstreamName, BucketRule> = {
  "doffin-webclient": { limit: 28, windowMs: 11_000, reserve: 10 },
  "doffin-public-api": { limit: 28, windowMs: 11_000, reserve: 10 },
  nav: { limit: 1, windowMs: 3_500, reserve: 0 },
};

export type BucketState = {
  /** Grant times (epoch ms), oldest first, of the tokens still out. */
  spent: number[];
  granted: Record<BudgetPriority, number>;
  refused: Record<BudgetPriority, number>;
};

export const emptyBucket = (): BucketState => ({
  spent: [],
  granted: { interactive: 0, background: 0 },
  refused: { interactive: 0, background: 0 },
});

/** Drops tokens that have come back. */
const settle = (state: BucketState, rule: BucketRule, now: number): void => {
  while (state.spent.length > 0 && (state.spent[0] as number) <= now - rule.windowMs) state.spent.shift();
};

/**
 * Takes one token for `priority` if the bucket allows it, else says how long until it would.
 * @example take(emptyBucket(), DEFAULT_RULES.nav, "interactive", Date.now()) // { granted: true, retryAfterMs: 0 }
 */
export function take(
  state: BucketState,
  rule: BucketRule,
  priority: BudgetPriority,
  now: number,
): BudgetGrant {
  settle(state, rule, now);
  const usable = priority === "interactive" ? rule.limit : Math.max(0, rule.limit - rule.reserve);
  if (state.spent.length < usable) {
    state.spent.push(now);
    state.granted[priority]++;
    return { granted: true, retryAfterMs: 0 };
  }
  state.refused[priority]++;
  if (usable === 0) return { granted: false, retryAfterMs: rule.windowMs };
  // Enough tokens are back once the one spent `usable` grants before the newest has returned.
  const returning = state.spent[state.spent.length - usable] as number;
  return { granted: false, retryAfterMs: Math.max(1, returning + rule.windowMs - now) };
}

/** What /health and /v1/tracker/status show of one bucket. */
export type BucketView = BucketRule & {
  /** Tokens free now (for interactive calls; background ones see `left - reserve`). */
  left: number;
  granted: Record<BudgetPriority, number>;
  refused: Record<BudgetPriority, number>;
};

export function view(state: BucketState, rule: BucketRule, now: number): BucketView {
  settle(state, rule, now);
  return {
    ...rule,
    left: Math.max(0, rule.limit - state.spent.length),
    granted: { ...state.granted },
    refused: { ...state.refused },
  };
}

/** Rules from the Worker's vars: `UPSTREAM_BUDGET_LIMIT` etc. set both Doffin buckets; NAV keeps its own. */
export function rulesFrom(env: Record<string, unknown>): Record<UpstreamName, BucketRule> {
  const int = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`${name} must be an integer ≥ ${min}, got ${String(raw)}`);
    return n;
  };
  const d = DEFAULT_RULES["doffin-webclient"];
  const limit = int("UPSTREAM_BUDGET_LIMIT", d.limit, 1);
  const doffin: BucketRule = {
    limit,
    windowMs: int("UPSTREAM_BUDGET_WINDOW_MS", d.windowMs, 1),
    reserve: Math.min(limit - 1, int("UPSTREAM_BUDGET_RESERVE", d.reserve, 0)),
  };
  return { "doffin-webclient": doffin, "doffin-public-api": doffin, nav: DEFAULT_RULES.nav };
}
