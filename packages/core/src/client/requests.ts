import { type ResolvedSearchFilters, SearchFilters } from "../domain/filters";
import type { SortOrder } from "../domain/vocabulary";
import { PUBLIC_API_PATHS } from "../upstream/public-api";
import { WEBCLIENT_PATHS, type WebclientSearchRequest } from "../upstream/webclient";

/**
 * Pure builders of the exact upstream requests for our `SearchFilters`. The client sends what these
 * return, so the API can derive canonical cache keys from them and tests can assert request shapes.
 * Values within a filter are de-duplicated and sorted: OR within a filter makes order meaningless, and
 * a canonical order gives equal requests (and cache keys) for equal queries.
 */

/**
 * Our sort orders → upstream `sortBy` (both APIs use the same names).
 *
 * @example UPSTREAM_SORT_BY.published_desc // "PUBLICATION_DATE_DESC"
 */
export const UPSTREAM_SORT_BY: Readonly<Record<SortOrder, string>> = {
  relevance: "RELEVANCE",
  published_desc: "PUBLICATION_DATE_DESC",
  published_asc: "PUBLICATION_DATE_ASC",
  deadline: "DEADLINE",
};

/**
 * The sort actually used: the requested one, else relevance for a text query and newest first
 * otherwise (Doffin's own defaults; the Public API's RELEVANCE needs a search string).
 *
 * @example resolveSort({ q: "skole", page: 1, limit: 20 }) // "relevance"
 */
export const resolveSort = (filters: Pick<ResolvedSearchFilters, "q" | "sort">): SortOrder =>
  filters.sort ?? (filters.q?.trim() ? "relevance" : "published_desc");

const canonical = (values: readonly string[] | undefined): string[] =>
  [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))].sort();

const checked = (values: readonly string[] | undefined) => ({ checkedItems: canonical(values) });

/**
 * Filters → body of the web client's `POST search-api/search`. Every facet is sent (empty when unused),
 * as doffin.no itself does.
 *
 * @example
 * buildWebclientSearchBody({ q: "skole", types: ["COMPETITION"], publishedFrom: "2026-03-01" });
 * // { numHitsPerPage: 20, page: 1, searchString: "skole", sortBy: "RELEVANCE",
 * //   facets: { type: { checkedItems: ["COMPETITION"] }, …, publicationDate: { from: "2026-03-01", to: null } } }
 */
export const buildWebclientSearchBody = (input: SearchFilters): WebclientSearchRequest => {
  const f = SearchFilters.parse(input);
  return {
    numHitsPerPage: f.limit,
    page: f.page,
    searchString: f.q?.trim() ?? "",
    sortBy: UPSTREAM_SORT_BY[resolveSort(f)],
    facets: {
      type: checked(f.types),
      status: checked(f.statuses),
      cpvCodesId: checked(f.cpvCodes),
      location: checked(f.locations),
      contractNature: checked(f.contractNatures),
      procurementStrategicLabels: checked(f.strategicLabels),
      buyer: checked(f.buyers),
      winner: checked(f.winners),
      publicationDate: { from: f.publishedFrom ?? null, to: f.publishedTo ?? null },
    },
  };
};

/**
 * Filters the Public API cannot express; `search` refuses them rather than silently ignoring them.
 *
 * @example PUBLIC_API_UNSUPPORTED_FILTERS.includes("buyers") // true
 */
export const PUBLIC_API_UNSUPPORTED_FILTERS = [
  "contractNatures",
  "strategicLabels",
  "buyers",
  "winners",
] as const;
export type PublicApiUnsupportedFilter = (typeof PUBLIC_API_UNSUPPORTED_FILTERS)[number];

/**
 * Which of the given filters the Public API has no parameter for (non-empty ones only).
 *
 * @example unsupportedPublicApiFilters({ buyers: ["Oslo kommune"] }) // ["buyers"]
 */
export const unsupportedPublicApiFilters = (filters: SearchFilters): PublicApiUnsupportedFilter[] =>
  PUBLIC_API_UNSUPPORTED_FILTERS.filter((name) => (filters[name]?.length ?? 0) > 0);

/**
 * Filters → query of the Public API's `GET /public/v2/search`, multi-valued filters as REPEATED
 * parameters (`type=A&type=B`; comma-joined values silently match nothing upstream).
 *
 * The Public API has no publication-date filter: `publishedFrom`/`publishedTo` are sent as
 * `issueDateFrom`/`issueDateTo`. Doffin publishes 0–7 days after the issue date, so the window is the
 * closest the Public API can do; filters it cannot express at all are listed by
 * `unsupportedPublicApiFilters` and not sent.
 *
 * @example
 * buildPublicApiSearchParams({ types: ["RESULT", "COMPETITION"], page: 2, limit: 50 }).toString();
 * // "numHitsPerPage=50&page=2&sortBy=PUBLICATION_DATE_DESC&type=COMPETITION&type=RESULT"
 */
export const buildPublicApiSearchParams = (input: SearchFilters): URLSearchParams => {
  const f = SearchFilters.parse(input);
  const params = new URLSearchParams();
  params.append("numHitsPerPage", String(f.limit));
  params.append("page", String(f.page));
  params.append("sortBy", UPSTREAM_SORT_BY[resolveSort(f)]);
  const q = f.q?.trim();
  if (q) params.append("searchString", q);
  for (const v of canonical(f.types)) params.append("type", v);
  for (const v of canonical(f.statuses)) params.append("status", v);
  for (const v of canonical(f.cpvCodes)) params.append("cpvCode", v);
  for (const v of canonical(f.locations)) params.append("location", v);
  if (f.publishedFrom) params.append("issueDateFrom", f.publishedFrom);
  if (f.publishedTo) params.append("issueDateTo", f.publishedTo);
  return params;
};

/** A fully described upstream request (method, path relative to the base URL, query, JSON body). */
export type UpstreamRequest =
  | { method: "POST"; path: string; body: WebclientSearchRequest }
  | { method: "GET"; path: string; query: string };

/**
 * The upstream search request for a source kind — what the client sends, in a form fit for a cache key.
 *
 * @example JSON.stringify(buildSearchRequest("webclient", { q: "skole" }))
 */
export const buildSearchRequest = (
  kind: "webclient" | "public-api",
  filters: SearchFilters,
): UpstreamRequest =>
  kind === "webclient"
    ? { method: "POST", path: WEBCLIENT_PATHS.search, body: buildWebclientSearchBody(filters) }
    : { method: "GET", path: PUBLIC_API_PATHS.search, query: buildPublicApiSearchParams(filters).toString() };
