import {
  type CanonicalSnapshot,
  CanonicalSnapshot as CanonicalSnapshotSchema,
  type ClassifiedEvent,
  type NoticeSummary,
} from "@doffin/core";

/**
 * Notice writes (schema: migrations/0001_init.sql): what the sweep and the backfill read and write about
 * notices — stored snapshots, a changed notice with its events (one batch), baselines, and which tracked
 * notices a sweep must confirm.
 */

export type StoredNotice = {
  id: string;
  snapshot: CanonicalSnapshot;
  hash: string;
  summaryHash: string;
  state: "active" | "withdrawn";
};

/** D1 binds at most 100 parameters per statement. */
const CHUNK = 90;
const chunks = <T>(xs: readonly T[], n = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

type NoticeRow = { id: string; snapshot: string; hash: string; summary_hash: string; state: string };

export async function loadNotices(
  db: D1Database,
  ids: readonly string[],
): Promise<Map<string, StoredNotice>> {
  const out = new Map<string, StoredNotice>();
  for (const part of chunks([...new Set(ids)])) {
    const { results } = await db
      .prepare(
        `SELECT id, snapshot, hash, summary_hash, state FROM notices WHERE id IN (${part.map(() => "?").join(",")})`,
      )
      .bind(...part)
      .all<NoticeRow>();
    for (const r of results) {
      out.set(r.id, {
        id: r.id,
        snapshot: CanonicalSnapshotSchema.parse(JSON.parse(r.snapshot)),
        hash: r.hash,
        summaryHash: r.summary_hash,
        state: r.state === "withdrawn" ? "withdrawn" : "active",
      });
    }
  }
  return out;
}

export type EventToWrite = ClassifiedEvent & { id: string; noticeId: string; dedupeKey: string };

/** A notice's new state and the events of that change. Written in one `db.batch` (all or nothing). */
export type NoticeWrite = {
  id: string;
  snapshot: CanonicalSnapshot;
  hash: string;
  summaryHash: string;
  state: "active" | "withdrawn";
  /** false: only the hashes/state moved (no content change), so no snapshot row is added. */
  changed: boolean;
  events: EventToWrite[];
  /** Further statements of the same batch (the notice's contract data). */
  extra?: D1PreparedStatement[];
  /** The search hit (or detail) it was observed as: what saved searches are matched against (alerts/). */
  summary?: NoticeSummary;
};

export function noticeWriteStatements(db: D1Database, w: NoticeWrite, now: string): D1PreparedStatement[] {
  const snap = JSON.stringify(w.snapshot);
  const stmts = [
    db
      .prepare(
        `INSERT INTO notices (id, snapshot, hash, summary_hash, status, published_on, state, first_seen_at, last_seen_at, last_changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)
         ON CONFLICT (id) DO UPDATE SET snapshot = ?2, hash = ?3, summary_hash = ?4, status = ?5,
           published_on = ?6, state = ?7, last_seen_at = ?8,
           last_changed_at = CASE WHEN ?9 THEN ?8 ELSE last_changed_at END`,
      )
      .bind(
        w.id,
        snap,
        w.hash,
        w.summaryHash,
        w.snapshot.status,
        w.snapshot.publishedOn,
        w.state,
        now,
        w.changed ? 1 : 0,
      ),
  ];
  if (w.changed)
    stmts.push(
      db
        .prepare(
          "INSERT OR IGNORE INTO snapshots (notice_id, hash, captured_at, snapshot) VALUES (?, ?, ?, ?)",
        )
        .bind(w.id, w.hash, now, snap),
    );
  for (const e of w.events) stmts.push(eventStatement(db, e, now));
  stmts.push(...(w.extra ?? []));
  return stmts;
}

export function eventStatement(db: D1Database, e: EventToWrite, now: string): D1PreparedStatement {
  const meta: Record<string, unknown> = {};
  if (e.shiftSeconds !== undefined) meta.shiftSeconds = e.shiftSeconds;
  if (e.from !== undefined) meta.from = e.from;
  if (e.to !== undefined) meta.to = e.to;
  const fields = `,${[...new Set(e.changes.map((c) => c.field))].join(",")},`;
  return db
    .prepare(
      `INSERT OR IGNORE INTO events (id, notice_id, dedupe_key, detected_at, kind, changes, fields, meta)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      e.id,
      e.noticeId,
      e.dedupeKey,
      now,
      e.kind,
      JSON.stringify(e.changes),
      fields,
      Object.keys(meta).length > 0 ? JSON.stringify(meta) : null,
    );
}

/** Backfill: a notice first seen as a search hit becomes the baseline (no event); known ids are left alone. */
export function baselineStatements(
  db: D1Database,
  rows: { snapshot: CanonicalSnapshot; hash: string }[],
  now: string,
): D1PreparedStatement[] {
  return rows.flatMap(({ snapshot, hash }) => {
    const snap = JSON.stringify(snapshot);
    return [
      db
        .prepare(
          `INSERT OR IGNORE INTO notices (id, snapshot, hash, summary_hash, status, published_on, state, first_seen_at, last_seen_at, last_changed_at)
           VALUES (?1, ?2, ?3, ?3, ?4, ?5, 'active', ?6, ?6, ?6)`,
        )
        .bind(snapshot.id, snap, hash, snapshot.status, snapshot.publishedOn, now),
      db
        .prepare(
          "INSERT OR IGNORE INTO snapshots (notice_id, hash, captured_at, snapshot) VALUES (?, ?, ?, ?)",
        )
        .bind(snapshot.id, hash, now, snap),
    ];
  });
}

/** Ids of the correcting notices already reported on `id` (`corrected:<new id>` events). */
export async function reportedCorrections(db: D1Database, id: string): Promise<Set<string>> {
  const { results } = await db
    .prepare("SELECT dedupe_key FROM events WHERE notice_id = ? AND dedupe_key LIKE 'corrected:%'")
    .bind(id)
    .all<{ dedupe_key: string }>();
  return new Set(results.map((r) => r.dedupe_key.slice("corrected:".length)));
}

/** Tracked notices the sweep must see: ACTIVE ones, and any published on or after `fromDay`. */
export async function trackedIdsToConfirm(db: D1Database, fromDay: string): Promise<string[]> {
  const { results } = await db
    .prepare(
      "SELECT id FROM notices WHERE state = 'active' AND (status = 'ACTIVE' OR published_on >= ?) ORDER BY id",
    )
    .bind(fromDay)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Earliest publication day of a tracked ACTIVE notice published before `beforeDay` (null: none). */
export async function earliestActiveBefore(db: D1Database, beforeDay: string): Promise<string | null> {
  const row = await db
    .prepare(
      "SELECT MIN(published_on) AS d FROM notices WHERE state = 'active' AND status = 'ACTIVE' AND published_on < ?",
    )
    .bind(beforeDay)
    .first<{ d: string | null }>();
  return row?.d ?? null;
}
