import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { backoffSeconds } from "../src/alerts/delivery/backoff";
import { flushAlertOutbox } from "../src/alerts/delivery/outbox";
import { deliveriesOf, insertEvent, insertSearch, received, waitFor } from "./delivery-helpers";

// wrangler.jsonc: max_retries 8, so 9 attempts before the DLQ; vitest.config.ts shortens the back-off
// to base 1 s, cap 2 s (production: 30 s doubling to 1 h).
const ATTEMPTS = 9;

describe("back-off schedule", () => {
  it("doubles from the base, stops at the cap, jitters by at most ±20 %", () => {
    const policy = { baseSeconds: 30, capSeconds: 3600 };
    const mid = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => backoffSeconds(n, policy, () => 0.5));
    expect(mid).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(backoffSeconds(1, policy, () => 0)).toBe(24);
    expect(backoffSeconds(1, policy, () => 0.999999)).toBe(36);
    expect(backoffSeconds(40, { baseSeconds: 30, capSeconds: 1e9 }, () => 1)).toBe(43_200);
  });
});

describe("a failing receiver", () => {
  it("is retried with back-off, then dead-lettered, while a healthy one gets each event once", async () => {
    const failing = await insertSearch("bob", "/fail/down");
    const healthy = await insertSearch("bob", "/ok/healthy");
    const bad = [await insertEvent(failing, "2026-100021"), await insertEvent(failing, "2026-100022")];
    const good = [await insertEvent(healthy, "2026-100021"), await insertEvent(healthy, "2026-100022")];
    expect((await flushAlertOutbox(env)).enqueued).toBe(4);
    const dead = await waitFor(
      "the failing deliveries to go dead",
      () => deliveriesOf(failing.id),
      (r) => r.length === 2 && r.every((d) => d.status === "dead"),
      90_000,
    );
    for (const d of dead) {
      expect(d.attempts).toBe(ATTEMPTS);
      expect(d.last_status).toBe(500);
      expect(d.last_error).toBe("HTTP 500");
    }
    const tries = await received("/fail/down");
    expect(tries).toHaveLength(2 * ATTEMPTS);
    for (const event of bad) {
      const times = tries.filter((t) => t.eventId === event.id).map((t) => t.at);
      expect(times).toHaveLength(ATTEMPTS);
      // Each retry waited its back-off (≥ 0.8 × 1 s, Queues' delaySeconds are whole seconds).
      for (let i = 1; i < times.length; i++)
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThan(700);
    }
    const ok = await received("/ok/healthy");
    expect(ok.map((g) => g.eventId).sort()).toEqual(good.map((e) => e.id).sort());
    expect((await deliveriesOf(healthy.id)).map((d) => [d.status, d.attempts])).toEqual([
      ["delivered", 1],
      ["delivered", 1],
    ]);
  });
});
