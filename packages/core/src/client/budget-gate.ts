import { z } from "zod";
import type { AttemptInfo, DoffinApi } from "./types";

/**
 * The client side of a shared upstream budget: before every attempt, ask for a token; when refused,
 * either wait for it (if the wait fits before the deadline and the priority allows waiting) or give up.
 * The budget itself (the token bucket) lives elsewhere — in the gateway, a Durable Object every Worker
 * reaches — so this file only knows the answer's shape.
 */

/** Interactive calls serve a waiting user; background calls (sweeps, backfills) take only what is left. */
export type BudgetPriority = "interactive" | "background";

/** One answer of the budget: a token, or how long until one may be free for this priority. */
export type BudgetGrant = { granted: boolean; retryAfterMs: number };

export type BudgetGateOptions = {
  /**
   * Asks the budget for one token (e.g. a Durable Object RPC). `api` is the Doffin API the attempt goes
   * to (unset for other upstreams): one client may spend both buckets (web client + Public API XML).
   */
  take: (priority: BudgetPriority, api: DoffinApi | undefined) => Promise<BudgetGrant>;
  priority: BudgetPriority;
  /** The error to end the call with when no token comes in time; `retryAfterMs` says when to come back. */
  refused: (retryAfterMs: number) => Error;
  /** Longest single wait for a token without a deadline (default 30 s; background sweeps wait this long). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
};

/**
 * Builds a `beforeAttempt` hook for `createDoffinClient` that takes a token from a shared budget.
 * It waits for a token only while the wait ends before the call's deadline (and within `maxWaitMs`);
 * otherwise it throws `refused(retryAfterMs)` at once, so a user is told when to return instead of
 * being held until the deadline.
 *
 * @example
 * const beforeAttempt = createBudgetGate({
 *   take: (priority, api) =>
 *     env.BUDGET.get(env.BUDGET.idFromName("global")).take(api === "public-api" ? "doffin-public-api" : "doffin-webclient", priority),
 *   priority: "background",
 *   refused: (ms) => new Error(`no upstream budget for ${ms} ms`),
 * });
 * const doffin = createDoffinClient({ baseUrl, beforeAttempt });
 */
export const createBudgetGate = (options: BudgetGateOptions) => {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  return async ({ deadlineAt, api }: Pick<AttemptInfo, "deadlineAt" | "api">): Promise<void> => {
    for (;;) {
      const grant = await options.take(options.priority, api);
      if (grant.granted) return;
      const wait = Math.max(1, grant.retryAfterMs);
      const limit = deadlineAt === undefined ? maxWaitMs : Math.min(maxWaitMs, deadlineAt - now());
      // Leave room for the attempt itself after the wait; otherwise the token would come too late.
      if (wait + 100 > limit) throw options.refused(wait);
      await sleep(wait);
    }
  };
};

const PriorityCounts = z.object({ interactive: z.number().int(), background: z.number().int() });

/**
 * One upstream's token bucket as status routes show it (API `/health`, tracker `/v1/tracker/status`).
 * @example BudgetBucketView.parse({ limit: 28, windowMs: 11000, reserve: 10, left: 28, granted, refused })
 */
export const BudgetBucketView = z.object({
  limit: z.number().int().describe("Tokens per window."),
  windowMs: z.number().int().describe("A spent token comes back this long after it was taken."),
  reserve: z.number().int().describe("Tokens background work (sweeps, backfills) may not take."),
  left: z.number().int().describe("Tokens free now."),
  granted: PriorityCounts.describe("Tokens granted since the budget object started."),
  refused: PriorityCounts.describe("Requests refused since the budget object started."),
});
export type BudgetBucketView = z.infer<typeof BudgetBucketView>;

/** Every upstream's bucket by name; null when the budget cannot be reached. */
export const BudgetView = z
  .record(z.string(), BudgetBucketView)
  .nullable()
  .describe(
    "The shared upstream budget per upstream; null when the budget object is not bound or reachable.",
  );
export type BudgetView = z.infer<typeof BudgetView>;
