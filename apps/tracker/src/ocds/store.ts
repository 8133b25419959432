import { mapEformsNotice, OcdsMappingError, type OcdsRelease } from "@doffin/core";
import type { ContractRow } from "../contract/tables";
import { facetsOf } from "./facets";

/**
 * D1 statements that replace one notice's OCDS releases and bump their records (schema:
 * migrations/0003_ocds.sql). They run in the notice's own `db.batch`, right after its contract rows, so a
 * notice, its contract data and its releases land together or not at all. A record is not stored
 * compiled: `/ocds/records` merges all of an ocid's releases when it serves it, so a record always holds
 * every release (never truncated) and the merge is core's one routine.
 */

/** The releases of a stored model; none for a notice we could not read or one the profile maps to none. */
export function releasesOf(row: ContractRow): OcdsRelease[] {
  if (!row.model) return [];
  try {
    return mapEformsNotice(row.model);
  } catch (e) {
    // A notice the profile cannot map (no dispatch date …) stays without release; its contract data stays.
    if (e instanceof OcdsMappingError) return [];
    throw e;
  }
}

/** The UTC day of an instant (the daily bulk files are UTC days). */
const utcDay = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso.slice(0, 10) : new Date(t).toISOString().slice(0, 10);
};

export function ocdsStatements(db: D1Database, row: ContractRow): D1PreparedStatement[] {
  const id = row.noticeId;
  const stmts = [
    db
      .prepare("DELETE FROM ocds_facets WHERE seq IN (SELECT seq FROM ocds_releases WHERE notice_id = ?)")
      .bind(id),
    db.prepare("DELETE FROM ocds_releases WHERE notice_id = ?").bind(id),
  ];
  for (const release of releasesOf(row)) {
    const date = String(release.date);
    const seqOf = "(SELECT seq FROM ocds_releases WHERE release_id = ?)";
    // A release id another notice already wrote (a re-published BT-701) moves here: one id, one release.
    stmts.push(
      db.prepare(`DELETE FROM ocds_facets WHERE seq = ${seqOf}`).bind(release.id),
      db
        .prepare(
          `INSERT OR REPLACE INTO ocds_releases (release_id, ocid, notice_id, date, day, year, release, stored_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(
          release.id,
          release.ocid,
          id,
          date,
          utcDay(date),
          date.slice(0, 4),
          JSON.stringify(release),
          row.fetchedAt,
        ),
      ...facetsOf(release).map((f) =>
        db
          .prepare(
            `INSERT OR IGNORE INTO ocds_facets (seq, ocid, kind, value, label) VALUES (${seqOf}, ?, ?, ?, ?)`,
          )
          .bind(release.id, release.ocid, f.kind, f.value, f.label),
      ),
      db
        .prepare(
          `INSERT INTO ocds_records (ocid, seq, updated_at) VALUES (?1, (SELECT seq FROM ocds_releases WHERE release_id = ?2), ?3)
           ON CONFLICT (ocid) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at`,
        )
        .bind(release.ocid, release.id, row.fetchedAt),
    );
  }
  return stmts;
}
