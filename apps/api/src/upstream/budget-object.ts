import { DurableObject } from "cloudflare:workers";
import type { BudgetGrant, BudgetPriority } from "@doffin/core";
import {
  type BucketRule,
  type BucketState,
  type BucketView,
  emptyBucket,
  rulesFrom,
  take,
  UPSTREAMS,
  type UpstreamName,
  view,
} from "./budget-rules";
import { type LeaseAnswer, MissLeases } from "./miss-leases";

export type BudgetSnapshot = Record<UpstreamName, BucketView>;

/**
 * The shared upstream budget: one Durable Object holding a token bucket per upstream, reached over RPC
 * by the API (interactive) and the tracker (background) — see the README's "Upstream budget" note —
 * and the short per-key leases that coalesce identical cache misses across isolates (miss-leases.ts).
 * State is in memory on purpose: tokens live for one window, and the object is only evicted after it
 * has been idle for longer than that, when every bucket is full again anyway.
 */
export class UpstreamBudget extends DurableObject<Env> {
  private readonly buckets = new Map<UpstreamName, BucketState>();
  private rules: Record<UpstreamName, BucketRule> | undefined;
  private readonly leases = new MissLeases();

  private ruleOf(upstream: UpstreamName): BucketRule {
    this.rules ??= rulesFrom(this.env as unknown as Record<string, unknown>);
    return this.rules[upstream];
  }

  private bucket(upstream: UpstreamName): BucketState {
    let state = this.buckets.get(upstream);
    if (!state) {
      state = emptyBucket();
      this.buckets.set(upstream, state);
    }
    return state;
  }

  /** One token for one upstream attempt, or how long until one is free for this priority. */
  async take(upstream: UpstreamName, priority: BudgetPriority): Promise<BudgetGrant> {
    if (!UPSTREAMS.includes(upstream)) throw new Error(`unknown upstream ${String(upstream)}`);
    return take(this.bucket(upstream), this.ruleOf(upstream), priority, Date.now());
  }

  /** The lease to load cache key `key` from upstream, or a bounded wait for its holder (miss-leases.ts). */
  async acquireMiss(key: string, holder: string, maxWaitMs: number): Promise<LeaseAnswer> {
    return this.leases.acquire(key, holder, maxWaitMs);
  }

  /** The holder is done (its KV write landed, or its load failed): waiters read KV now. */
  async releaseMiss(key: string, holder: string): Promise<void> {
    this.leases.release(key, holder);
  }

  /** Every bucket as /health shows it. */
  async snapshot(): Promise<BudgetSnapshot> {
    const now = Date.now();
    return Object.fromEntries(
      UPSTREAMS.map((u) => [u, view(this.bucket(u), this.ruleOf(u), now)]),
    ) as BudgetSnapshot;
  }
}
