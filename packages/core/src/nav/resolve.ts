import type { ErrorIssue } from "../domain/envelope";
import type { RawQueryParams } from "../util/query-params";
import {
  NAV_COUNTY_NAMES,
  NAV_MUNICIPALITY_NAMES,
  resolveCounty,
  resolveMunicipality,
  suggestNames,
} from "./codes";
import { NAV_RESULT_WINDOW, type NavPagePlan, planNavPages } from "./page-plan";
import { JOB_ENUMS, type JobSearchQuery, parseJobSearchQuery } from "./search-query";

/**
 * A validated job search in NAV's terms: names canonical (upper case as NAV indexes them), every
 * municipality's county included, enumerated values as NAV spells them, and the NAV request plan.
 */
export type ResolvedJobSearch = {
  q: string | null;
  counties: string[];
  municipalities: { county: string; municipality: string }[];
  occupations: { level1: string; level2: string | null }[];
  sector: string[];
  extent: string[];
  engagementType: string[];
  remote: string[];
  /** NAV's `published` value (`now/d`, `now-3d`, `now-7d`) or null. */
  published: string | null;
  sort: "relevant" | "published" | "expires";
  offset: number;
  limit: number;
  facets: boolean;
  plan: NavPagePlan;
};

const did = (near: string[]): string => (near.length > 0 ? `did you mean ${near.join(", ")}? ` : "");

/**
 * Checks code-list values (county, municipality) with suggestions — NAV would silently ignore an
 * unknown one — adds each municipality's county, and plans the NAV pages for `page`/`offset` + `limit`.
 *
 * @example resolveJobSearchQuery({ municipality: ["Asker"], limit: 10, facets: false })
 * // { ok: true, search: { counties: ["AKERSHUS"], municipalities: [{ county: "AKERSHUS", municipality: "ASKER" }], … } }
 */
export function resolveJobSearchQuery(
  query: JobSearchQuery,
): { ok: true; search: ResolvedJobSearch } | { ok: false; issues: ErrorIssue[] } {
  const issues: ErrorIssue[] = [];
  const counties: string[] = [];
  for (const raw of query.county ?? []) {
    const county = resolveCounty(raw);
    if (county) counties.push(county);
    else
      issues.push({
        path: "county",
        message: `unknown county "${raw.slice(0, 60)}"; ${did(suggestNames(NAV_COUNTY_NAMES, raw))}see NAV_COUNTY_NAMES`,
      });
  }
  const municipalities: ResolvedJobSearch["municipalities"] = [];
  for (const raw of query.municipality ?? []) {
    const hit = resolveMunicipality(raw);
    if (hit) {
      municipalities.push(hit);
      if (!counties.includes(hit.county)) counties.push(hit.county);
      continue;
    }
    const name = raw.includes(".") ? raw.slice(raw.indexOf(".") + 1) : raw;
    issues.push({
      path: "municipality",
      message: `unknown or ambiguous municipality "${raw.slice(0, 60)}"; ${did(suggestNames(NAV_MUNICIPALITY_NAMES, name))}give it as COUNTY.MUNICIPALITY if it exists in several counties`,
    });
  }
  const limit = query.limit;
  const offset = query.offset ?? ((query.page ?? 1) - 1) * limit;
  const plan = planNavPages(offset, limit);
  if (plan == null)
    issues.push({
      path: query.offset === undefined ? "page" : "offset",
      message: `NAV serves only the first ${NAV_RESULT_WINDOW} hits of a search; narrow the search or ask for an earlier page`,
    });
  if (issues.length > 0 || plan == null) return { ok: false, issues };
  const nav = <F extends "sector" | "extent" | "engagement_type" | "remote">(
    field: F,
    list: string[] | undefined,
  ) => (list ?? []).map((t) => (JOB_ENUMS[field] as Record<string, string>)[t] ?? t);
  return {
    ok: true,
    search: {
      q: query.q ? query.q : null,
      counties: [...new Set(counties)],
      municipalities,
      occupations: (query.occupation ?? []).map((o) => {
        const dot = o.indexOf(".");
        return dot > 0
          ? { level1: o.slice(0, dot).trim(), level2: o.slice(dot + 1).trim() || null }
          : { level1: o.trim(), level2: null };
      }),
      sector: nav("sector", query.sector),
      extent: nav("extent", query.extent),
      engagementType: nav("engagement_type", query.engagement_type),
      remote: nav("remote", query.remote),
      published: query.published ? JOB_ENUMS.published[query.published] : null,
      sort: query.sort ?? "relevant",
      offset,
      limit,
      facets: query.facets,
      plan,
    },
  };
}

/**
 * The `/stillinger/api/search` query for one planned request. Sends `v=6` so NAV's legacy-name migration
 * never rewrites our parameters, and only the singular names that version reads.
 *
 * @example navSearchParams(search, { from: 0, size: 25 }).toString() // "v=6&county=OSLO&from=0&size=25"
 */
export const navSearchParams = (
  search: ResolvedJobSearch,
  request: { from: number; size: number },
): URLSearchParams => {
  const p = new URLSearchParams({ v: "6" });
  if (search.q) p.append("q", search.q);
  for (const c of search.counties) p.append("county", c);
  for (const m of search.municipalities) p.append("municipal", `${m.county}.${m.municipality}`);
  for (const l1 of new Set(search.occupations.map((o) => o.level1))) p.append("occupationLevel1", l1);
  for (const o of search.occupations) if (o.level2) p.append("occupationLevel2", `${o.level1}.${o.level2}`);
  for (const v of search.sector) p.append("sector", v);
  for (const v of search.extent) p.append("extent", v);
  for (const v of search.engagementType) p.append("engagementType", v);
  for (const v of search.remote) p.append("remote", v);
  if (search.published) p.append("published", search.published);
  if (search.sort !== "relevant") p.append("sort", search.sort);
  p.append("from", String(request.from));
  p.append("size", String(request.size));
  return p;
};

/**
 * The whole job search check in one call: fold and validate (`parseJobSearchQuery`), then code lists and
 * NAV's window (`resolveJobSearchQuery`). The issues are those of the first stage that found any, so a
 * surface that checks up front (the CLI) says exactly what the API would.
 *
 * @example checkJobSearch({ county: "Osloo" }) // { ok: false, issues: [{ path: "county", message: 'unknown county "Osloo"; did you mean OSLO? …' }] }
 */
export function checkJobSearch(
  input: RawQueryParams,
): { ok: true; query: JobSearchQuery; search: ResolvedJobSearch } | { ok: false; issues: ErrorIssue[] } {
  const parsed = parseJobSearchQuery(input);
  if (!parsed.ok) return parsed;
  const resolved = resolveJobSearchQuery(parsed.query);
  if (!resolved.ok) return resolved;
  return { ok: true, query: parsed.query, search: resolved.search };
}
