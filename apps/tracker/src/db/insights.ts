import type { Insights } from "@doffin/contracts/insights";
import { INSIGHTS_TOP } from "@doffin/contracts/insights";
import { addDays, getCpv, getLocation, ROLL_UP_OF, ROLL_UP_TYPES, type RollUpType } from "@doffin/core";

/**
 * Aggregates of `GET /v1/insights` over the tracked notices (migrations/0001_init.sql) and their eForms
 * contract data (0002_contract_data.sql). Every query reads the window through the partial index
 * `notices_published` (`state = 'active'` is part of each WHERE so the planner may use it) and groups in
 * SQL; the canonical snapshot JSON is read with json_each, so no extra columns or migration are needed.
 * Only the day → ISO week fold and the code labels happen here, over at most 731 day rows.
 */

export type InsightsWindow = { from: string; to: string; type: RollUpType | null };

/** `?1` from, `?2` to, `?3` type group or NULL (every query binds the same three). */
const IN_WINDOW = `n.state = 'active' AND n.published_on BETWEEN ?1 AND ?2
  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(n.snapshot, '$.allTypes') g WHERE g.value = ?3))`;

/**
 * The one group a notice counts in per week: the group asked for, else the roll-up of its concrete type
 * (a few notices list two roll-ups in `allTypes`; counting them twice would make the weeks add up to more
 * notices than there are). Notices of an unknown future type drop out of the weekly figures only.
 */
const GROUP_SQL = `COALESCE(?3, CASE json_extract(n.snapshot, '$.type') ${[
  ...ROLL_UP_TYPES.map((t) => [t, t]),
  ...Object.entries(ROLL_UP_OF),
]
  .map(([type, group]) => `WHEN '${type}' THEN '${group}'`)
  .join(" ")} END)`;

const SQL = {
  days: `SELECT n.published_on AS day, ${GROUP_SQL} AS grp, COUNT(*) AS count
    FROM notices n WHERE ${IN_WINDOW} GROUP BY day, grp HAVING grp IS NOT NULL`,
  // Locations are unique per snapshot (canonical form), so COUNT(*) counts notices.
  locations: `SELECT l.value AS code, COUNT(*) AS count
    FROM notices n, json_each(n.snapshot, '$.locations') l WHERE ${IN_WINDOW} GROUP BY code`,
  // CPV codes of the web client's detail (in the snapshot) and of the eForms lots (Public API mode, where
  // the snapshot has no detail); a notice counts once per division.
  divisions: `SELECT division, COUNT(DISTINCT id) AS count FROM (
      SELECT n.id AS id, substr(c.value, 1, 2) AS division
        FROM notices n, json_each(n.snapshot, '$.detail.cpvCodes') c WHERE ${IN_WINDOW}
      UNION
      SELECT n.id, substr(l.main_cpv, 1, 2)
        FROM notices n JOIN contract_lots l ON l.notice_id = n.id WHERE ${IN_WINDOW} AND l.main_cpv IS NOT NULL
    ) GROUP BY division ORDER BY count DESC, division LIMIT ${INSIGHTS_TOP}`,
  // SQLite takes the bare column `name` from the row of the one MAX(): the name on the newest notice.
  buyers: `SELECT json_extract(b.value, '$.orgNumber') AS org, COUNT(DISTINCT n.id) AS count,
      MAX(n.published_on || ' ' || n.id) AS newest, json_extract(b.value, '$.name') AS name
    FROM notices n, json_each(n.snapshot, '$.buyers') b
    WHERE ${IN_WINDOW} AND json_extract(b.value, '$.orgNumber') IS NOT NULL
    GROUP BY org ORDER BY count DESC, org LIMIT ${INSIGHTS_TOP}`,
  awards: `SELECT substr(n.published_on, 1, 7) AS month, t.currency AS currency, SUM(t.amount) AS total,
      COUNT(*) AS count
    FROM contract_tenders t JOIN notices n ON n.id = t.notice_id
    WHERE ${IN_WINDOW} AND t.won = 1 AND t.amount IS NOT NULL AND t.currency IS NOT NULL
    GROUP BY month, currency ORDER BY month, currency`,
} as const;

type DayRow = { day: string; grp: RollUpType; count: number };
type CodeRow = { code: string; count: number };
type DivisionRow = { division: string; count: number };
type BuyerRow = { org: string; name: string; count: number };
type AwardRow = { month: string; currency: string; total: number; count: number };

/**
 * The ISO 8601 week of a date and its Monday.
 * @example isoWeek("2026-11-16") // { week: "2026-W47", start: "2026-11-16" }
 * @example isoWeek("2027-01-01") // { week: "2026-W53", start: "2026-12-28" }
 */
export function isoWeek(day: string): { week: string; start: string } {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const start = addDays(day, -weekday);
  // The week belongs to the year of its Thursday.
  const thursday = new Date(`${addDays(start, 3)}T00:00:00Z`);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { week: `${year}-W${String(week).padStart(2, "0")}`, start };
}

/** Every ISO week touching [from, to], oldest first, with the day counts folded in (zero-filled). */
export function foldWeeks(from: string, to: string, days: readonly DayRow[]): Insights["weekly"] {
  const weeks = new Map<string, Insights["weekly"][number]>();
  for (let start = isoWeek(from).start; start <= to; start = addDays(start, 7)) {
    const { week } = isoWeek(start);
    weeks.set(start, { week, start, PLANNING: 0, COMPETITION: 0, RESULT: 0 });
  }
  for (const r of days) {
    const w = weeks.get(isoWeek(r.day).start);
    if (w) w[r.grp] += r.count;
  }
  return [...weeks.values()];
}

/** Counties (NUTS level 3, legacy 2021 codes included as they were written) with their notice counts. */
function counties(rows: readonly CodeRow[]): Insights["counties"] {
  return rows
    .flatMap((r) => {
      const place = getLocation(r.code);
      return place?.level === 3 ? [{ code: place.code, name: place.nameNb, count: r.count }] : [];
    })
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
}

/** Computes every section of the answer but `generatedAt`, in one D1 round trip. */
export async function queryInsights(
  db: D1Database,
  w: InsightsWindow,
): Promise<Omit<Insights, "generatedAt">> {
  const bind = (sql: string) => db.prepare(sql).bind(w.from, w.to, w.type);
  const [days, locations, divisions, buyers, awards] = await db.batch([
    bind(SQL.days),
    bind(SQL.locations),
    bind(SQL.divisions),
    bind(SQL.buyers),
    bind(SQL.awards),
  ]);
  const rows = <T>(r: D1Result | undefined) => (r?.results ?? []) as T[];
  return {
    from: w.from,
    to: w.to,
    type: w.type,
    weekly: foldWeeks(w.from, w.to, rows<DayRow>(days)),
    counties: counties(rows<CodeRow>(locations)),
    cpvDivisions: rows<DivisionRow>(divisions).map((r) => {
      const cpv = getCpv(`${r.division}000000`);
      return {
        code: r.division,
        label: cpv?.nameNb ?? r.division,
        labelEn: cpv?.nameEn ?? r.division,
        count: r.count,
      };
    }),
    buyers: rows<BuyerRow>(buyers).map((r) => ({ orgNumber: r.org, name: r.name, count: r.count })),
    awardValues: rows<AwardRow>(awards).map((r) => ({
      month: r.month,
      total: r.total,
      currency: r.currency,
      count: r.count,
    })),
  };
}
