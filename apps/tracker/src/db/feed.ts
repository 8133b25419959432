import {
  type ChangeEvent,
  type ChangeKind,
  type FeedEvent,
  type NoticeState,
  ocdsTagsOf,
  type SnapshotRecord,
} from "@doffin/core";

/**
 * Feed reads: pages of the change feed (with each event's notice summary from the stored snapshot),
 * one notice's history, and the totals of /v1/tracker/status. Nothing here calls upstream.
 */

type EventRow = {
  seq: number;
  id: string;
  notice_id: string;
  detected_at: string;
  kind: ChangeKind;
  changes: string;
  meta: string | null;
};

const eventOf = (r: EventRow): ChangeEvent => ({
  id: r.id,
  noticeId: r.notice_id,
  detectedAt: r.detected_at,
  kind: r.kind,
  changes: JSON.parse(r.changes),
  ...(r.meta ? JSON.parse(r.meta) : {}),
});

type FeedRow = EventRow & {
  n_heading: string | null;
  n_buyer: string | null;
  n_type: string | null;
  n_status: string | null;
  o_release: string | null;
};

export type EventQuery = {
  /** Keyset position: the `seq` of the last event of the previous page (null: first page). */
  afterSeq: number | null;
  order: "asc" | "desc";
  since?: string | undefined;
  noticeId?: string | undefined;
  kinds?: readonly ChangeKind[] | undefined;
  excludeKinds?: readonly ChangeKind[] | undefined;
  field?: string | undefined;
  limit: number;
};

/**
 * Keyset page of events by insertion sequence (`seq`), ascending or descending; returns `limit + 1`
 * rows to tell whether more exist. Rows inserted while a client pages get a higher `seq`: an ascending
 * walk meets them at its end, a descending walk (which started below them) never sees them, so neither
 * skips nor repeats an event.
 */
export async function queryEvents(db: D1Database, q: EventQuery): Promise<(FeedEvent & { seq: number })[]> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (q.afterSeq !== null) add(q.order === "asc" ? "e.seq > ?" : "e.seq < ?", q.afterSeq);
  if (q.since) add("e.detected_at >= ?", q.since);
  if (q.noticeId) add("e.notice_id = ?", q.noticeId);
  const marks = (xs: readonly unknown[]) => xs.map(() => "?").join(",");
  if (q.kinds?.length) add(`e.kind IN (${marks(q.kinds)})`, ...q.kinds);
  if (q.excludeKinds?.length) add(`e.kind NOT IN (${marks(q.excludeKinds)})`, ...q.excludeKinds);
  if (q.field) add("instr(e.fields, ?) > 0", `,${q.field},`);
  const { results } = await db
    .prepare(
      `SELECT e.seq, e.id, e.notice_id, e.detected_at, e.kind, e.changes, e.meta,
         json_extract(n.snapshot, '$.heading') AS n_heading,
         json_extract(n.snapshot, '$.buyers[0].name') AS n_buyer,
         json_extract(n.snapshot, '$.type') AS n_type,
         n.status AS n_status,
         (SELECT o.release_id FROM ocds_releases o WHERE o.notice_id = e.notice_id ORDER BY o.seq LIMIT 1) AS o_release
       FROM events e LEFT JOIN notices n ON n.id = e.notice_id
       ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY e.seq ${q.order === "asc" ? "ASC" : "DESC"} LIMIT ?`,
    )
    .bind(...args, q.limit + 1)
    .all<FeedRow>();
  return results.map((r) => ({
    ...eventOf(r),
    // Every event's notice row is written in the same batch as the event; the guard is for hand-made rows.
    ...(r.n_heading !== null
      ? { notice: { heading: r.n_heading, buyer: r.n_buyer, type: r.n_type ?? "", status: r.n_status } }
      : {}),
    ocds: {
      tags: ocdsTagsOf(r.kind, r.n_type ?? ""),
      release: r.o_release ? `/ocds/releases/${encodeURIComponent(r.o_release)}` : null,
    },
    seq: r.seq,
  }));
}

export async function lastEventAt(db: D1Database): Promise<string | null> {
  const r = await db.prepare("SELECT MAX(detected_at) AS t FROM events").first<{ t: string | null }>();
  return r?.t ?? null;
}

/**
 * A notice's history state: `withdrawn` once gone upstream; otherwise what its status says
 * (`cancelled`, `awarded`), else `active`.
 */
export const noticeStateOf = (state: string, status: string | null): NoticeState =>
  state === "withdrawn"
    ? "withdrawn"
    : status === "CANCELLED"
      ? "cancelled"
      : status === "AWARDED"
        ? "awarded"
        : "active";

export async function noticeRecord(db: D1Database, id: string) {
  const r = await db
    .prepare(
      "SELECT id, state, status, first_seen_at, last_seen_at, last_changed_at FROM notices WHERE id = ?",
    )
    .bind(id)
    .first<{
      id: string;
      state: string;
      status: string | null;
      first_seen_at: string;
      last_seen_at: string;
      last_changed_at: string;
    }>();
  return r
    ? {
        id: r.id,
        state: noticeStateOf(r.state, r.status),
        firstSeenAt: r.first_seen_at,
        lastSeenAt: r.last_seen_at,
        lastChangedAt: r.last_changed_at,
      }
    : null;
}

export async function noticeSnapshots(db: D1Database, id: string): Promise<SnapshotRecord[]> {
  const { results } = await db
    .prepare(
      "SELECT hash, captured_at, snapshot FROM snapshots WHERE notice_id = ? ORDER BY captured_at, rowid",
    )
    .bind(id)
    .all<{ hash: string; captured_at: string; snapshot: string }>();
  return results.map((r) => ({ hash: r.hash, capturedAt: r.captured_at, snapshot: JSON.parse(r.snapshot) }));
}

export async function noticeEvents(db: D1Database, id: string): Promise<ChangeEvent[]> {
  const { results } = await db
    .prepare("SELECT * FROM events WHERE notice_id = ? ORDER BY seq")
    .bind(id)
    .all<EventRow>();
  return results.map(eventOf);
}

export async function totals(db: D1Database) {
  const [n, e] = await db.batch<{ notices: number; active: number; withdrawn: number } | { events: number }>([
    db.prepare(
      `SELECT COUNT(*) AS notices, COALESCE(SUM(status = 'ACTIVE' AND state = 'active'), 0) AS active,
         COALESCE(SUM(state = 'withdrawn'), 0) AS withdrawn FROM notices`,
    ),
    db.prepare("SELECT COUNT(*) AS events FROM events"),
  ]);
  const nr = (n?.results[0] ?? { notices: 0, active: 0, withdrawn: 0 }) as {
    notices: number;
    active: number;
    withdrawn: number;
  };
  const er = (e?.results[0] ?? { events: 0 }) as { events: number };
  return { notices: nr.notices, active: nr.active, withdrawn: nr.withdrawn, events: er.events };
}
