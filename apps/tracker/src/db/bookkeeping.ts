import type { BackfillProgress, SweepSummary } from "@doffin/core";

/** Sweep and backfill bookkeeping: one row per sweep (with resumable state) and one per backfill job. */

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

export const emptyBackfill = (): BackfillProgress => ({
  status: "idle",
  harvested: 0,
  upstreamRequests: 0,
  windowsPending: 0,
  truncatedWindows: 0,
  updatedAt: null,
});
