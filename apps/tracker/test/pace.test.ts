import { describe, expect, it } from "vitest";
import { pacedFetch } from "../src/pace";

describe("pacedFetch", () => {
  it("never lets more than `limit` requests into any window", async () => {
    let now = 1_000_000;
    const sentAt: number[] = [];
    const fake = (async () => {
      sentAt.push(now);
      return new Response("ok");
    }) as unknown as typeof fetch;
    const paced = pacedFetch(
      fake,
      { limit: 3, windowMs: 1_000 },
      {
        now: () => now,
        sleep: async (ms) => {
          now += ms;
        },
      },
    );
    for (let i = 0; i < 10; i++) await paced("http://upstream/");
    for (const t of sentAt)
      expect(sentAt.filter((u) => u > t - 1_000 && u <= t).length).toBeLessThanOrEqual(3);
    // It does not wait longer than needed: 10 requests at 3/s take a little over 3 windows.
    expect((sentAt.at(-1) ?? 0) - (sentAt[0] ?? 0)).toBeLessThan(3_100);
  });
});
