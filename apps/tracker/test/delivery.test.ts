import { env } from "cloudflare:workers";
import { AlertEvent, signWebhook } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { flushAlertOutbox } from "../src/alerts/delivery/outbox";
import { deliveriesOf, insertEvent, insertSearch, received, receiverUrl, waitFor } from "./delivery-helpers";
import { RECEIVER_SECRET } from "./webhook-constants";

// Real Queues under Miniflare: flushAlertOutbox sends on ALERT_QUEUE, the broker calls the Worker's
// queue() handler (src/index.ts), which POSTs to the receiver on 127.0.0.1 (test/webhook-receiver.ts).

describe("webhook delivery through ALERT_QUEUE", () => {
  it("delivers each event of a webhook search exactly once, signed, and only those", async () => {
    const search = await insertSearch("alice", "/ok/once");
    const silent = await insertSearch("alice", null);
    const events = [
      await insertEvent(search, "2026-100001"),
      await insertEvent(search, "2026-100002"),
      await insertEvent(search, "2026-100003"),
    ];
    await insertEvent(silent, "2026-100001");
    const flushed = await flushAlertOutbox(env);
    expect(flushed.enqueued).toBe(3);
    const rows = await waitFor(
      "three deliveries",
      () => deliveriesOf(search.id),
      (r) => r.length === 3 && r.every((d) => d.status === "delivered"),
    );
    expect(rows.map((r) => [r.attempts, r.last_status, r.last_error])).toEqual([
      [1, 200, null],
      [1, 200, null],
      [1, 200, null],
    ]);
    expect(await deliveriesOf(silent.id)).toEqual([]);
    // A second flush finds nothing new: no second message, no second POST.
    expect((await flushAlertOutbox(env)).enqueued).toBe(0);
    await new Promise((r) => setTimeout(r, 2500));
    const got = await received("/ok/once");
    expect(got).toHaveLength(3);
    expect(got.map((g) => g.eventId).sort()).toEqual(events.map((e) => e.id).sort());
    for (const g of got) {
      expect(g.valid).toBe(true);
      expect(g.snippetValid).toBe(true);
      expect(g.status).toBe(200);
      expect(g.contentType).toBe("application/json");
      const body = AlertEvent.parse(JSON.parse(g.body));
      expect(g.eventId).toBe(body.id);
      expect(g.eventType).toBe("match.new");
      expect(body).toEqual(events.find((e) => e.id === body.id));
    }
  });

  it("the receiver refuses a replayed (stale) or tampered copy of a delivered request", async () => {
    const search = await insertSearch("alice", "/ok/verify");
    await insertEvent(search, "2026-100011");
    await flushAlertOutbox(env);
    const [got] = await waitFor(
      "one POST",
      () => received("/ok/verify"),
      (r) => r.length === 1,
    );
    if (!got?.signature) throw new Error("no signed request arrived");
    const post = (signature: string, body: string) =>
      fetch(`${receiverUrl()}/ok/verify`, {
        method: "POST",
        headers: { "content-type": "application/json", "Doffin-Signature": signature },
        body,
      });
    const tampered = got.body.replace("2026-100011", "2026-100012");
    expect((await post(got.signature, tampered)).status).toBe(401);
    const stale = await signWebhook(RECEIVER_SECRET, Math.floor(Date.now() / 1000) - 600, got.body);
    expect((await post(stale, got.body)).status).toBe(401);
    const wrongKey = await signWebhook("not-the-secret-0123456789", Math.floor(Date.now() / 1000), got.body);
    expect((await post(wrongKey, got.body)).status).toBe(401);
    // The same body freshly signed passes: the refusals above are about time and integrity.
    const fresh = await signWebhook(RECEIVER_SECRET, Math.floor(Date.now() / 1000), got.body);
    expect((await post(fresh, got.body)).status).toBe(200);
    // The README's snippet agrees on each of the five.
    expect((await received("/ok/verify")).map((r) => [r.valid, r.snippetValid])).toEqual([
      [true, true],
      [false, false],
      [false, false],
      [false, false],
      [true, true],
    ]);
  });
});
