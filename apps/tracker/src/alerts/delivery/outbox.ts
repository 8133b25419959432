import { newDeliveryId } from "./store";

/** The body of an ALERT_QUEUE message: the delivery row carries the rest (so a replay reuses the event). */
export type AlertDeliveryMessage = { deliveryId: string };

/** Events read per round; `sendBatch` takes at most 100 messages. */
const ROUND = 100;
/** Rounds per flush, so one flush stays bounded; the next tick goes on where it stopped. */
const MAX_ROUNDS = 20;
/**
 * A pending row untouched this long was most likely never enqueued (the invocation died between its
 * insert and `sendBatch`): the flush sends it again. Longer than any queue wait a pending row sees.
 */
const STALE_PENDING_MS = 10 * 60_000;

export type FlushResult = { enqueued: number; resent: number };

type EventRow = { seq: number; id: string; search_id: string; webhook_url: string | null; paused: number };

/**
 * The outbox step: alert events (written by the matcher in the same batch as their matches) of saved
 * searches with a webhook get one delivery row per (event, URL) and one ALERT_QUEUE message. Reads only
 * events after the stored `alert_outbox.last_seq`, so a tick costs what is new; rows whose enqueue was
 * lost (crash after the insert) are re-sent once they are stale. Safe to run concurrently: the UNIQUE
 * (event_id, url) insert decides which flush enqueues a row.
 * @example await flushAlertOutbox(env) // after each sweep, tick and cron
 */
export async function flushAlertOutbox(env: Env, now: Date = new Date()): Promise<FlushResult> {
  const db = env.DB;
  const at = now.toISOString();
  let enqueued = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const cursor = await db
      .prepare("SELECT last_seq FROM alert_outbox WHERE id = 1")
      .first<{ last_seq: number }>();
    const { results: events } = await db
      .prepare(
        `SELECT e.seq, e.id, e.search_id, s.webhook_url, s.paused
           FROM alert_events e JOIN saved_searches s ON s.id = e.search_id
          WHERE e.seq > ? ORDER BY e.seq LIMIT ?`,
      )
      .bind(cursor?.last_seq ?? 0, ROUND)
      .all<EventRow>();
    const last = events.at(-1);
    if (!last) break;
    // Paused searches and searches without a webhook send nothing for these events, now or later.
    const due = events.filter((e) => e.webhook_url && !e.paused);
    const inserts = due.map((e) =>
      db
        .prepare(
          `INSERT INTO alert_deliveries (id, event_id, search_id, url, status, attempts, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (event_id, url) DO NOTHING RETURNING id`,
        )
        .bind(newDeliveryId(), e.id, e.search_id, e.webhook_url, at, at),
    );
    const results = await db.batch<{ id: string }>([
      ...inserts,
      db.prepare("UPDATE alert_outbox SET last_seq = MAX(last_seq, ?) WHERE id = 1").bind(last.seq),
    ]);
    const ids = results.slice(0, inserts.length).flatMap((r) => r.results.map((row) => row.id));
    await send(env.ALERT_QUEUE, ids);
    enqueued += ids.length;
    if (events.length < ROUND) break;
  }
  const resent = await resendStale(env, now);
  return { enqueued, resent };
}

async function resendStale(env: Env, now: Date): Promise<number> {
  const staleBefore = new Date(now.getTime() - STALE_PENDING_MS).toISOString();
  const { results } = await env.DB.prepare(
    `UPDATE alert_deliveries SET updated_at = ?
      WHERE id IN (SELECT id FROM alert_deliveries WHERE status = 'pending' AND updated_at < ? LIMIT ?)
      RETURNING id`,
  )
    .bind(now.toISOString(), staleBefore, ROUND)
    .all<{ id: string }>();
  await send(
    env.ALERT_QUEUE,
    results.map((r) => r.id),
  );
  return results.length;
}

/** Enqueue deliveries by id, 100 per `sendBatch` (Queues' batch limit). */
export async function send(queue: Queue, ids: string[]) {
  for (let i = 0; i < ids.length; i += ROUND) {
    const batch = ids
      .slice(i, i + ROUND)
      .map((deliveryId) => ({ body: { deliveryId } satisfies AlertDeliveryMessage }));
    await queue.sendBatch(batch);
  }
}
