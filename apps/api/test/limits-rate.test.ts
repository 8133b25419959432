import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { emulatorApp, expectEnvelope } from "./helpers";
import { awayFromWindowEdge, createKey, sfItem } from "./keys-helpers";

const { call } = emulatorApp();
const PATH = "/v1/codes/locations";
/** The low test limiters (vitest.config.ts) in place of the real ones; client IP from X-Forwarded-For. */
const limited = {
  ...env,
  CLIENT_IP_SOURCE: "x-forwarded-for",
  ANON_LIMITER: env.TEST_ANON_LIMITER,
  ANON_RATE_LIMIT: env.TEST_ANON_RATE_LIMIT,
  KEY_LIMITER: env.TEST_KEY_LIMITER,
  KEY_RATE_LIMIT: env.TEST_KEY_RATE_LIMIT,
};
const anonQuota = Number(env.TEST_ANON_RATE_LIMIT);
const keyQuota = Number(env.TEST_KEY_RATE_LIMIT);
/** A fresh client address per test, so buckets never carry over between tests or runs. */
const freshIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250)).join(".")}`;

beforeEach(awayFromWindowEdge);

describe("rate limits (Workers Rate Limiting binding under Miniflare)", () => {
  it("anonymous: per client IP, RateLimit headers on each answer, then 429 with Retry-After", async () => {
    const ip = freshIp();
    for (let i = 1; i <= anonQuota; i++) {
      const res = await call(PATH, { headers: { "x-forwarded-for": ip } }, limited);
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-policy")).toBe(`"anon";q=${anonQuota};w=60`);
      const rl = sfItem(res.headers.get("ratelimit"));
      expect(rl.name).toBe("anon");
      expect(rl.params.r).toBe(anonQuota - i);
      expect(rl.params.t).toBeGreaterThan(0);
      expect(rl.params.t).toBeLessThanOrEqual(60);
    }
    const res = await call(PATH, { headers: { "x-forwarded-for": ip } }, limited);
    await expectEnvelope(res, 429, "rate_limited");
    const wait = Number(res.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(sfItem(res.headers.get("ratelimit")).params.r).toBe(0);
    // Another client is not affected.
    expect((await call(PATH, { headers: { "x-forwarded-for": freshIp() } }, limited)).status).toBe(200);
  });

  it("a key has its own bucket and policy, apart from its IP's", async () => {
    const ip = freshIp();
    const { key } = await createKey(call, { owner: "limits" }, limited);
    const headers = { "x-forwarded-for": ip, "x-api-key": key };
    for (let i = 1; i <= keyQuota; i++) {
      const res = await call(PATH, { headers }, limited);
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-policy")).toBe(`"key";q=${keyQuota};w=60`);
      expect(sfItem(res.headers.get("ratelimit")).params.r).toBe(keyQuota - i);
    }
    const res = await call(PATH, { headers }, limited);
    await expectEnvelope(res, 429, "rate_limited");
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    // The same IP without the key still has its whole anonymous quota (the key was created from no IP).
    const anon = await call(PATH, { headers: { "x-forwarded-for": ip } }, limited);
    expect(anon.status).toBe(200);
    expect(sfItem(anon.headers.get("ratelimit")).params.r).toBe(anonQuota - 1);
  });

  it("a per-key override picks its tier: rateLimit 60 uses the low (anonymous-sized) limiter", async () => {
    const { key } = await createKey(call, { owner: "low", rateLimit: 60 }, limited);
    const res = await call(PATH, { headers: { "x-api-key": key } }, limited);
    expect(res.headers.get("ratelimit-policy")).toBe(`"key";q=${anonQuota};w=60`);
  });

  it("bad keys count against the client's IP bucket (guessing keys is limited)", async () => {
    const ip = freshIp();
    const headers = { "x-forwarded-for": ip, "x-api-key": `dgw_${"C".repeat(43)}` };
    for (let i = 1; i <= anonQuota; i++) {
      const res = await call(PATH, { headers }, limited);
      await expectEnvelope(res, 401, "unauthorized");
      expect(sfItem(res.headers.get("ratelimit")).params.r).toBe(anonQuota - i);
    }
    const res = await call(PATH, { headers }, limited);
    expect(res.status).toBe(401);
    expect(sfItem(res.headers.get("ratelimit")).params.r).toBe(0);
  });

  it("every response carries the headers: 404s, 405s, 400s, preflights, /docs", async () => {
    for (const [path, init] of [
      ["/nope", {}],
      ["/v1/notices", { method: "DELETE" }],
      ["/v1/notices?limit=abc", {}],
      [
        "/v1/notices",
        {
          method: "OPTIONS",
          headers: { origin: "https://x.example", "access-control-request-method": "GET" },
        },
      ],
      ["/docs", {}],
    ] as const) {
      const res = await call(path, init, limited);
      expect(res.headers.get("ratelimit-policy"), path).toMatch(/^"anon";q=\d+;w=60$/);
      expect(res.headers.get("ratelimit"), path).toMatch(/^"anon";r=\d+;t=\d+$/);
    }
  });

  it("CORS exposes the RateLimit headers to browsers", async () => {
    const res = await call(PATH, { headers: { origin: "https://x.example" } });
    const exposed = res.headers.get("access-control-expose-headers")?.toLowerCase() ?? "";
    expect(exposed).toContain("ratelimit");
    expect(exposed).toContain("ratelimit-policy");
  });
});
