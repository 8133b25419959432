import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { limiterFor } from "../src/middleware/limiter";

/** Which limiter binding an anonymous caller lands on, per ANON_LIMIT_TIER (the demo sets `high`). */
describe("anonymous limiter tier", () => {
  const anon = { kind: "anon", bucket: "127.0.0.1" } as const;
  const limits = env as unknown as Parameters<typeof limiterFor>[1];

  it("uses the anonymous binding and its quota by default", () => {
    const l = limiterFor(anon, { ...limits, ANON_RATE_LIMIT: "60" });
    expect(l?.binding).toBe(limits.ANON_LIMITER);
    expect(l).toMatchObject({ bucket: "ip:127.0.0.1", policy: "anon", quota: 60 });
  });

  it("uses the high binding and its quota with ANON_LIMIT_TIER=high", () => {
    const l = limiterFor(anon, { ...limits, ANON_LIMIT_TIER: "high", KEY_RATE_LIMIT_HIGH: "6000" });
    expect(l?.binding).toBe(limits.KEY_LIMITER_HIGH);
    expect(l?.binding).not.toBe(limits.ANON_LIMITER);
    expect(l).toMatchObject({ bucket: "ip:127.0.0.1", policy: "anon", quota: 6000 });
  });

  it("ignores an unknown tier (stays low)", () => {
    const l = limiterFor(anon, { ...limits, ANON_LIMIT_TIER: "unlimited" });
    expect(l?.binding).toBe(limits.ANON_LIMITER);
  });
});
