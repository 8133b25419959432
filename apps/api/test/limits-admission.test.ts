import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { emulator, emulatorApp, expectEnvelope } from "./helpers";
import { awayFromWindowEdge, OPERATOR, sfItem } from "./keys-helpers";

/**
 * Reads run while the limiter is asked (src/middleware/admission.ts). These pin down what that must not
 * change: a refused read gets the same 429 with its headers, and nothing it would have done outside the
 * isolate happens — no upstream call, no budget, no KV write, no sibling Worker.
 */
const { call } = emulatorApp();
const limited = {
  ...env,
  CLIENT_IP_SOURCE: "x-forwarded-for",
  ANON_LIMITER: env.TEST_ANON_LIMITER,
  ANON_RATE_LIMIT: env.TEST_ANON_RATE_LIMIT,
};
const quota = Number(env.TEST_ANON_RATE_LIMIT);
const freshIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250)).join(".")}`;
const uniqueQuery = () => `/v1/notices?q=${encodeURIComponent(`admission ${crypto.randomUUID()}`)}&limit=3`;

/** Uses up an IP's anonymous quota on a route that needs no upstream. */
async function exhaust(ip: string, bindings: object = limited): Promise<void> {
  for (let i = 0; i < quota; i++) {
    const res = await call("/v1/codes/locations", { headers: { "x-forwarded-for": ip } }, bindings);
    expect(res.status).toBe(200);
  }
}

beforeEach(async () => {
  await awayFromWindowEdge();
  await emulator.clearFaults();
  await emulator.resetStats();
});

describe("reads answered while the rate limit is asked", () => {
  it("a refused cache miss is our 429 and never reaches Doffin or the cache", async () => {
    const ip = freshIp();
    await exhaust(ip);
    const path = uniqueQuery();
    const res = await call(path, { headers: { "x-forwarded-for": ip } }, limited);
    await expectEnvelope(res, 429, "rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("ratelimit-policy")).toBe(`"anon";q=${quota};w=60`);
    expect(sfItem(res.headers.get("ratelimit")).params.r).toBe(0);
    expect(res.headers.get("cache-status")).toBeNull();
    expect((await emulator.stats()).total).toBe(0);
    // Nothing was stored: another client's first ask of the same query is a miss that goes upstream.
    const other = await call(path, { headers: { "x-forwarded-for": freshIp() } }, limited);
    expect(other.status).toBe(200);
    expect(other.headers.get("cache-status")).toBe("doffin-gateway; fwd=miss; stored");
    expect((await emulator.stats()).total).toBe(1);
  });

  it("a refused cache hit is the same 429, not the cached body or its validators", async () => {
    const path = uniqueQuery();
    expect((await call(path, { headers: { "x-forwarded-for": freshIp() } }, limited)).status).toBe(200);
    const ip = freshIp();
    await exhaust(ip);
    const res = await call(path, { headers: { "x-forwarded-for": ip } }, limited);
    await expectEnvelope(res, 429, "rate_limited");
    expect(res.headers.get("etag")).toBeNull();
    expect(res.headers.get("cache-status")).toBeNull();
    expect(res.headers.get("ratelimit")).toMatch(/^"anon";r=0;t=\d+$/);
  });

  it("an allowed cache hit still carries the RateLimit headers with the count", async () => {
    const path = uniqueQuery();
    const ip = freshIp();
    expect((await call(path, { headers: { "x-forwarded-for": ip } }, limited)).status).toBe(200);
    const hit = await call(path, { headers: { "x-forwarded-for": ip } }, limited);
    expect(hit.status).toBe(200);
    expect(hit.headers.get("cache-status")).toMatch(/; hit;/);
    expect(sfItem(hit.headers.get("ratelimit")).params.r).toBe(quota - 2);
  });

  it("a refused read of a forwarded route never reaches the sibling Worker", async () => {
    let forwarded = 0;
    const bindings = {
      ...limited,
      TRACKER: {
        fetch: async () => {
          forwarded += 1;
          return Response.json({ ok: true });
        },
      },
    };
    const ip = freshIp();
    await exhaust(ip, bindings);
    const res = await call("/v1/changes?limit=1", { headers: { "x-forwarded-for": ip } }, bindings);
    await expectEnvelope(res, 429, "rate_limited");
    expect(forwarded).toBe(0);
    const allowed = await call(
      "/v1/changes?limit=1",
      { headers: { "x-forwarded-for": freshIp() } },
      bindings,
    );
    expect(allowed.status).toBe(200);
    expect(forwarded).toBe(1);
  });

  it("a refused key listing (a read that writes an audit row) writes nothing", async () => {
    const count = async () =>
      (
        await env.KEYS_DB.prepare("SELECT COUNT(*) AS n FROM key_audit WHERE action = 'list'").first<{
          n: number;
        }>()
      )?.n ?? 0;
    const before = await count();
    const ip = freshIp();
    await exhaust(ip);
    const res = await call("/v1/admin/keys", { headers: { ...OPERATOR, "x-forwarded-for": ip } }, limited);
    await expectEnvelope(res, 429, "rate_limited");
    expect(await count()).toBe(before);
    const allowed = await call(
      "/v1/admin/keys",
      { headers: { ...OPERATOR, "x-forwarded-for": freshIp() } },
      limited,
    );
    expect(allowed.status).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it("a refused write waits for the verdict: 429, the feedback Worker is not called", async () => {
    // The test config's FEEDBACK binding throws: reaching it would be a 503, not a 429.
    const ip = freshIp();
    await exhaust(ip);
    const res = await call(
      "/v1/feedback",
      {
        method: "POST",
        headers: { "x-forwarded-for": ip, "content-type": "application/json" },
        body: JSON.stringify({ feedback: "limited", type: "bug" }),
      },
      limited,
    );
    await expectEnvelope(res, 429, "rate_limited");
  });
});
