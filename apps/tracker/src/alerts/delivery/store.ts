/** D1 queries of the webhook deliveries (migration 0006); the alert tables they read are alertstrack's (0005). */

import type { DeliveryStatus } from "@doffin/contracts/alert-deliveries";

export type DeliveryRow = {
  id: string;
  event_id: string;
  search_id: string;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
};

/** What the consumer needs of the saved search behind a delivery (null fields: search deleted). */
export type DeliveryTarget = DeliveryRow & {
  webhook_url: string | null;
  webhook_secret: string | null;
  paused: number | null;
  payload: string | null;
  event_type: string | null;
};

const randomHex = (bytes: number) =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");

/** A delivery id: `dl_` + 20 hex (80 random bits), unguessable like the search ids. */
export const newDeliveryId = () => `dl_${randomHex(10)}`;

export async function loadTarget(db: D1Database, id: string): Promise<DeliveryTarget | null> {
  return db
    .prepare(
      `SELECT d.*, s.webhook_url, s.webhook_secret, s.paused, e.payload, e.type AS event_type
         FROM alert_deliveries d
         LEFT JOIN saved_searches s ON s.id = d.search_id
         LEFT JOIN alert_events e ON e.id = d.event_id
        WHERE d.id = ?`,
    )
    .bind(id)
    .first<DeliveryTarget>();
}

export type AttemptOutcome = {
  status: DeliveryStatus;
  /** Count this as one more attempt (false for a skip decided before any POST). */
  attempted: boolean;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
};

export async function recordOutcome(db: D1Database, id: string, o: AttemptOutcome, now: Date) {
  await db
    .prepare(
      `UPDATE alert_deliveries
          SET status = ?, attempts = attempts + ?, last_status = ?, last_error = ?, next_attempt_at = ?,
              updated_at = ?
        WHERE id = ?`,
    )
    .bind(o.status, o.attempted ? 1 : 0, o.lastStatus, o.lastError, o.nextAttemptAt, now.toISOString(), id)
    .run();
}

/** Dead-letter: the queue gave up on these; a delivery that got through meanwhile stays delivered. */
export async function markDead(db: D1Database, ids: string[], now: Date) {
  if (ids.length === 0) return;
  await db.batch(
    ids.map((id) =>
      db
        .prepare(
          `UPDATE alert_deliveries SET status = 'dead', next_attempt_at = NULL, updated_at = ?
            WHERE id = ? AND status NOT IN ('delivered', 'skipped')`,
        )
        .bind(now.toISOString(), id),
    ),
  );
}

/** Replay: back to pending (attempts keep counting), so the consumer POSTs it once more. */
export async function resetForReplay(db: D1Database, id: string, now: Date) {
  return db
    .prepare(
      `UPDATE alert_deliveries SET status = 'pending', next_attempt_at = NULL, updated_at = ?
        WHERE id = ? RETURNING *`,
    )
    .bind(now.toISOString(), id)
    .first<DeliveryRow>();
}

export type DeliveryPageArgs = {
  searchId: string;
  statuses?: DeliveryStatus[] | undefined;
  /** Keyset position: the last row of the previous page (its created_at and rowid). */
  after?: { createdAt: string; rowid: number } | null;
  limit: number;
};

/** Newest first; (created_at, rowid) keyset so pages neither skip nor repeat while deliveries arrive. */
export async function listDeliveries(db: D1Database, a: DeliveryPageArgs) {
  const where = ["search_id = ?"];
  const binds: unknown[] = [a.searchId];
  if (a.statuses?.length) {
    where.push(`status IN (${a.statuses.map(() => "?").join(", ")})`);
    binds.push(...a.statuses);
  }
  if (a.after) {
    where.push("(created_at < ? OR (created_at = ? AND rowid < ?))");
    binds.push(a.after.createdAt, a.after.createdAt, a.after.rowid);
  }
  const { results } = await db
    .prepare(
      `SELECT rowid, * FROM alert_deliveries WHERE ${where.join(" AND ")}
        ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    )
    .bind(...binds, a.limit + 1)
    .all<DeliveryRow & { rowid: number }>();
  const rows = results.slice(0, a.limit);
  const last = rows.at(-1);
  return {
    rows,
    next: results.length > a.limit && last ? { createdAt: last.created_at, rowid: last.rowid } : null,
  };
}

export async function getDelivery(db: D1Database, searchId: string, id: string) {
  return db
    .prepare("SELECT * FROM alert_deliveries WHERE id = ? AND search_id = ?")
    .bind(id, searchId)
    .first<DeliveryRow>();
}
