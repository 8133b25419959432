import type { OcdsMetadata } from "@doffin/contracts/ocds";

/** `/ocds/metadata`: the values every filter accepts, each with the number of releases that have it. */
export async function ocdsMetadata(db: D1Database): Promise<OcdsMetadata> {
  const facet = (kind: string) =>
    db
      .prepare(
        "SELECT value, MAX(label) AS label, COUNT(*) AS count FROM ocds_facets WHERE kind = ? GROUP BY value ORDER BY count DESC, value",
      )
      .bind(kind);
  const [totals, years, cpv, ...rest] = await db.batch<Record<string, unknown>>([
    db.prepare(
      "SELECT (SELECT COUNT(*) FROM ocds_releases) AS releases, (SELECT COUNT(DISTINCT ocid) FROM ocds_releases) AS records, (SELECT MAX(stored_at) FROM ocds_releases) AS last",
    ),
    db.prepare("SELECT year AS value, COUNT(*) AS count FROM ocds_releases GROUP BY year ORDER BY year DESC"),
    db.prepare(
      "SELECT substr(value, 1, 2) AS value, COUNT(DISTINCT seq) AS count FROM ocds_facets WHERE kind = 'cpv' GROUP BY 1 ORDER BY 1",
    ),
    facet("buyer"),
    facet("supplier"),
    facet("tag"),
    facet("contract_type"),
    facet("award_criteria"),
    facet("buyer_country"),
    facet("supplier_country"),
  ]);
  type Row = { value: string; label: string; count: number };
  const list = (r: D1Result<Record<string, unknown>> | undefined) => (r?.results ?? []) as Row[];
  const counts = (r: D1Result<Record<string, unknown>> | undefined) =>
    list(r).map(({ value, count }) => ({ value: String(value), count }));
  const orgs = (r: D1Result<Record<string, unknown>> | undefined) =>
    list(r).map(({ value, label, count }) => ({ orgNumber: value, name: label, count }));
  const t = (totals?.results[0] ?? {}) as { releases?: number; records?: number; last?: string | null };
  const [buyers, suppliers, tags, types, criteria, bc, sc] = rest;
  return {
    releases: t.releases ?? 0,
    records: t.records ?? 0,
    lastUpdated: t.last ?? null,
    years: counts(years),
    buyers: orgs(buyers),
    suppliers: orgs(suppliers),
    tags: counts(tags),
    cpvDivisions: counts(cpv),
    contractTypes: counts(types),
    awardCriteria: counts(criteria),
    buyerCountries: counts(bc),
    supplierCountries: counts(sc),
  };
}
