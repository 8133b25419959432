import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { readConfig } from "../src/config";
import { createUpstreamSource } from "../src/upstream/source";
import { callApp, emulator, emulatorUrl, expectEnvelope } from "./helpers";

/**
 * The shared upstream budget (one Durable Object) against the emulator's real rate limit. vitest.config
 * sets the budget to 10 tokens per 2.5 s with 4 kept for interactive calls; the emulator allows 10 per
 * 2 s, so one budget window covers one upstream window plus the grant-to-arrival time.
 */
const LIMIT = 10;
const RESERVE = 4;
const WINDOW_MS = 2_500;

const bindings = (extra: Record<string, string> = {}) => ({
  ...env,
  UPSTREAM_BASE_URL: emulatorUrl(),
  ...extra,
});

type Stats = { total: number; rateLimited: number };
const stats = async (): Promise<Stats> => (await fetch(`${emulatorUrl()}/_emulator/stats`)).json();

const call = (app: ReturnType<typeof createApp>, path: string, b = bindings()) => callApp(app, path, b);

/** `n` distinct notice ids, so every request is a cache miss. */
const noticeIds = async (n: number): Promise<string[]> => {
  const res = await fetch(`${emulatorUrl()}/webclient/api/v2/search-api/search`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ numHitsPerPage: n, page: 3, searchString: "", facets: {} }),
  });
  return ((await res.json()) as { hits: { id: string }[] }).hits.map((h) => h.id);
};

/** Every budget token of the previous test is back. */
const fullBucket = () => new Promise((r) => setTimeout(r, WINDOW_MS + 100));

/** The emulator's limit on, with an empty window (the test's own look-ups count there too), and zeroed stats. */
const armUpstream = async () => {
  await emulator.rateLimit({ enabled: true, limit: LIMIT, windowMs: 2_000 });
  await emulator.resetStats();
};

beforeEach(async () => {
  await emulator.clearFaults();
  await emulator.rateLimit({ enabled: false });
  await fullBucket();
});
afterEach(async () => {
  await emulator.rateLimit({ enabled: false });
});

describe("shared upstream budget", () => {
  it("holds under concurrent misses from two apps (two isolates' worth of caches): never an upstream 429", async () => {
    const ids = await noticeIds(24);
    await armUpstream();
    // A deadline shorter than the budget window: a refused request answers at once (no wait fits).
    const b = bindings({ REQUEST_DEADLINE_MS: "2000" });
    const [a, c] = [createApp(), createApp()];
    const results = await Promise.all(ids.map((id, i) => call(i % 2 ? a : c, `/v1/notices/${id}`, b)));
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(ok).toHaveLength(LIMIT);
    for (const res of refused) {
      await expectEnvelope(res, 503, "upstream_unavailable");
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    const s = await stats();
    expect(s.total).toBeLessThanOrEqual(LIMIT);
    expect(s.rateLimited).toBe(0);
  });

  it("gives interactive requests priority over a running sweep, which still finishes", async () => {
    const ids = await noticeIds(RESERVE);
    await armUpstream();
    const config = readConfig(bindings() as unknown as Record<string, unknown>);
    const sweepSource = createUpstreamSource(config, fetch, env, { priority: "background" });
    const sweepPages = 8;
    const sweep = Promise.all(
      Array.from({ length: sweepPages }, (_, i) => sweepSource.search({ page: i + 1, limit: 5 })),
    );
    // Wait until the sweep has taken its share (limit − reserve) and is waiting for more.
    for (let i = 0; i < 50 && (await stats()).total < LIMIT - RESERVE; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await stats()).total).toBe(LIMIT - RESERVE);
    const app = createApp();
    // A deadline shorter than the budget window: users cannot wait for the sweep's tokens to come back,
    // so they get through only because of the reserve.
    const b = bindings({ REQUEST_DEADLINE_MS: "2000" });
    const users = await Promise.all(ids.map((id) => call(app, `/v1/notices/${id}`, b)));
    expect(users.map((r) => r.status)).toEqual(ids.map(() => 200));
    const pages = await sweep;
    expect(pages).toHaveLength(sweepPages);
    const s = await stats();
    expect(s.rateLimited).toBe(0);
    expect(s.total).toBe(LIMIT - RESERVE + RESERVE + (sweepPages - (LIMIT - RESERVE)));
  });

  it("shows the budget in /health", async () => {
    const res = await call(createApp(), "/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      budget: Record<string, { limit: number; reserve: number; left: number }>;
    };
    expect(body.budget["doffin-webclient"]).toMatchObject({
      limit: LIMIT,
      reserve: RESERVE,
      windowMs: WINDOW_MS,
    });
    expect(body.budget.nav).toMatchObject({ limit: 1 });
  });
});
