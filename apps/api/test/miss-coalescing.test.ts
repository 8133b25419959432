import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { LEASE_MS, MissLeases } from "../src/upstream/miss-leases";
import { createUpstreamSource } from "../src/upstream/source";
import { callApp, emulator, emulatorUrl } from "./helpers";

/**
 * Identical cache misses in different isolates make one upstream call: the first takes a lease in the
 * budget object and loads, the others wait for its KV write (src/upstream/miss-lease*.ts). Two apps
 * stand for two isolates: each has its own in-isolate coalescing and memory cache, as in budget.test.ts.
 */
const bindings = { ...env, UPSTREAM_BASE_URL: emulatorUrl() };
const call = (app: ReturnType<typeof createApp>, path: string) => callApp(app, path, bindings);
const searches = async () => (await emulator.stats()).byRoute["webclient.search"] ?? 0;

beforeEach(async () => {
  await emulator.clearFaults();
  await emulator.rateLimit({ enabled: false });
  await emulator.resetStats();
});

describe("identical misses across isolates", () => {
  it("N concurrent identical misses from two apps: the emulator sees one request", async () => {
    const [a, b] = [createApp(), createApp()];
    const path = `/v1/notices?q=${encodeURIComponent(`lease ${crypto.randomUUID()}`)}&limit=4`;
    const n = 12;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => call(i % 2 ? a : b, path)));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    expect(new Set(results.map((r) => r.headers.get("etag"))).size).toBe(1);
    const statuses = results.map((r) => r.headers.get("cache-status") ?? "");
    expect(statuses.filter((s) => s.includes("fwd=miss; stored"))).toHaveLength(1);
    expect(await searches()).toBe(1);
  });

  it("when the load fails, the waiters are woken and load for themselves (no wait to the deadline)", async () => {
    // One attempt each: the holder's one request meets the fault, the waiter's own load does not.
    const once = () =>
      createApp({
        source: (config, fetchImpl, e) =>
          createUpstreamSource(config, fetchImpl, e, {
            retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
          }),
      });
    const [a, b] = [once(), once()];
    const path = `/v1/notices?q=${encodeURIComponent(`lease-fail ${crypto.randomUUID()}`)}&limit=4`;
    await emulator.fault({ route: "webclient.search", kind: "status", status: 500, times: 1 });
    const started = Date.now();
    const [first, second] = await Promise.all([call(a, path), call(b, path)]);
    const statuses = [first.status, second.status].sort();
    // One got the failure (502), the other was woken by its release and loaded itself.
    expect(statuses).toEqual([200, 502]);
    expect(Date.now() - started).toBeLessThan(LEASE_MS);
    expect(await searches()).toBe(2);
  });
});

describe("MissLeases (the object's lease table)", () => {
  it("grants the first holder, makes the second wait for the release, ignores a stranger's release", async () => {
    let t = 1_000;
    const leases = new MissLeases(() => t);
    expect(await leases.acquire("k", "a", 1_000)).toEqual({ held: true, recent: false });
    const waiting = leases.acquire("k", "b", 1_000);
    leases.release("k", "stranger");
    expect(leases.size()).toBe(1);
    leases.release("k", "a");
    expect(await waiting).toEqual({ held: false, released: true });
    expect(leases.size()).toBe(0);
    // Just released: the next holder is told to look in KV first.
    expect(await leases.acquire("k", "c", 0)).toEqual({ held: true, recent: true });
    // An expired lease is taken over by the next asker (and its end counts as recent).
    t += LEASE_MS;
    expect(await leases.acquire("k", "d", 0)).toEqual({ held: true, recent: true });
    leases.release("k", "d");
    t += LEASE_MS;
    expect(await leases.acquire("k", "e", 0)).toEqual({ held: true, recent: false });
  });

  it("a waiter's wait is bounded by its own maxWaitMs", async () => {
    const leases = new MissLeases();
    await leases.acquire("k", "a", 0);
    const started = Date.now();
    expect(await leases.acquire("k", "b", 50)).toEqual({ held: false, released: false });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
