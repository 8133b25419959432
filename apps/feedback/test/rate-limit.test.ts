import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectEnvelope, freshIp, post } from "./helpers";

const windowOf = (now: number) => Math.floor(now / 60_000);

describe("per-client rate limit on POST /v1/feedback", () => {
  it("answers 429 with Retry-After past the limit, per IP", async () => {
    const limit = env.TEST_RATE_LIMIT;
    // The limiter's windows are aligned to the wall clock; if one rolls over mid-test, run again.
    for (let attempt = 0; attempt < 2; attempt++) {
      const ip = freshIp();
      const started = windowOf(Date.now());
      const statuses: number[] = [];
      for (let i = 0; i <= limit; i++) statuses.push((await post({ feedback: `rl ${i}` }, { ip })).status);
      const over = await post({ feedback: "one too many" }, { ip });
      if (windowOf(Date.now()) !== started) continue;

      expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(201));
      expect(statuses[limit]).toBe(429);
      const body = await expectEnvelope(over, 429, "rate_limited");
      expect(body.error.message).toMatch(/retry/i);
      expect(over.headers.get("retry-after")).toBe(env.RATE_LIMIT_PERIOD_SECONDS);
      // Another client is not affected.
      expect((await post({ feedback: "someone else" }, { ip: freshIp() })).status).toBe(201);
      return;
    }
    throw new Error("the rate-limit window rolled over twice");
  });

  it("stores every accepted report and none of the refused ones", async () => {
    const ip = freshIp();
    const marker = `refused-${crypto.randomUUID()}`;
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < env.TEST_RATE_LIMIT * 2; i++) {
      const status = (await post({ feedback: `${marker}-${i}` }, { ip })).status;
      if (status === 201) accepted++;
      else if (status === 429) refused++;
    }
    expect(refused).toBeGreaterThan(0);
    expect(accepted + refused).toBe(env.TEST_RATE_LIMIT * 2);
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM feedback WHERE feedback LIKE ?")
      .bind(`${marker}-%`)
      .first("n");
    expect(n).toBe(accepted);
  });
});
