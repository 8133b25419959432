/**
 * Short leases per cache key, held in the upstream budget object, so identical cache misses in
 * different isolates make one upstream call: the first isolate to ask gets the lease and loads; the
 * others wait (one RPC, no polling) until it is released — after the winner's KV write — or expires, then
 * read KV; only if there is still nothing there do they load themselves. The wait is bounded by the
 * caller, so a stuck holder costs a waiter at most that bound, never its request's deadline.
 */

/** How long a lease holds when its holder never releases it (its isolate died, its load hangs). */
export const LEASE_MS = 5_000;
/** Leases kept before expired ones are swept (a burst of distinct misses must not grow the map forever). */
const SWEEP_AT = 1_000;

/**
 * `held`: load it; `recent` says a holder finished this key moments ago (its entry may be in KV already:
 * read KV first — the whole load of another isolate can fit between a miss's KV read and its lease).
 * Not held: another isolate was loading; it `released` (done) or the wait ran out.
 */
export type LeaseAnswer = { held: true; recent: boolean } | { held: false; released: boolean };

type Lease = { holder: string; until: number; waiters: (() => void)[] };

export class MissLeases {
  private readonly leases = new Map<string, Lease>();
  /** When each key's last lease ended (for `recent`), kept for one LEASE_MS. */
  private readonly ended = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * The lease on `key` for `holder`, or — when another holder has it — a wait of at most `maxWaitMs` for
   * its release (`released: true`) or expiry (`released: false`).
   */
  async acquire(key: string, holder: string, maxWaitMs: number): Promise<LeaseAnswer> {
    const now = this.now();
    if (this.leases.size >= SWEEP_AT) for (const [k, l] of this.leases) if (l.until <= now) this.free(k, l);
    if (this.ended.size >= SWEEP_AT)
      for (const [k, at] of this.ended) if (at <= now - LEASE_MS) this.ended.delete(k);
    const current = this.leases.get(key);
    if (!current || current.until <= now) {
      if (current) this.free(key, current);
      this.leases.set(key, { holder, until: now + LEASE_MS, waiters: [] });
      const endedAt = this.ended.get(key);
      return { held: true, recent: endedAt !== undefined && endedAt > now - LEASE_MS };
    }
    const wait = Math.max(0, Math.min(maxWaitMs, current.until - now));
    const released = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), wait);
      current.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    return { held: false, released };
  }

  /** Ends `holder`'s lease on `key` (a stale holder cannot end a newer one) and wakes its waiters. */
  release(key: string, holder: string): void {
    const current = this.leases.get(key);
    if (current?.holder === holder) this.free(key, current);
  }

  /** Leases currently held (for tests). */
  size(): number {
    return this.leases.size;
  }

  private free(key: string, lease: Lease): void {
    this.leases.delete(key);
    this.ended.set(key, this.now());
    for (const wake of lease.waiters) wake();
  }
}
