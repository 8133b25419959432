import type { DoffinSource } from "@doffin/core";
import { BudgetExhausted, withBudget } from "../budget";
import { fetchContract } from "./store";

/**
 * The XML backfill: tracked notices without contract data (baselines from the backfill, notices seen
 * before a key was configured) get their XML, a few per tick within the budget. Its queue is a query,
 * not saved state, so it resumes wherever a tick stopped; each notice's rows are one batch. No events:
 * a backfill is not news.
 */
export type XmlBackfillRun = {
  fetched: number;
  parseErrors: number;
  requestsThisRun: number;
  error: string | null;
};

export async function pendingContractIds(db: D1Database, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT n.id FROM notices n LEFT JOIN contract_notices c ON c.notice_id = n.id
       WHERE n.state = 'active' AND c.notice_id IS NULL ORDER BY n.id LIMIT ?`,
    )
    .bind(limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

export async function runXmlBackfill(args: {
  source: DoffinSource;
  db: D1Database;
  bucket: R2Bucket;
  now: Date;
  budget: number;
}): Promise<XmlBackfillRun> {
  const source = withBudget(args.source, args.budget);
  const out: XmlBackfillRun = { fetched: 0, parseErrors: 0, requestsThisRun: 0, error: null };
  const nowIso = args.now.toISOString();
  try {
    for (const id of await pendingContractIds(args.db, args.budget)) {
      const f = await fetchContract(source, args.db, args.bucket, id, nowIso);
      if (f.statements.length > 0) await args.db.batch(f.statements);
      out.fetched++;
      if (f.parseError) out.parseErrors++;
    }
  } catch (e) {
    if (!(e instanceof BudgetExhausted))
      out.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  out.requestsThisRun = source.used();
  return out;
}

/** `contractData` of /v1/tracker/status. */
export async function contractProgress(db: D1Database, xmlMode: boolean) {
  const r = await db
    .prepare(
      `SELECT
         (SELECT COUNT(*) FROM contract_notices WHERE model IS NOT NULL) AS stored,
         (SELECT COUNT(*) FROM contract_notices WHERE error IS NOT NULL AND xml_hash IS NOT NULL) AS parse_errors,
         (SELECT COUNT(*) FROM contract_notices WHERE xml_hash IS NULL) AS not_found,
         (SELECT COUNT(*) FROM notices n LEFT JOIN contract_notices c ON c.notice_id = n.id
           WHERE n.state = 'active' AND c.notice_id IS NULL) AS pending`,
    )
    .first<{ stored: number; parse_errors: number; not_found: number; pending: number }>();
  return {
    mode: xmlMode ? ("eforms-xml" as const) : ("webclient" as const),
    stored: r?.stored ?? 0,
    pending: r?.pending ?? 0,
    parseErrors: r?.parse_errors ?? 0,
    notFound: r?.not_found ?? 0,
  };
}
