import {
  type BackfillProgress,
  type CanonicalSnapshot,
  CanonicalSnapshot as CanonicalSnapshotSchema,
  type ChangeEvent,
  type ClassifiedEvent,
  type SnapshotRecord,
  type SweepSummary,
} from "@doffin/core";

/** Typed queries of the tracker's D1 database (schema: migrations/0001_init.sql). */

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

// ---- sweeps ----

type SweepRow = {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: SweepSummary["status"];
  notices_checked: number;
  events: number;
  errors: number;
  upstream_requests: number;
  last_error: string | null;
  state: string | null;
};

const sweepOf = (r: SweepRow): SweepSummary => ({
  id: r.id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  noticesChecked: r.notices_checked,
  events: r.events,
  errors: r.errors,
  upstreamRequests: r.upstream_requests,
  lastError: r.last_error,
});

/** The newest sweep that has not finished, with its saved progress. */
export async function unfinishedSweep(
  db: D1Database,
): Promise<(SweepSummary & { state: string | null }) | null> {
  const r = await db
    .prepare("SELECT * FROM sweeps WHERE status IN ('running', 'partial') ORDER BY id DESC LIMIT 1")
    .first<SweepRow>();
  return r ? { ...sweepOf(r), state: r.state } : null;
}

export async function openSweep(db: D1Database, now: string, state: string): Promise<number> {
  // run() rather than RETURNING + first(): write accounting (tests, bench) reads `meta.rows_written`.
  const r = await db
    .prepare("INSERT INTO sweeps (started_at, status, state) VALUES (?, 'running', ?)")
    .bind(now, state)
    .run();
  return Number(r.meta.last_row_id);
}

export function saveSweep(
  db: D1Database,
  id: number,
  s: Omit<SweepSummary, "id" | "startedAt"> & { state: string | null },
): Promise<D1Result> {
  return db
    .prepare(
      `UPDATE sweeps SET finished_at = ?, status = ?, notices_checked = ?, events = ?, errors = ?,
         upstream_requests = ?, last_error = ?, state = ? WHERE id = ?`,
    )
    .bind(
      s.finishedAt,
      s.status,
      s.noticesChecked,
      s.events,
      s.errors,
      s.upstreamRequests,
      s.lastError,
      s.state,
      id,
    )
    .run();
}

export async function lastSweep(db: D1Database): Promise<SweepSummary | null> {
  const r = await db.prepare("SELECT * FROM sweeps ORDER BY id DESC LIMIT 1").first<SweepRow>();
  return r ? sweepOf(r) : null;
}

// ---- backfill ----

export async function loadBackfill(
  db: D1Database,
  id: string,
): Promise<{ state: string; status: "running" | "done"; updatedAt: string } | null> {
  const r = await db
    .prepare("SELECT state, status, updated_at FROM backfill WHERE id = ?")
    .bind(id)
    .first<{ state: string; status: "running" | "done"; updated_at: string }>();
  return r ? { state: r.state, status: r.status, updatedAt: r.updated_at } : null;
}

export function saveBackfillStatement(
  db: D1Database,
  id: string,
  state: string,
  status: "running" | "done",
  now: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO backfill (id, state, status, updated_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (id) DO UPDATE SET state = ?2, status = ?3, updated_at = ?4`,
    )
    .bind(id, state, status, now);
}

// ---- feed ----

type EventRow = {
  seq: number;
  id: string;
  notice_id: string;
  detected_at: string;
  kind: ChangeEvent["kind"];
  changes: string;
  meta: string | null;
};

export const eventOf = (r: EventRow): ChangeEvent => ({
  id: r.id,
  noticeId: r.notice_id,
  detectedAt: r.detected_at,
  kind: r.kind,
  changes: JSON.parse(r.changes),
  ...(r.meta ? JSON.parse(r.meta) : {}),
});

export type EventQuery = {
  afterSeq: number;
  since?: string | undefined;
  noticeId?: string | undefined;
  kind?: string | undefined;
  field?: string | undefined;
  limit: number;
};

/** Keyset page of events in insertion order (`seq`); returns `limit + 1` rows to tell whether more exist. */
export async function queryEvents(db: D1Database, q: EventQuery): Promise<(ChangeEvent & { seq: number })[]> {
  const where = ["seq > ?"];
  const args: (string | number)[] = [q.afterSeq];
  if (q.since) {
    where.push("detected_at >= ?");
    args.push(q.since);
  }
  if (q.noticeId) {
    where.push("notice_id = ?");
    args.push(q.noticeId);
  }
  if (q.kind) {
    where.push("kind = ?");
    args.push(q.kind);
  }
  if (q.field) {
    where.push("instr(fields, ?) > 0");
    args.push(`,${q.field},`);
  }
  const { results } = await db
    .prepare(`SELECT * FROM events WHERE ${where.join(" AND ")} ORDER BY seq LIMIT ?`)
    .bind(...args, q.limit + 1)
    .all<EventRow>();
  return results.map((r) => ({ ...eventOf(r), seq: r.seq }));
}

export async function lastEventAt(db: D1Database): Promise<string | null> {
  const r = await db.prepare("SELECT MAX(detected_at) AS t FROM events").first<{ t: string | null }>();
  return r?.t ?? null;
}

export async function noticeRecord(db: D1Database, id: string) {
  return db
    .prepare("SELECT id, state, first_seen_at, last_seen_at, last_changed_at FROM notices WHERE id = ?")
    .bind(id)
    .first<{
      id: string;
      state: "active" | "withdrawn";
      first_seen_at: string;
      last_seen_at: string;
      last_changed_at: string;
    }>();
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

export const emptyBackfill = (): BackfillProgress => ({
  status: "idle",
  harvested: 0,
  upstreamRequests: 0,
  windowsPending: 0,
  truncatedWindows: 0,
  updatedAt: null,
});
