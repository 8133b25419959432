import { buildRecord, type OcdsRecord, type OcdsRelease } from "@doffin/core";
import { type ResolvedFilters, recordWhere, releaseWhere } from "./filters";

/**
 * Reading releases and records from D1. Pages are keysets on the write order (`seq`): a row written
 * while a client pages sorts after every row it has seen, so following `links.next` to the end returns
 * each release once and misses none.
 */

/** D1 binds at most 100 parameters per statement. */
const CHUNK = 90;

export type ReleaseRow = { seq: number; release: OcdsRelease; storedAt: string };
/** A release as stored: its compact JSON text, never parsed (a page is spliced, not re-serialised). */
export type ReleaseTextRow = { seq: number; json: string; storedAt: string };

export async function releasePage(
  db: D1Database,
  f: ResolvedFilters,
  afterSeq: number,
  limit: number,
): Promise<ReleaseTextRow[]> {
  const w = releaseWhere(f);
  const rows = await db
    .prepare(
      `SELECT r.seq, r.release, r.stored_at FROM ocds_releases r
       WHERE ${["r.seq > ?", ...w.sql].join(" AND ")} ORDER BY r.seq LIMIT ?`,
    )
    .bind(afterSeq, ...w.args, limit + 1)
    .all<{ seq: number; release: string; stored_at: string }>();
  return rows.results.map((r) => ({ seq: r.seq, json: r.release, storedAt: r.stored_at }));
}

export type RecordRow = { seq: number; record: OcdsRecord; updatedAt: string };

/** All releases of these ocids, grouped (date order is buildRecord's). */
export async function releasesOfOcids(db: D1Database, ocids: string[]): Promise<Map<string, OcdsRelease[]>> {
  const out = new Map<string, OcdsRelease[]>();
  for (let i = 0; i < ocids.length; i += CHUNK) {
    const part = ocids.slice(i, i + CHUNK);
    const rows = await db
      .prepare(
        `SELECT ocid, release FROM ocds_releases WHERE ocid IN (${part.map(() => "?").join(",")}) ORDER BY seq`,
      )
      .bind(...part)
      .all<{ ocid: string; release: string }>();
    for (const r of rows.results) out.set(r.ocid, [...(out.get(r.ocid) ?? []), JSON.parse(r.release)]);
  }
  return out;
}

export async function recordPage(
  db: D1Database,
  f: ResolvedFilters,
  afterSeq: number,
  limit: number,
): Promise<RecordRow[]> {
  const w = recordWhere(f);
  const rows = await db
    .prepare(
      `SELECT o.ocid, o.seq, o.updated_at FROM ocds_records o
       WHERE ${["o.seq > ?", ...w.sql].join(" AND ")} ORDER BY o.seq LIMIT ?`,
    )
    .bind(afterSeq, ...w.args, limit + 1)
    .all<{ ocid: string; seq: number; updated_at: string }>();
  const releases = await releasesOfOcids(
    db,
    rows.results.map((r) => r.ocid),
  );
  // A record whose releases all moved to another ocid (a re-stored notice) has nothing left to serve.
  return rows.results.flatMap((r) => {
    const rs = releases.get(r.ocid);
    return rs && rs.length > 0 ? [{ seq: r.seq, record: buildRecord(rs), updatedAt: r.updated_at }] : [];
  });
}

export async function oneRelease(db: D1Database, id: string): Promise<ReleaseRow | null> {
  const r = await db
    .prepare("SELECT seq, release, stored_at FROM ocds_releases WHERE release_id = ?")
    .bind(id)
    .first<{ seq: number; release: string; stored_at: string }>();
  return r ? { seq: r.seq, release: JSON.parse(r.release), storedAt: r.stored_at } : null;
}

export async function oneRecord(db: D1Database, ocid: string): Promise<RecordRow | null> {
  const o = await db
    .prepare("SELECT seq, updated_at FROM ocds_records WHERE ocid = ?")
    .bind(ocid)
    .first<{ seq: number; updated_at: string }>();
  const rs = o ? (await releasesOfOcids(db, [ocid])).get(ocid) : undefined;
  return o && rs && rs.length > 0 ? { seq: o.seq, record: buildRecord(rs), updatedAt: o.updated_at } : null;
}

/** Newest write (Last-Modified of pages that are empty). */
export async function lastStoredAt(db: D1Database): Promise<string | null> {
  const r = await db.prepare("SELECT MAX(stored_at) AS t FROM ocds_releases").first<{ t: string | null }>();
  return r?.t ?? null;
}
