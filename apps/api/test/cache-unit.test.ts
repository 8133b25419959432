import { describe, expect, it } from "vitest";
import { CacheEntry, type CachePolicy, createCache, etagOf, KV_MIN_TTL_SECONDS } from "../src/cache";

/** A KV double that records writes and can be told to fail reads. */
function recordingKv(opts: { failReads?: boolean } = {}) {
  const store = new Map<string, string>();
  const puts: { key: string; ttl: number | undefined }[] = [];
  const kv = {
    async get(key: string) {
      if (opts.failReads) throw new Error("KV is having a bad day");
      const v = store.get(key);
      return v === undefined ? null : JSON.parse(v);
    },
    async put(key: string, value: string, o?: { expirationTtl?: number }) {
      puts.push({ key, ttl: o?.expirationTtl });
      store.set(key, value);
    },
  };
  return { kv: kv as unknown as KVNamespace, store, puts };
}

const policy: CachePolicy = { freshSeconds: 10, staleWhileRevalidateSeconds: 5, staleIfErrorSeconds: 20 };

async function settle(pending: Promise<unknown>[]) {
  await Promise.allSettled(pending);
}

describe("createCache", () => {
  it("stores the documented entry shape with a strong ETag and an expirationTtl of at least 60 s", async () => {
    const { kv, store, puts } = recordingKv();
    const t = 1_000_000;
    const cache = createCache({ kv, now: () => t });
    const pending: Promise<unknown>[] = [];
    await cache.get(
      "search:v1:x",
      policy,
      async () => ({ status: 200, body: '{"a":1}' }),
      (p) => void pending.push(p),
    );
    await settle(pending);
    const entry = CacheEntry.parse(JSON.parse(store.get("search:v1:x") ?? "null"));
    expect(entry).toEqual({
      v: 1,
      storedAt: t,
      freshUntil: t + 10_000,
      staleUntil: t + 30_000,
      etag: await etagOf('{"a":1}'),
      status: 200,
      body: '{"a":1}',
    });
    expect(puts).toEqual([{ key: "search:v1:x", ttl: KV_MIN_TTL_SECONDS }]);
  });

  it("uses the stale window as the KV TTL when it is longer than a minute", async () => {
    const { kv, puts } = recordingKv();
    const cache = createCache({ kv, now: () => 0 });
    const pending: Promise<unknown>[] = [];
    const long = { freshSeconds: 300, staleWhileRevalidateSeconds: 600, staleIfErrorSeconds: 86_400 };
    await cache.get(
      "k",
      long,
      async () => ({ status: 200, body: "{}" }),
      (p) => void pending.push(p),
    );
    await settle(pending);
    expect(puts[0]?.ttl).toBe(300 + 86_400);
  });

  it("keeps negative entries only for their own short TTL, never stale", async () => {
    const { kv, store } = recordingKv();
    let t = 0;
    const cache = createCache({ kv, now: () => t, memoryEntries: 0 });
    const pending: Promise<unknown>[] = [];
    const load = async () => ({ status: 404 as const, body: "", freshSeconds: 3 });
    await cache.get("notice:v1:1", policy, load, (p) => void pending.push(p));
    await settle(pending);
    const entry = CacheEntry.parse(JSON.parse(store.get("notice:v1:1") ?? "null"));
    expect(entry.staleUntil).toBe(entry.freshUntil);
    t = 4_000;
    let loads = 0;
    const r = await cache.get(
      "notice:v1:1",
      policy,
      async () => {
        loads += 1;
        return { status: 404, body: "" };
      },
      () => {},
    );
    expect(r.outcome).toBe("miss");
    expect(loads).toBe(1);
  });

  it("treats a failing KV read as a miss instead of an error", async () => {
    const { kv } = recordingKv({ failReads: true });
    const cache = createCache({ kv, now: () => 0, log: () => {} });
    const r = await cache.get(
      "k",
      policy,
      async () => ({ status: 200, body: "[]" }),
      () => {},
    );
    expect(r.outcome).toBe("miss");
    expect(r.entry.body).toBe("[]");
  });

  it("frees the in-flight slot when a load fails, so the next request tries again", async () => {
    const { kv } = recordingKv();
    const cache = createCache({ kv, now: () => 0 });
    await expect(
      cache.get(
        "k",
        policy,
        async () => Promise.reject(new Error("upstream down")),
        () => {},
      ),
    ).rejects.toThrow("upstream down");
    expect(cache.inFlight()).toBe(0);
    const r = await cache.get(
      "k",
      policy,
      async () => ({ status: 200, body: "1" }),
      () => {},
    );
    expect(r.outcome).toBe("miss");
  });

  it("rethrows when the entry is older than the stale-if-error window", async () => {
    const { kv } = recordingKv();
    let t = 0;
    const cache = createCache({ kv, now: () => t, memoryEntries: 0, log: () => {} });
    const pending: Promise<unknown>[] = [];
    await cache.get(
      "k",
      policy,
      async () => ({ status: 200, body: "1" }),
      (p) => void pending.push(p),
    );
    await settle(pending);
    t = (10 + 19) * 1000; // inside stale-if-error (20 s past fresh)
    const stale = await cache.get(
      "k",
      policy,
      async () => Promise.reject(new Error("down")),
      () => {},
    );
    expect(stale.outcome).toBe("stale-if-error");
    t = (10 + 21) * 1000;
    await expect(
      cache.get(
        "k",
        policy,
        async () => Promise.reject(new Error("down")),
        () => {},
      ),
    ).rejects.toThrow("down");
  });
});
