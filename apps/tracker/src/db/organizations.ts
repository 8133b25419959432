import type { OrganizationAward, OrganizationHit, OrganizationRole } from "@doffin/contracts/organizations";
import { foldText } from "@doffin/core";

/**
 * Organisation reads over the contract tables (migrations/0002_contract_data.sql). A buyer is a
 * `buyer` party, a supplier a `winner` party; only parties with an organisation number are served.
 * Pages are keysets: (name_key, org_number) for the search, (date, notice, result, tender) descending
 * for an organisation's awards.
 */

const ROLE_SQL: Record<OrganizationRole, string> = { buyer: "buyer", supplier: "winner" };
const rolesOf = (role: OrganizationRole | undefined): string[] =>
  role ? [ROLE_SQL[role]] : [ROLE_SQL.buyer, ROLE_SQL.supplier];
const marks = (n: number) => Array.from({ length: n }, () => "?").join(",");

export type SearchAfter = [nameKey: string, orgNumber: string];

export async function searchOrganizations(
  db: D1Database,
  q: { text: string; role?: OrganizationRole | undefined; after: SearchAfter | null; limit: number },
): Promise<{ hits: OrganizationHit[]; next: SearchAfter | null }> {
  const roles = rolesOf(q.role);
  const after = q.after ?? ["", ""];
  const { results } = await db
    .prepare(
      `SELECT org_number, MIN(name_key) AS k FROM contract_parties
       WHERE org_number IS NOT NULL AND role IN (${marks(roles.length)}) AND name_key LIKE ?
       GROUP BY org_number HAVING (k, org_number) > (?, ?)
       ORDER BY k, org_number LIMIT ?`,
    )
    .bind(...roles, `%${foldText(q.text)}%`, after[0], after[1], q.limit + 1)
    .all<{ org_number: string; k: string }>();
  const page = results.slice(0, q.limit);
  const facts = await organizationFacts(
    db,
    page.map((r) => r.org_number),
  );
  const hits = page.flatMap((r) => {
    const f = facts.get(r.org_number);
    return f ? [{ orgNumber: r.org_number, ...f }] : [];
  });
  const last = page.at(-1);
  return { hits, next: results.length > q.limit && last ? [last.k, last.org_number] : null };
}

type Facts = Omit<OrganizationHit, "orgNumber"> & { otherNames: string[] };

/** Name (from its newest notice), other spellings, roles and counts of each organisation. */
export async function organizationFacts(db: D1Database, orgNumbers: string[]): Promise<Map<string, Facts>> {
  const out = new Map<string, Facts>();
  if (orgNumbers.length === 0) return out;
  const [names, counts] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT p.org_number, p.name, MAX(COALESCE(n.published_on, '')) AS newest FROM contract_parties p
         JOIN notices n ON n.id = p.notice_id
         WHERE p.org_number IN (${marks(orgNumbers.length)}) GROUP BY p.org_number, p.name
         ORDER BY p.org_number, newest DESC, p.name`,
      )
      .bind(...orgNumbers),
    db
      .prepare(
        `SELECT org_number, role, COUNT(DISTINCT notice_id) AS notices, COUNT(*) AS rows FROM contract_parties
         WHERE org_number IN (${marks(orgNumbers.length)}) AND role IN ('buyer', 'winner')
         GROUP BY org_number, role`,
      )
      .bind(...orgNumbers),
  ]);
  for (const r of (names?.results ?? []) as { org_number: string; name: string }[]) {
    const f = out.get(r.org_number);
    if (!f)
      out.set(r.org_number, { name: r.name, otherNames: [], roles: [], noticesPublished: 0, awardsWon: 0 });
    else if (r.name !== f.name) f.otherNames.push(r.name);
  }
  for (const r of (counts?.results ?? []) as {
    org_number: string;
    role: string;
    notices: number;
    rows: number;
  }[]) {
    const f = out.get(r.org_number);
    if (!f) continue;
    if (r.role === "buyer") {
      f.roles.unshift("buyer");
      f.noticesPublished = r.notices;
    } else {
      f.roles.push("supplier");
      f.awardsWon = r.rows;
    }
  }
  return out;
}

/** Notices published as buyer, by year (newest first) and Doffin notice type. */
export async function buyerYears(db: D1Database, orgNumber: string) {
  const { results } = await db
    .prepare(
      `SELECT CAST(substr(n.published_on, 1, 4) AS INTEGER) AS year, json_extract(n.snapshot, '$.type') AS type,
         COUNT(DISTINCT n.id) AS count
       FROM contract_parties p JOIN notices n ON n.id = p.notice_id
       WHERE p.org_number = ? AND p.role = 'buyer' AND n.published_on IS NOT NULL
       GROUP BY year, type ORDER BY year DESC, type`,
    )
    .bind(orgNumber)
    .all<{ year: number; type: string; count: number }>();
  const years = new Map<number, { year: number; total: number; byType: { type: string; count: number }[] }>();
  for (const r of results) {
    const y = years.get(r.year) ?? { year: r.year, total: 0, byType: [] };
    y.total += r.count;
    y.byType.push({ type: r.type, count: r.count });
    years.set(r.year, y);
  }
  return [...years.values()];
}

export type AwardAfter = [date: string, noticeId: string, resultId: string, tenderId: string];

type AwardRow = {
  notice_id: string;
  lot_id: string;
  result_id: string;
  tender_id: string;
  title: string | null;
  amount: number | null;
  currency: string | null;
  d: string;
  buyer_name: string | null;
  buyer_org: string | null;
};

/** One page of the awards an organisation won, newest first. */
export async function supplierAwards(
  db: D1Database,
  orgNumber: string,
  after: AwardAfter | null,
  limit: number,
): Promise<{ awards: OrganizationAward[]; next: AwardAfter | null }> {
  const a = after ?? ["\uffff", "", "", ""];
  const { results } = await db
    .prepare(
      `SELECT * FROM (
         SELECT p.notice_id, p.lot_id, p.result_id, p.tender_id, l.title, t.amount, t.currency,
           COALESCE(r.decided_on, n.published_on, '') AS d,
           (SELECT b.name FROM contract_parties b WHERE b.notice_id = p.notice_id AND b.role = 'buyer' ORDER BY b.org_ref LIMIT 1) AS buyer_name,
           (SELECT b.org_number FROM contract_parties b WHERE b.notice_id = p.notice_id AND b.role = 'buyer' ORDER BY b.org_ref LIMIT 1) AS buyer_org
         FROM contract_parties p JOIN notices n ON n.id = p.notice_id
         LEFT JOIN contract_results r ON r.notice_id = p.notice_id AND r.result_id = p.result_id
         LEFT JOIN contract_tenders t ON t.notice_id = p.notice_id AND t.result_id = p.result_id AND t.tender_id = p.tender_id
         LEFT JOIN contract_lots l ON l.notice_id = p.notice_id AND l.lot_id = p.lot_id
         WHERE p.org_number = ? AND p.role = 'winner')
       WHERE (d, notice_id, result_id, tender_id) < (?, ?, ?, ?)
       ORDER BY d DESC, notice_id DESC, result_id DESC, tender_id DESC LIMIT ?`,
    )
    .bind(orgNumber, a[0], a[1], a[2], a[3], limit + 1)
    .all<AwardRow>();
  const page = results.slice(0, limit);
  const last = page.at(-1);
  return {
    awards: page.map((r) => ({
      noticeId: r.notice_id,
      lotId: r.lot_id || null,
      lotTitle: r.title,
      value: r.amount !== null && r.currency ? { amount: r.amount, currency: r.currency } : null,
      buyer: r.buyer_name !== null ? { name: r.buyer_name, orgNumber: r.buyer_org } : null,
      date: r.d || null,
    })),
    next: results.length > limit && last ? [last.d, last.notice_id, last.result_id, last.tender_id] : null,
  };
}
