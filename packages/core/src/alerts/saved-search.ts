/**
 * A saved search's filter: exactly the parameters of `GET /v1/notices` or `GET /v1/jobs`, validated by the
 * same contracts (`parseSearchQuery` / `parseJobSearchQuery`) and resolved the same way
 * (`resolveSearchQuery` / `resolveJobSearchQuery`), so a filter the REST route would refuse is refused here
 * with the same issues, and a saved search never silently matches nothing because of a typo'd code.
 */
import type { ErrorIssue } from "../domain/envelope";
import { parseSearchQuery, resolveSearchQuery, type SearchQuery } from "../domain/search-query";
import { resolveJobSearchQuery } from "../nav/resolve";
import { type JobSearchQuery, parseJobSearchQuery } from "../nav/search-query";
import { canonicalJson } from "../util/canonical";

/** Where a saved search looks: Doffin notices or NAV job ads. */
export const ALERT_SOURCES = ["notices", "jobs"] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** A validated saved-search filter: the source and its search contract's parsed query. */
export type SavedSearchFilter =
  | { source: "notices"; query: SearchQuery }
  | { source: "jobs"; query: JobSearchQuery };

/** The messages the REST routes give for an invalid search (apps/api services), so both read alike. */
const INVALID_MESSAGE: Record<AlertSource, string> = {
  notices: "The search query is not valid; see issues.",
  jobs: "The job search is not valid; see issues.",
};

/**
 * A saved-search filter the search contract refuses. `issues` are the contract's issues with bare
 * parameter names as paths (`cpv`, `county`), exactly as `parseSearchQuery` / `resolveSearchQuery` (or the
 * job equivalents) give them; apps map this to their `invalid_request` 400 and prefix the paths.
 *
 * @example
 * try { parseSavedSearchFilter("notices", { cpv: "9999*" }); }
 * catch (e) { isSavedSearchFilterError(e) && e.issues[0]?.path; } // "cpv"
 */
export class SavedSearchFilterError extends Error {
  override readonly name = "SavedSearchFilterError";
  readonly source: AlertSource | null;
  readonly issues: ErrorIssue[];
  constructor(source: AlertSource | null, issues: ErrorIssue[], message?: string) {
    super(message ?? (source ? INVALID_MESSAGE[source] : "Unknown saved-search source."));
    this.source = source;
    this.issues = issues;
  }
}

/** @example isSavedSearchFilterError(new SavedSearchFilterError("jobs", [])) // true */
export const isSavedSearchFilterError = (e: unknown): e is SavedSearchFilterError =>
  e instanceof SavedSearchFilterError;

/**
 * Parses and validates a saved search's filter parameters with the search contract of its source
 * (aliases, comma lists, enums, code lists — the same messages as the REST route). Paging, sort and
 * facet parameters are accepted, since the contract accepts them, but play no part in matching.
 *
 * @throws SavedSearchFilterError with every issue at once.
 * @example parseSavedSearchFilter("notices", { type: "competition", cpv: "72*" }).query.type // ["COMPETITION"]
 * @example parseSavedSearchFilter("jobs", { counties: "Oslo" }).query.county // ["Oslo"]
 */
export function parseSavedSearchFilter(
  source: AlertSource,
  params: Record<string, unknown>,
): SavedSearchFilter {
  if (typeof params !== "object" || params === null || Array.isArray(params))
    throw new SavedSearchFilterError(ALERT_SOURCES.includes(source) ? source : null, [
      { path: "(query)", message: "the filter must be an object of search parameters" },
    ]);
  if (source === "notices") {
    const parsed = parseSearchQuery(params as Record<string, string | string[] | undefined>);
    if (!parsed.ok) throw new SavedSearchFilterError(source, parsed.issues);
    const resolved = resolveSearchQuery(parsed.query);
    if (!resolved.ok) throw new SavedSearchFilterError(source, resolved.issues);
    return { source, query: parsed.query };
  }
  if (source === "jobs") {
    const parsed = parseJobSearchQuery(params);
    if (!parsed.ok) throw new SavedSearchFilterError(source, parsed.issues);
    const resolved = resolveJobSearchQuery(parsed.query);
    if (!resolved.ok) throw new SavedSearchFilterError(source, resolved.issues);
    return { source, query: parsed.query };
  }
  throw new SavedSearchFilterError(
    null,
    [{ path: "source", message: `use one of ${ALERT_SOURCES.join(", ")}` }],
    `Unknown saved-search source "${String(source).slice(0, 40)}".`,
  );
}

/** Parameters that change a page of results, never which items match: left out of the stored filter. */
const PAGING_PARAMS = new Set(["page", "limit", "offset", "facets", "sort"]);

/**
 * The filter's matching parameters as canonical JSON (keys sorted, paging/sort/facets dropped), for the
 * `saved_searches.query` column: equal filters give equal strings, and
 * `parseSavedSearchFilter(source, JSON.parse(json))` gives the filter back.
 *
 * @example savedSearchQueryJson(parseSavedSearchFilter("notices", { types: "RESULT", limit: "5" })) // '{"type":["RESULT"]}'
 */
export function savedSearchQueryJson(filter: SavedSearchFilter): string {
  // A list filter is OR over its values: their order does not change what matches, so it is sorted away.
  const params = Object.fromEntries(
    Object.entries(filter.query)
      .filter(([k, v]) => v !== undefined && !PAGING_PARAMS.has(k))
      .map(([k, v]) => [k, Array.isArray(v) ? [...new Set(v.map(String))].sort() : v]),
  );
  return canonicalJson(params);
}
