import type { FeedbackItem, FeedbackStatus, FeedbackType } from "@doffin/contracts/feedback";
import type { Cursor } from "./cursor";

/** A `feedback` row as D1 returns it. */
type FeedbackRow = {
  id: string;
  created_at: string;
  updated_at: string;
  type: FeedbackType;
  status: FeedbackStatus;
  feedback: string;
  notice_id: string | null;
  contact: string | null;
  context: string | null;
  note: string | null;
};

const COLUMNS = "id, created_at, updated_at, type, status, feedback, notice_id, contact, context, note";

const toItem = (r: FeedbackRow): FeedbackItem => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  status: r.status,
  type: r.type,
  feedback: r.feedback,
  noticeId: r.notice_id,
  contact: r.contact,
  context: r.context === null ? null : (JSON.parse(r.context) as Record<string, unknown>),
  note: r.note,
});

export type NewFeedback = {
  id: string;
  createdAt: string;
  type: FeedbackType;
  feedback: string;
  noticeId?: string | undefined;
  contact?: string | undefined;
  context?: Record<string, unknown> | undefined;
  idempotencyKey?: string | undefined;
  requestHash: string;
};

export type InsertOutcome = {
  id: string;
  createdAt: string;
  status: FeedbackStatus;
  /** False when the Idempotency-Key was already used: `id` is then the earlier report's. */
  inserted: boolean;
  /** Hash of the body stored under the key; differs from ours when the key was reused for another body. */
  requestHash: string;
};

/**
 * Stores a report; resolves only once D1 has committed it. With an idempotency key the insert and the
 * read-back run in one batch (one transaction), and `ON CONFLICT DO NOTHING` on the UNIQUE key makes
 * concurrent retries with one key store exactly one row and all read back the same id.
 */
export async function insertFeedback(db: D1Database, f: NewFeedback): Promise<InsertOutcome> {
  const insert = db
    .prepare(
      `INSERT INTO feedback (id, created_at, updated_at, type, status, feedback, notice_id, contact, context,
         idempotency_key, request_hash)
       VALUES (?1, ?2, ?2, ?3, 'open', ?4, ?5, ?6, ?7, ?8, ?9)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    )
    .bind(
      f.id,
      f.createdAt,
      f.type,
      f.feedback,
      f.noticeId ?? null,
      f.contact ?? null,
      f.context === undefined ? null : JSON.stringify(f.context),
      f.idempotencyKey ?? null,
      f.requestHash,
    );
  const mine: InsertOutcome = {
    id: f.id,
    createdAt: f.createdAt,
    status: "open",
    inserted: true,
    requestHash: f.requestHash,
  };
  if (f.idempotencyKey === undefined) {
    await db.batch([insert]);
    return mine;
  }
  const [, readBack] = await db.batch([
    insert,
    db
      .prepare("SELECT id, created_at, status, request_hash FROM feedback WHERE idempotency_key = ?1")
      .bind(f.idempotencyKey),
  ]);
  const row = readBack?.results[0] as
    | { id: string; created_at: string; status: FeedbackStatus; request_hash: string }
    | undefined;
  if (row === undefined) throw new Error("idempotent insert read back no row");
  return {
    id: row.id,
    createdAt: row.created_at,
    status: row.status,
    inserted: row.id === f.id,
    requestHash: row.request_hash,
  };
}

export async function getFeedback(db: D1Database, id: string): Promise<FeedbackItem | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM feedback WHERE id = ?1`).bind(id).first<FeedbackRow>();
  return row === null ? null : toItem(row);
}

export type ListOptions = {
  status?: FeedbackStatus | undefined;
  type?: FeedbackType | undefined;
  /** Only rows strictly older than this position (newest-first order). */
  after?: Cursor | undefined;
  limit: number;
};

/** Newest first; asks for one row more than `limit` so the caller knows whether a next page exists. */
export async function listFeedback(
  db: D1Database,
  opts: ListOptions,
): Promise<{ items: FeedbackItem[]; more: boolean }> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (opts.status !== undefined) {
    params.push(opts.status);
    where.push(`status = ?${params.length}`);
  }
  if (opts.type !== undefined) {
    params.push(opts.type);
    where.push(`type = ?${params.length}`);
  }
  if (opts.after !== undefined) {
    params.push(opts.after.createdAt, opts.after.id);
    where.push(`(created_at, id) < (?${params.length - 1}, ?${params.length})`);
  }
  params.push(opts.limit + 1);
  const sql = `SELECT ${COLUMNS} FROM feedback ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY created_at DESC, id DESC LIMIT ?${params.length}`;
  const { results } = await db
    .prepare(sql)
    .bind(...params)
    .all<FeedbackRow>();
  return { items: results.slice(0, opts.limit).map(toItem), more: results.length > opts.limit };
}

/**
 * Sets status (and the note, when given) if the report is currently in one of `from`. Returns the
 * updated report, or null when no row matched (unknown id or a transition not allowed); the check and
 * the write are one statement, so two operators racing cannot make a forbidden transition.
 */
export async function updateFeedback(
  db: D1Database,
  id: string,
  change: { status: FeedbackStatus; note?: string | undefined; updatedAt: string },
  from: readonly FeedbackStatus[],
): Promise<FeedbackItem | null> {
  const placeholders = from.map((_, i) => `?${i + 5}`).join(", ");
  const row = await db
    .prepare(
      `UPDATE feedback SET status = ?1, note = COALESCE(?2, note), updated_at = ?3
       WHERE id = ?4 AND status IN (${placeholders}) RETURNING ${COLUMNS}`,
    )
    .bind(change.status, change.note ?? null, change.updatedAt, id, ...from)
    .first<FeedbackRow>();
  return row === null ? null : toItem(row);
}
