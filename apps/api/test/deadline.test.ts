import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { emulator, emulatorUrl, expectEnvelope, testClock } from "./helpers";

/**
 * The request deadline end to end: the production source (createUpstreamSource: 3 attempts, the
 * configured timeout, the shared budget) against the emulator's fault injection. Bounds, not benchmarks:
 * each answer must come within the deadline plus a small margin for workerd and KV.
 */
const DEADLINE_MS = 1_500;
const MARGIN_MS = 400;

const bindings = () => ({
  ...env,
  UPSTREAM_BASE_URL: emulatorUrl(),
  UPSTREAM_TIMEOUT_MS: "5000",
  REQUEST_DEADLINE_MS: String(DEADLINE_MS),
});

const timed = async (app: ReturnType<typeof createApp>, path: string, b = bindings()) => {
  const ctx = createExecutionContext();
  const started = Date.now();
  const res = await app.request(path, {}, b, ctx);
  const elapsed = Date.now() - started;
  await waitOnExecutionContext(ctx);
  return { res, elapsed };
};

beforeEach(async () => {
  await emulator.clearFaults();
  await emulator.rateLimit({ enabled: false });
});
afterEach(async () => {
  await emulator.clearFaults();
  await emulator.rateLimit({ enabled: false });
});

describe("request deadline (REQUEST_DEADLINE_MS)", () => {
  it("answers 504 within the deadline when Doffin hangs, instead of timeout × retries", async () => {
    const id = await emulator.someNoticeId();
    await emulator.fault({ route: "webclient.notice", kind: "timeout", latencyMs: 20_000 });
    const { res, elapsed } = await timed(createApp(), `/v1/notices/${id}`);
    await expectEnvelope(res, 504, "upstream_timeout");
    expect(elapsed).toBeLessThan(DEADLINE_MS + MARGIN_MS);
  });

  it("answers a Retry-After longer than the deadline at once as our 429 with that Retry-After", async () => {
    const id = await emulator.someNoticeId();
    await emulator.rateLimit({ enabled: true, limit: 1, windowMs: 60_000, retryAfterSeconds: 30 });
    await fetch(`${emulatorUrl()}/webclient/api/v2/search-api/search`, { method: "POST", body: "{}" });
    const { res, elapsed } = await timed(createApp(), `/v1/notices/${id}`);
    await expectEnvelope(res, 429, "rate_limited");
    expect(res.headers.get("retry-after")).toBe("30");
    expect(elapsed).toBeLessThan(DEADLINE_MS + MARGIN_MS);
  });

  it("serves the stale copy instead when the cache has one", async () => {
    const id = await emulator.someNoticeId();
    const clock = testClock(Date.parse("2031-05-01T12:00:00Z"));
    const app = createApp({ now: clock.now });
    const first = await timed(app, `/v1/notices/${id}`);
    expect(first.res.status).toBe(200);
    // Past fresh (1 h) and stale-while-revalidate (10 min): the refresh is awaited, so it must fail over.
    clock.advance(3600 + 601);
    await emulator.rateLimit({ enabled: true, limit: 1, windowMs: 60_000, retryAfterSeconds: 30 });
    await fetch(`${emulatorUrl()}/webclient/api/v2/search-api/search`, { method: "POST", body: "{}" });
    const { res, elapsed } = await timed(app, `/v1/notices/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-status")).toContain("stale");
    expect(((await res.json()) as { id: string }).id).toBe(id);
    expect(elapsed).toBeLessThan(DEADLINE_MS + MARGIN_MS);
  });

  it("bounds a slow upstream that answers after the deadline the same way", async () => {
    await emulator.fault({ route: "webclient.search", kind: "latency", latencyMs: 4_000 });
    const { res, elapsed } = await timed(createApp(), "/v1/notices?q=deadline-latency");
    await expectEnvelope(res, 504, "upstream_timeout");
    expect(elapsed).toBeLessThan(DEADLINE_MS + MARGIN_MS);
  });
});
