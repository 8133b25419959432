import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ALERT_DLQ_NAME, ALERT_QUEUE_NAME } from "../src/alerts/delivery/consumer";
import worker from "../src/index";
import { deliveriesOf, insertDelivery, insertEvent, insertSearch, received } from "./delivery-helpers";

// The consumer's decisions one batch at a time: the Worker's own queue() handler (imported: the RPC
// stub of `exports.default` cannot carry a batch), fed a batch made by the test plugin, so the outcome (ack or retry with which delay) can be read back exactly.

async function consume(queue: string, deliveryIds: (string | null)[]) {
  const batch = createMessageBatch(
    queue,
    deliveryIds.map((deliveryId, i) => ({
      id: `m${i}`,
      timestamp: new Date(),
      attempts: 1,
      body: deliveryId === null ? { nonsense: true } : { deliveryId },
    })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

const row = async (searchId: string) => {
  const [r] = await deliveriesOf(searchId);
  if (!r) throw new Error("no delivery row");
  return r;
};

describe("the ALERT_QUEUE consumer", () => {
  it("a paused, deleted or re-pointed search: acked, marked skipped, nothing POSTed", async () => {
    const paused = await insertSearch("dave", "/ok/paused", true);
    const gone = await insertSearch("dave", "/ok/gone");
    const moved = await insertSearch("dave", "/ok/moved");
    const ids = [
      await insertDelivery(paused, (await insertEvent(paused, "2026-100041")).id, paused.url ?? ""),
      await insertDelivery(gone, (await insertEvent(gone, "2026-100042")).id, gone.url ?? ""),
      await insertDelivery(moved, (await insertEvent(moved, "2026-100043")).id, moved.url ?? ""),
    ];
    await env.DB.prepare("DELETE FROM saved_searches WHERE id = ?").bind(gone.id).run();
    await env.DB.prepare("UPDATE saved_searches SET webhook_url = ? WHERE id = ?")
      .bind(`${moved.url}-new`, moved.id)
      .run();
    const result = await consume(ALERT_QUEUE_NAME, ids);
    expect(result.explicitAcks.sort()).toEqual(["m0", "m1", "m2"]);
    expect(result.retryMessages).toEqual([]);
    expect(await row(paused.id)).toMatchObject({
      status: "skipped",
      attempts: 0,
      last_error: "the saved search is paused",
    });
    expect(await row(gone.id)).toMatchObject({
      status: "skipped",
      last_error: "the saved search was deleted",
    });
    expect((await row(moved.id)).status).toBe("skipped");
    for (const p of ["/ok/paused", "/ok/gone", "/ok/moved"]) expect(await received(p)).toEqual([]);
  });

  it("a redirect is a failed attempt, retried with back-off, and never followed", async () => {
    const s = await insertSearch("dave", "/redirect/r");
    const id = await insertDelivery(s, (await insertEvent(s, "2026-100044")).id, s.url ?? "");
    const t0 = Date.now();
    const result = await consume(ALERT_QUEUE_NAME, [id]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: "m0" }]);
    // The plugin's result does not carry delaySeconds; the row records when the retry is due:
    // attempt 1 → base 1 s ±20 % (vitest.config.ts), rounded to whole seconds.
    const due = Date.parse((await row(s.id)).next_attempt_at ?? "");
    expect(due - t0).toBeGreaterThanOrEqual(900);
    expect(due - t0).toBeLessThan(2_500);
    expect(await row(s.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      last_status: 302,
      last_error: "HTTP 302: redirects are not followed",
    });
    expect(await received("/redirect/r")).toHaveLength(1);
  });

  it("a URL the SSRF rules refuse at send time is dead at once, without a request", async () => {
    const s = await insertSearch("dave", "/ok/ssrf");
    const hostile = "http://169.254.169.254/latest/meta-data/";
    await env.DB.prepare("UPDATE saved_searches SET webhook_url = ? WHERE id = ?").bind(hostile, s.id).run();
    const id = await insertDelivery(s, (await insertEvent(s, "2026-100045")).id, hostile);
    const result = await consume(ALERT_QUEUE_NAME, [id]);
    expect(result.explicitAcks).toEqual(["m0"]);
    const r = await row(s.id);
    expect(r).toMatchObject({ status: "dead", attempts: 0, last_status: null });
    expect(r.last_error).toBeTruthy();
  });

  it("a delivered row is not POSTed again by a duplicate message; junk bodies are dropped", async () => {
    const s = await insertSearch("dave", "/ok/dup");
    const id = await insertDelivery(s, (await insertEvent(s, "2026-100046")).id, s.url ?? "");
    expect((await consume(ALERT_QUEUE_NAME, [id])).explicitAcks).toEqual(["m0"]);
    expect((await consume(ALERT_QUEUE_NAME, [id, null, "dl_00000000000000000000"])).explicitAcks).toEqual([
      "m0",
      "m1",
      "m2",
    ]);
    expect(await received("/ok/dup")).toHaveLength(1);
    expect(await row(s.id)).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("the dead-letter consumer marks failed rows dead and leaves delivered ones", async () => {
    const s = await insertSearch("dave", "/fail/dlq");
    const failedId = await insertDelivery(s, (await insertEvent(s, "2026-100047")).id, s.url ?? "");
    await consume(ALERT_QUEUE_NAME, [failedId]);
    const ok = await insertSearch("dave", "/ok/dlq");
    const okId = await insertDelivery(ok, (await insertEvent(ok, "2026-100048")).id, ok.url ?? "");
    await consume(ALERT_QUEUE_NAME, [okId]);
    const result = await consume(ALERT_DLQ_NAME, [failedId, okId]);
    expect(result.ackAll).toBe(true);
    expect(await row(s.id)).toMatchObject({ status: "dead", last_status: 500, next_attempt_at: null });
    expect((await row(ok.id)).status).toBe("delivered");
  });
});
