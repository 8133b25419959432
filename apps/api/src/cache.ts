import { sha256Hex } from "@doffin/core";
import { z } from "zod";

/**
 * The typed KV cache in front of Doffin. Entries carry their own freshness so one KV read decides
 * hit / stale-while-revalidate / stale-if-error; concurrent identical misses in one isolate share a
 * single upstream call; a small in-isolate LRU keeps hot entries off KV's read path.
 */

export const CACHE_ENTRY_VERSION = 1;
/** KV refuses an `expirationTtl` below 60 s. */
export const KV_MIN_TTL_SECONDS = 60;

export const CacheEntry = z.object({
  v: z.literal(CACHE_ENTRY_VERSION),
  /** Epoch ms when the body was fetched from upstream. */
  storedAt: z.number(),
  freshUntil: z.number(),
  /** Past this the entry is never served, not even when Doffin is down. */
  staleUntil: z.number(),
  /** Strong ETag over `body`, quoted. */
  etag: z.string(),
  /** 200 = a body to serve; 404 = a negative entry (unknown notice id). */
  status: z.union([z.literal(200), z.literal(404)]),
  body: z.string(),
});
export type CacheEntry = z.infer<typeof CacheEntry>;

export type CachePolicy = {
  freshSeconds: number;
  /** Window past freshness in which the stale entry is served while `waitUntil` refreshes it. */
  staleWhileRevalidateSeconds: number;
  /** Window past freshness in which a stale entry stands in for a failed refresh. */
  staleIfErrorSeconds: number;
};

/** What a loader hands back: the serialized body, and 404 for a negative entry. */
export type Loaded = { status: 200 | 404; body: string; freshSeconds?: number };

/**
 * How the answer was obtained (→ RFC 9211 Cache-Status):
 * hit: fresh entry · miss: fetched now · coalesced: joined another request's fetch ·
 * stale: stale entry served, refresh running in the background · revalidated: stale entry refreshed
 * before answering · stale-if-error: refresh failed, stale entry served.
 */
export type CacheOutcome = "hit" | "miss" | "coalesced" | "stale" | "revalidated" | "stale-if-error";

export type CacheResult = { entry: CacheEntry; outcome: CacheOutcome };

export type CacheDeps = {
  kv: KVNamespace;
  now: () => number;
  /** Entries kept in isolate memory (0 disables). */
  memoryEntries?: number;
  log?: (msg: string, fields: Record<string, unknown>) => void;
  /** Resolves when the request may load from upstream, throws when it may not (the rate-limit verdict). */
  admit?: () => Promise<void>;
  /** Cross-isolate coalescing of a miss (upstream/miss-lease.ts); absent: every isolate loads for itself. */
  missLease?: (key: string) => Promise<MissLeaseAnswer>;
};

/**
 * Whether this isolate loads a missed key (then `done()` once its KV write has landed, or its load
 * failed; `recent`: another isolate finished it moments ago, so read KV first) or another isolate did
 * while this one waited (then the entry is in KV, or the wait timed out).
 */
export type MissLeaseAnswer = { load: true; done: () => Promise<void>; recent?: boolean } | { load: false };

export type Cache = {
  get(
    key: string,
    policy: CachePolicy,
    load: () => Promise<Loaded>,
    waitUntil: (p: Promise<unknown>) => void,
  ): Promise<CacheResult>;
  /** Number of loads currently in flight (for tests and /health). */
  inFlight(): number;
};

/** Strong ETag over the exact bytes served. */
export async function etagOf(body: string): Promise<string> {
  return `"${(await sha256Hex(body)).slice(0, 32)}"`;
}

export const cacheKeys = {
  search: async (canonicalQuery: string) => `search:v1:${await sha256Hex(canonicalQuery)}`,
  notice: (id: string) => `notice:v1:${id}`,
  codes: (what: string) => `codes:v1:${what}`,
  jobSearch: async (canonicalQuery: string) => `jobs:v1:${await sha256Hex(canonicalQuery)}`,
  job: (uuid: string) => `job:v1:${uuid.toLowerCase()}`,
};

export function createCache(deps: CacheDeps): Cache {
  const { kv, now } = deps;
  const log = deps.log ?? ((msg, fields) => console.warn(JSON.stringify({ msg, ...fields })));
  const memoryLimit = deps.memoryEntries ?? 256;
  const memory = new Map<string, CacheEntry>();
  const inflight = new Map<string, Promise<CacheEntry>>();
  // Before a load takes its slot in `inflight`: a load a refused request started would fail everyone
  // who joined it.
  const admit = async () => {
    await deps.admit?.();
  };
  /** Entries another isolate loaded while this one waited (reported as coalesced). */
  const fromElsewhere = new WeakSet<CacheEntry>();
  const crossIsolate = async (key: string): Promise<MissLeaseAnswer> => {
    if (!deps.missLease) return { load: true, done: async () => undefined };
    try {
      return await deps.missLease(key);
    } catch (err) {
      // Coordination is an optimisation: when the lease holder cannot be reached, load as before.
      log("miss lease failed", { key, error: String(err) });
      return { load: true, done: async () => undefined };
    }
  };

  const remember = (key: string, entry: CacheEntry) => {
    if (memoryLimit <= 0) return;
    memory.delete(key);
    memory.set(key, entry);
    if (memory.size > memoryLimit) {
      const oldest = memory.keys().next();
      if (!oldest.done) memory.delete(oldest.value);
    }
  };

  const freshInMemory = (key: string): CacheEntry | undefined => {
    const entry = memory.get(key);
    if (!entry) return undefined;
    if (now() < entry.freshUntil) return entry;
    memory.delete(key);
    return undefined;
  };

  const readKv = async (key: string): Promise<CacheEntry | undefined> => {
    try {
      const parsed = CacheEntry.safeParse(await kv.get(key, "json"));
      return parsed.success ? parsed.data : undefined;
    } catch (err) {
      // A KV hiccup must not take the API down: treat it as a miss.
      log("cache read failed", { key, error: String(err) });
      return undefined;
    }
  };

  /** One upstream load per key per isolate; everyone asking meanwhile gets the same promise. */
  const refresh = (
    key: string,
    policy: CachePolicy,
    load: () => Promise<Loaded>,
    waitUntil: (p: Promise<unknown>) => void,
  ): Promise<CacheEntry> => {
    const running = inflight.get(key);
    if (running) return running;
    const promise = (async () => {
      const lease = await crossIsolate(key);
      const done = lease.load ? lease.done : async () => undefined;
      if (!lease.load || lease.recent) {
        // Another isolate loaded it while we waited for the lease — or, when we got it, just before we
        // asked (its whole load fitted between our KV read and our request): its KV write is what we wanted.
        const stored = await readKv(key);
        if (stored && now() < stored.freshUntil) {
          waitUntil(done());
          remember(key, stored);
          fromElsewhere.add(stored);
          return stored;
        }
      }
      let loaded: Loaded;
      try {
        loaded = await load();
      } catch (err) {
        waitUntil(done());
        throw err;
      }
      const storedAt = now();
      const freshUntil = storedAt + (loaded.freshSeconds ?? policy.freshSeconds) * 1000;
      const staleWindow =
        loaded.status === 200
          ? Math.max(policy.staleWhileRevalidateSeconds, policy.staleIfErrorSeconds) * 1000
          : 0;
      const entry: CacheEntry = {
        v: CACHE_ENTRY_VERSION,
        storedAt,
        freshUntil,
        staleUntil: freshUntil + staleWindow,
        etag: await etagOf(loaded.body),
        status: loaded.status,
        body: loaded.body,
      };
      remember(key, entry);
      const ttl = Math.max(KV_MIN_TTL_SECONDS, Math.ceil((entry.staleUntil - storedAt) / 1000));
      waitUntil(
        kv
          .put(key, JSON.stringify(entry), { expirationTtl: ttl })
          .catch((err: unknown) => log("cache write failed", { key, error: String(err) }))
          // Waiters in other isolates read KV when the lease ends: end it once the entry is there.
          .then(done),
      );
      return entry;
    })();
    inflight.set(key, promise);
    // Clear the slot whichever way it ends; the caller handles the rejection.
    promise.then(
      () => inflight.delete(key),
      () => inflight.delete(key),
    );
    return promise;
  };

  return {
    inFlight: () => inflight.size,
    async get(key, policy, load, waitUntil) {
      const hot = freshInMemory(key);
      if (hot) return { entry: hot, outcome: "hit" };
      const running = inflight.get(key);
      if (running) return { entry: await running, outcome: "coalesced" };

      const stored = await readKv(key);
      // Another request of this isolate may have started or finished a load while KV answered.
      const joined = inflight.get(key);
      if (joined) return { entry: await joined, outcome: "coalesced" };
      const hotNow = freshInMemory(key);
      if (hotNow) return { entry: hotNow, outcome: "hit" };

      const t = now();
      if (stored && t < stored.freshUntil) {
        remember(key, stored);
        return { entry: stored, outcome: "hit" };
      }
      if (stored && t < stored.staleUntil && stored.status === 200) {
        if (t < stored.freshUntil + policy.staleWhileRevalidateSeconds * 1000) {
          waitUntil(
            admit()
              .then(() => refresh(key, policy, load, waitUntil))
              .catch((err: unknown) => log("background revalidation failed", { key, error: String(err) })),
          );
          return { entry: stored, outcome: "stale" };
        }
        try {
          await admit();
          return { entry: await refresh(key, policy, load, waitUntil), outcome: "revalidated" };
        } catch (err) {
          if (t < stored.freshUntil + policy.staleIfErrorSeconds * 1000) {
            log("serving stale after upstream failure", { key, error: String(err) });
            return { entry: stored, outcome: "stale-if-error" };
          }
          throw err;
        }
      }
      await admit();
      // Admission may have waited (the rate-limit verdict): someone else may have started the load.
      const late = inflight.get(key);
      if (late) return { entry: await late, outcome: "coalesced" };
      const entry = await refresh(key, policy, load, waitUntil);
      return { entry, outcome: fromElsewhere.has(entry) ? "coalesced" : "miss" };
    },
  };
}
