import { type EformsNotice, foldText, tenderWon } from "@doffin/core";
import { ocdsStatements } from "../ocds/store";

/**
 * D1 statements that replace one notice's contract rows (schema: migrations/0002_contract_data.sql).
 * They go into the same `db.batch` as the notice's snapshot, so a notice and its contract data land
 * together or not at all.
 */

const TABLES = ["contract_lots", "contract_results", "contract_tenders", "contract_parties"] as const;

export type ContractRow = {
  noticeId: string;
  xmlHash: string | null;
  r2Key: string | null;
  model: EformsNotice | null;
  error: { reason: string; message: string } | null;
  fetchedAt: string;
};

export function contractStatements(db: D1Database, row: ContractRow): D1PreparedStatement[] {
  const id = row.noticeId;
  const n = row.model;
  const stmts = TABLES.map((t) => db.prepare(`DELETE FROM ${t} WHERE notice_id = ?`).bind(id));
  stmts.push(
    db
      .prepare(
        `INSERT INTO contract_notices (notice_id, xml_hash, r2_key, eforms_notice_id, changed_notice_id, form_type, model, error, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (notice_id) DO UPDATE SET xml_hash = ?2, r2_key = ?3, eforms_notice_id = ?4,
           changed_notice_id = ?5, form_type = ?6, model = ?7, error = ?8, fetched_at = ?9`,
      )
      .bind(
        id,
        row.xmlHash,
        row.r2Key,
        n?.noticeId ?? null,
        n?.changes?.changedNoticeId ?? null,
        n?.formType ?? null,
        n ? JSON.stringify(n) : null,
        row.error ? JSON.stringify(row.error) : null,
        row.fetchedAt,
      ),
  );
  stmts.push(...ocdsStatements(db, row)); // the notice's OCDS releases, in the same batch
  if (!n) return stmts;
  for (const l of n.lots)
    stmts.push(
      db
        .prepare(
          `INSERT OR REPLACE INTO contract_lots (notice_id, lot_id, title, main_cpv, estimated_amount, estimated_currency, framework_max_amount, framework_max_currency)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(
          id,
          l.id,
          l.title,
          l.mainCpv,
          l.estimatedValue?.amount ?? null,
          l.estimatedValue?.currency ?? null,
          l.frameworkMaximumValue?.amount ?? null,
          l.frameworkMaximumValue?.currency ?? null,
        ),
    );
  const partyStmt = (
    role: string,
    o: { ref: string; orgNumber: string | null; name: string },
    lotId: string | null,
    resultId = "",
    tenderId = "",
  ) =>
    db
      .prepare(
        `INSERT OR IGNORE INTO contract_parties (notice_id, role, org_ref, org_number, name, name_key, lot_id, result_id, tender_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(id, role, o.ref, o.orgNumber, o.name, foldText(o.name), lotId ?? "", resultId, tenderId);
  for (const r of n.results?.lots ?? []) {
    const contract = r.contracts[0];
    stmts.push(
      db
        .prepare(
          `INSERT OR REPLACE INTO contract_results (notice_id, result_id, lot_id, outcome, tenders_received, decided_on)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .bind(
          id,
          r.id,
          r.lotId,
          r.outcome,
          r.tendersReceived,
          contract?.awardedOn ?? contract?.concludedOn ?? null,
        ),
    );
    for (const t of r.tenders) {
      const won = tenderWon(r, t.id);
      stmts.push(
        db
          .prepare(
            `INSERT OR REPLACE INTO contract_tenders (notice_id, tender_id, result_id, lot_id, amount, currency, won)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            id,
            t.id,
            r.id,
            t.lotId ?? r.lotId,
            t.value?.amount ?? null,
            t.value?.currency ?? null,
            won ? 1 : 0,
          ),
      );
      for (const o of t.tenderers) {
        stmts.push(partyStmt("tenderer", o, t.lotId ?? r.lotId, r.id, t.id));
        if (won) stmts.push(partyStmt("winner", o, t.lotId ?? r.lotId, r.id, t.id));
      }
    }
    // Winners the notice names without a tender of theirs (no value known).
    const viaTender = new Set(
      r.tenders.filter((t) => tenderWon(r, t.id)).flatMap((t) => t.tenderers.map((o) => o.ref)),
    );
    for (const w of r.winners) if (!viaTender.has(w.ref)) stmts.push(partyStmt("winner", w, r.lotId, r.id));
  }
  for (const b of n.organisations.buyers) stmts.push(partyStmt("buyer", b, null));
  for (const o of n.organisations.reviewBodies) stmts.push(partyStmt("review_body", o, null));
  return stmts;
}
