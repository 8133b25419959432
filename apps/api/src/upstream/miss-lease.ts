import { currentDeadline } from "@doffin/http";
import type { MissLeaseAnswer } from "../cache";
import { LEASE_MS } from "./miss-leases";
import { budgetOf } from "./source";

/**
 * The cache's cross-isolate coalescing (`CacheDeps.missLease`) through the budget object: undefined
 * when the Worker runs without the `BUDGET` binding. A waiter waits at most half of what is left of its
 * request's deadline (and at most a lease), so it still has time to load for itself if nothing came.
 * @example createCache({ kv, now, missLease: missLeaseOf(env) })
 */
export function missLeaseOf(env: Env): ((key: string) => Promise<MissLeaseAnswer>) | undefined {
  if (!budgetOf(env)) return undefined;
  // A stub per call, as in source.ts: one made during another request cannot be used in this one.
  const budget = () => budgetOf(env) as NonNullable<ReturnType<typeof budgetOf>>;
  return async (key) => {
    const holder = crypto.randomUUID();
    const now = Date.now();
    const left = (currentDeadline() ?? now + 2 * LEASE_MS) - now;
    const maxWaitMs = Math.max(0, Math.min(LEASE_MS, Math.floor(left / 2)));
    const answer = await budget().acquireMiss(key, holder, maxWaitMs);
    if (!answer.held) return { load: false };
    return {
      load: true,
      recent: answer.recent,
      done: () =>
        budget()
          .releaseMiss(key, holder)
          .catch(() => undefined),
    };
  };
}
