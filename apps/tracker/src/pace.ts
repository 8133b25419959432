import {
  type BudgetGrant,
  type BudgetPriority,
  BudgetView,
  createBudgetGate,
  type DoffinClientOptions,
} from "@doffin/core";

/** Name of the shared budget's one object (the API Worker's upstream/budget-object.ts uses the same). */
const BUDGET_OBJECT_NAME = "global";

/**
 * Client-side pacing under Doffin's rate limit (≈30 requests per 10 s). Sliding window like the
 * upstream's: before each request, wait until fewer than `limit` requests were sent in the last
 * `windowMs`. Staying under the limit is far cheaper than a 429, whose Retry-After costs whole seconds.
 * The log lives at module level so back-to-back invocations in one isolate share it.
 */
export type PaceSettings = { limit: number; windowMs: number };

const sent: number[] = [];

export function pacedFetch(
  inner: typeof fetch,
  pace: PaceSettings,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: Date.now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  },
): typeof fetch {
  return async (input, init) => {
    for (;;) {
      const now = clock.now();
      while (sent.length > 0 && (sent[0] as number) <= now - pace.windowMs) sent.shift();
      if (sent.length < pace.limit) break;
      // +5 ms: the upstream's window edge is exclusive and the two clocks are not the same clock.
      await clock.sleep((sent[0] as number) + pace.windowMs - now + 5);
    }
    // Logged when the answer is in: in workerd `Date.now()` only advances at I/O, so a send-time stamp
    // can be stale (too early) and would let the next request out too soon; the answer time never is.
    const slot = clock.now();
    sent.push(slot);
    try {
      return await inner(input, init);
    } finally {
      const i = sent.indexOf(slot);
      if (i >= 0) sent.splice(i, 1);
      sent.push(clock.now());
      sent.sort((a, b) => a - b);
    }
  };
}

/** The budget object's RPC surface as the tracker uses it (the class lives in the API Worker). */
type BudgetStub = {
  take(upstream: string, priority: BudgetPriority): Promise<BudgetGrant>;
  snapshot(): Promise<unknown>;
};

/** The shared budget's one object, or null when this Worker runs without the `BUDGET` binding. */
export const budgetStubOf = (env: Env): BudgetStub | null => {
  const ns = (env as Partial<Env>).BUDGET;
  return ns ? (ns.get(ns.idFromName(BUDGET_OBJECT_NAME)) as unknown as BudgetStub) : null;
};

/**
 * How the sweep's client paces itself. With the `BUDGET` binding (the API Worker's shared budget
 * object, bound by script_name) every attempt takes a background token — waiting while users need the
 * reserve — so the sweep and interactive traffic never add up past Doffin's limit; without it, the
 * isolate-local sliding window above.
 * @example createDoffinClient({ baseUrl, ...upstreamPacing(env, fetch, config.pace, "webclient") })
 */
export function upstreamPacing(
  env: Env,
  inner: typeof fetch,
  pace: PaceSettings,
  kind: "webclient" | "public-api",
): { fetch: typeof fetch; beforeAttempt?: DoffinClientOptions["beforeAttempt"] } {
  const budget = budgetStubOf(env);
  if (!budget) return { fetch: pacedFetch(inner, pace) };
  return {
    fetch: inner,
    beforeAttempt: createBudgetGate({
      // Per attempt, not per client: in web-client mode with a key the XML download spends the Public
      // API's bucket, everything else the web client's.
      take: (priority, api) =>
        budget.take((api ?? kind) === "public-api" ? "doffin-public-api" : "doffin-webclient", priority),
      priority: "background",
      // Background work never answers a user; a budget that stays empty this long fails the call, and
      // the sweep records it and continues next tick.
      maxWaitMs: 60_000,
      refused: (ms) => new Error(`upstream budget still empty after waiting; next token in ${ms} ms`),
    }),
  };
}

/** The budget as /v1/tracker/status shows it; absent without the binding, null when unreachable. */
export async function budgetStatus(env: Env): Promise<BudgetView | undefined> {
  const budget = budgetStubOf(env);
  if (!budget) return undefined;
  try {
    return BudgetView.parse(await budget.snapshot());
  } catch {
    return null;
  }
}
