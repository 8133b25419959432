import type { OcdsReleasesQuery } from "@doffin/contracts/ocds";
import { foldText } from "@doffin/core";
import { ApiError } from "@doffin/http";

/**
 * OCDS filters as SQL. Every facet filter is checked against the stored values first (what
 * `/ocds/metadata` lists): a value no release has is a 400 naming close values, never a silent empty page.
 */
export type Condition = { kind: string; value: string; prefix?: boolean };
export type ResolvedFilters = {
  facets: Condition[];
  year?: string;
  ocid?: string;
  dateFrom?: string;
  dateTo?: string;
  updatedSince?: string;
};

type Db = D1Database;

async function suggestions(db: Db, kinds: string[], needle: string): Promise<string[]> {
  const inList = kinds.map(() => "?").join(",");
  const near = await db
    .prepare(
      `SELECT label, COUNT(*) AS n FROM ocds_facets WHERE kind IN (${inList}) AND value LIKE ? ESCAPE '\\'
       GROUP BY label ORDER BY n DESC LIMIT 5`,
    )
    .bind(...kinds, `%${needle.replace(/[\\%_]/g, (m) => `\\${m}`).slice(0, 3)}%`)
    .all<{ label: string }>();
  if (near.results.length > 0) return near.results.map((r) => r.label);
  const top = await db
    .prepare(
      `SELECT label, COUNT(*) AS n FROM ocds_facets WHERE kind IN (${inList}) GROUP BY label ORDER BY n DESC LIMIT 5`,
    )
    .bind(...kinds)
    .all<{ label: string }>();
  return top.results.map((r) => r.label);
}

async function known(db: Db, c: Condition): Promise<boolean> {
  const sql = c.prefix
    ? "SELECT 1 AS x FROM ocds_facets WHERE kind = ? AND value LIKE ? LIMIT 1"
    : "SELECT 1 AS x FROM ocds_facets WHERE kind = ? AND value = ? LIMIT 1";
  return (
    (await db
      .prepare(sql)
      .bind(c.kind, c.prefix ? `${c.value}%` : c.value)
      .first()) !== null
  );
}

const unknownValue = (param: string, given: string, near: string[]) => {
  const hint =
    near.length > 0 ? `; did you mean ${near.map((s) => `"${s}"`).join(", ")}?` : "; no release has one yet";
  const message = `no stored release has ${param}=${given}${hint} (see /ocds/metadata)`;
  return new ApiError("invalid_request", message, { issues: [{ path: `query.${param}`, message }] });
};

/** An organisation filter: 9 digits (spaces allowed) → the org number, anything else → the folded name. */
const orgCondition = (role: "buyer" | "supplier", v: string): Condition => {
  const digits = v.replace(/\s+/g, "").replace(/^NO/i, "").replace(/MVA$/i, "");
  return /^\d{9}$/.test(digits)
    ? { kind: role, value: digits }
    : { kind: `${role}_name`, value: foldText(v) };
};

export async function resolveFilters(db: Db, q: OcdsReleasesQuery): Promise<ResolvedFilters> {
  const checks: [string, string, Condition, string[]][] = [];
  if (q.buyer) checks.push(["buyer", q.buyer, orgCondition("buyer", q.buyer), ["buyer", "buyer_name"]]);
  if (q.supplier)
    checks.push([
      "supplier",
      q.supplier,
      orgCondition("supplier", q.supplier),
      ["supplier", "supplier_name"],
    ]);
  if (q.cpv) checks.push(["cpv", q.cpv, { kind: "cpv", value: q.cpv, prefix: true }, ["cpv"]]);
  for (const p of ["contract_type", "award_criteria", "buyer_country", "supplier_country", "tag"] as const) {
    const v = q[p];
    if (v) checks.push([p, v, { kind: p, value: v }, [p]]);
  }
  const facets: Condition[] = [];
  for (const [param, given, cond, kinds] of checks) {
    if (!(await known(db, cond))) throw unknownValue(param, given, await suggestions(db, kinds, cond.value));
    facets.push(cond);
  }
  if (q.year) {
    const y = await db
      .prepare("SELECT 1 AS x FROM ocds_releases WHERE year = ? LIMIT 1")
      .bind(q.year)
      .first();
    if (!y) {
      const years = await db
        .prepare("SELECT DISTINCT year FROM ocds_releases ORDER BY year DESC LIMIT 5")
        .all<{ year: string }>();
      throw unknownValue(
        "year",
        q.year,
        years.results.map((r) => r.year),
      );
    }
  }
  if (q.ocid) {
    const o = await db.prepare("SELECT 1 AS x FROM ocds_records WHERE ocid = ?").bind(q.ocid).first();
    if (!o) throw unknownValue("ocid", q.ocid, []);
  }
  if (q.date_from && q.date_to && q.date_from >= q.date_to) {
    const message = "date_from must be before date_to";
    throw new ApiError("invalid_request", message, { issues: [{ path: "query.date_to", message }] });
  }
  return {
    facets,
    year: q.year,
    ocid: q.ocid,
    dateFrom: q.date_from,
    dateTo: q.date_to,
    updatedSince: q.updated_since,
  };
}

type Where = { sql: string[]; args: unknown[] };
const where = (): Where & { add: (sql: string, ...args: unknown[]) => void } => {
  const w: Where = { sql: [], args: [] };
  return {
    ...w,
    add: (sql, ...args) => {
      w.sql.push(sql);
      w.args.push(...args);
    },
  };
};

/** Facet conditions; `join` ties the facet row to the release (`f.seq = r.seq`) or record (`f.ocid = o.ocid`). */
const addFacets = (w: ReturnType<typeof where>, f: ResolvedFilters, join: string) => {
  for (const c of f.facets)
    w.add(
      `EXISTS (SELECT 1 FROM ocds_facets f WHERE ${join} AND f.kind = ? AND f.value ${c.prefix ? "LIKE" : "="} ?)`,
      c.kind,
      c.prefix ? `${c.value}%` : c.value,
    );
};

/** Release-date conditions over `ocds_releases r`. release.date keeps its offset: compare instants, not strings. */
const addDates = (w: ReturnType<typeof where>, f: ResolvedFilters) => {
  if (f.year) w.add("r.year = ?", f.year);
  if (f.dateFrom) w.add("julianday(r.date) >= julianday(?)", f.dateFrom);
  if (f.dateTo) w.add("julianday(r.date) < julianday(?)", f.dateTo);
};

/** `WHERE` parts over `ocds_releases r` (releases) — a facet must be on the release itself. */
export function releaseWhere(f: ResolvedFilters): Where {
  const w = where();
  addFacets(w, f, "f.seq = r.seq");
  addDates(w, f);
  if (f.ocid) w.add("r.ocid = ?", f.ocid);
  if (f.updatedSince) w.add("r.stored_at >= ?", f.updatedSince);
  return { sql: w.sql, args: w.args };
}

/**
 * `WHERE` parts over `ocds_records o`: each filter must hold for some release of the record (not
 * necessarily the same one: buyer from the competition, supplier from the award).
 */
export function recordWhere(f: ResolvedFilters): Where {
  const w = where();
  addFacets(w, f, "f.ocid = o.ocid");
  const dated = where();
  addDates(dated, f);
  if (dated.sql.length > 0)
    w.add(
      `EXISTS (SELECT 1 FROM ocds_releases r WHERE r.ocid = o.ocid AND ${dated.sql.join(" AND ")})`,
      ...dated.args,
    );
  if (f.ocid) w.add("o.ocid = ?", f.ocid);
  if (f.updatedSince) w.add("o.updated_at >= ?", f.updatedSince);
  return { sql: w.sql, args: w.args };
}
