import { sha256Hex } from "@doffin/core";
import type { JobEventDraft, JobRow } from "./apply";

/** D1 reads and writes of the NAV job tables (migrations/0003_nav_jobs.sql). */

export type JobFeedState = {
  pageId: string | null;
  lastLineKey: string | null;
  lines: number;
  pages: number;
  requests: number;
  updatedAt: string;
};

type Row = {
  uuid: string;
  status: "ACTIVE" | "INACTIVE";
  state: JobRow["state"];
  title: string | null;
  employer_name: string | null;
  municipality: string | null;
  modified: string | null;
  modified_ms: number;
  line_key: string;
  first_seen_at: string;
  last_changed_at: string;
};

export async function readJobFeedState(db: D1Database): Promise<JobFeedState | null> {
  const r = await db
    .prepare(
      "SELECT page_id, last_line_key, lines, pages, requests, updated_at FROM job_feed WHERE id = 'nav'",
    )
    .first<{
      page_id: string | null;
      last_line_key: string | null;
      lines: number;
      pages: number;
      requests: number;
      updated_at: string;
    }>();
  return r
    ? {
        pageId: r.page_id,
        lastLineKey: r.last_line_key,
        lines: r.lines,
        pages: r.pages,
        requests: r.requests,
        updatedAt: r.updated_at,
      }
    : null;
}

/** D1 binds at most 100 parameters per statement. */
const CHUNK = 90;

export async function loadJobs(db: D1Database, uuids: readonly string[]): Promise<Map<string, JobRow>> {
  const out = new Map<string, JobRow>();
  const unique = [...new Set(uuids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    const { results } = await db
      .prepare(`SELECT * FROM jobs WHERE uuid IN (${part.map(() => "?").join(",")})`)
      .bind(...part)
      .all<Row>();
    for (const r of results)
      out.set(r.uuid, {
        uuid: r.uuid,
        status: r.status,
        state: r.state,
        title: r.title,
        employerName: r.employer_name,
        municipality: r.municipality,
        modified: r.modified,
        modifiedMs: r.modified_ms,
        lineKey: r.line_key,
        firstSeenAt: r.first_seen_at,
        lastChangedAt: r.last_changed_at,
      });
  }
  return out;
}

const eventId = async (uuid: string, dedupeKey: string) =>
  `job_${(await sha256Hex(`${uuid}|${dedupeKey}`)).slice(0, 24)}`;

/**
 * One page's writes and the cursor that follows it, as one D1 batch (one transaction): a crash before
 * it leaves the cursor where it was, so the page is read and decided again with the same outcome.
 */
export async function jobPageStatements(
  db: D1Database,
  writes: { row: JobRow; event: JobEventDraft | null }[],
  next: { pageId: string; lastLineKey: string | null; lines: number; requests: number },
  detectedAt: string,
): Promise<D1PreparedStatement[]> {
  const statements: D1PreparedStatement[] = [];
  for (const { row, event } of writes) {
    statements.push(
      db
        .prepare(
          `INSERT INTO jobs (uuid, status, state, title, employer_name, municipality, modified, modified_ms,
             line_key, first_seen_at, last_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (uuid) DO UPDATE SET status = excluded.status, state = excluded.state,
             title = excluded.title, employer_name = excluded.employer_name, municipality = excluded.municipality,
             modified = excluded.modified, modified_ms = excluded.modified_ms, line_key = excluded.line_key,
             last_changed_at = excluded.last_changed_at`,
        )
        .bind(
          row.uuid,
          row.status,
          row.state,
          row.title,
          row.employerName,
          row.municipality,
          row.modified,
          row.modifiedMs,
          row.lineKey,
          row.firstSeenAt,
          row.lastChangedAt,
        ),
    );
    if (event)
      statements.push(
        db
          .prepare(
            `INSERT OR IGNORE INTO job_events (id, uuid, dedupe_key, detected_at, modified, kind, changes, fields)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            await eventId(row.uuid, event.dedupeKey),
            row.uuid,
            event.dedupeKey,
            detectedAt,
            event.modified,
            event.kind,
            JSON.stringify(event.changes),
            `,${event.changes.map((c) => c.field).join(",")},`,
          ),
      );
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO job_feed (id, page_id, last_line_key, lines, pages, requests, updated_at)
         VALUES ('nav', ?, ?, ?, 1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET page_id = excluded.page_id, last_line_key = excluded.last_line_key,
           lines = job_feed.lines + excluded.lines, pages = job_feed.pages + 1,
           requests = job_feed.requests + excluded.requests, updated_at = excluded.updated_at`,
      )
      .bind(next.pageId, next.lastLineKey, next.lines, next.requests, detectedAt),
  );
  return statements;
}

export type JobEventQuery = {
  afterSeq: number | null;
  order: "asc" | "desc";
  since?: string | undefined;
  uuid?: string | undefined;
  kinds?: readonly string[] | undefined;
  limit: number;
};

type EventRow = {
  seq: number;
  id: string;
  uuid: string;
  detected_at: string;
  modified: string | null;
  kind: "created" | "updated" | "expired" | "withdrawn";
  changes: string;
  title: string | null;
  employer_name: string | null;
  municipality: string | null;
  state: JobRow["state"] | null;
};

/** Keyset page of job events by `seq` (the `/v1/changes` conventions), `limit + 1` rows. */
export async function queryJobEvents(db: D1Database, q: JobEventQuery) {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.afterSeq !== null) {
    where.push(q.order === "asc" ? "e.seq > ?" : "e.seq < ?");
    args.push(q.afterSeq);
  }
  if (q.since) {
    where.push("e.detected_at >= ?");
    args.push(q.since);
  }
  if (q.uuid) {
    where.push("e.uuid = ?");
    args.push(q.uuid.toLowerCase());
  }
  if (q.kinds?.length) {
    where.push(`e.kind IN (${q.kinds.map(() => "?").join(",")})`);
    args.push(...q.kinds);
  }
  const { results } = await db
    .prepare(
      `SELECT e.seq, e.id, e.uuid, e.detected_at, e.modified, e.kind, e.changes,
         j.title, j.employer_name, j.municipality, j.state
       FROM job_events e LEFT JOIN jobs j ON j.uuid = e.uuid
       ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY e.seq ${q.order === "asc" ? "ASC" : "DESC"} LIMIT ?`,
    )
    .bind(...args, q.limit + 1)
    .all<EventRow>();
  return results.map((r) => ({
    seq: r.seq,
    id: r.id,
    uuid: r.uuid,
    kind: r.kind,
    detectedAt: r.detected_at,
    modified: r.modified,
    changes: JSON.parse(r.changes) as { field: string; before: unknown; after: unknown }[],
    ...(r.state
      ? {
          job: {
            title: r.title,
            employerName: r.employer_name,
            municipality: r.municipality,
            state: r.state,
          },
        }
      : {}),
  }));
}

export async function lastJobEventAt(db: D1Database): Promise<string | null> {
  const r = await db.prepare("SELECT MAX(detected_at) AS t FROM job_events").first<{ t: string | null }>();
  return r?.t ?? null;
}
