import { ACCESSIBLE_HITS_CAP } from "../domain/filters";
import type { FacetItem, Facets, SearchResult } from "../domain/notice";
import type { PublicApiSearchResponse } from "../upstream/public-api";
import type { WebclientResponseFacets, WebclientSearchResponse } from "../upstream/webclient";
import { normalizePublicApiHit, normalizeWebclientHit } from "./summary";

/**
 * Web client facet names (current and 2024 spellings) → our facet names. Facets not listed here are
 * dropped so the public contract does not change when Doffin adds one.
 *
 * @example FACET_NAME_OF.contractNature // "contract_nature"
 */
export const FACET_NAME_OF: Readonly<Record<string, string>> = {
  type: "type",
  status: "status",
  contractNature: "contract_nature",
  location: "location",
  locations: "location",
  cpvCode: "cpv",
  cpvCodesId: "cpv",
  procurementStrategicLabels: "strategic_label",
  buyer: "buyer",
  winner: "winner",
};

/**
 * Web client response facets → our `Facets`. Labels stay null: the API resolves them from code lists.
 * When Doffin sends both spellings of a facet (`location` and `locations`) the first one wins.
 *
 * @example
 * normalizeWebclientFacets({ locations: { items: [{ id: "NO081", total: 108 }] } });
 * // { location: [{ id: "NO081", label: null, count: 108 }] }
 */
export const normalizeWebclientFacets = (facets: WebclientResponseFacets | null | undefined): Facets => {
  const out: Facets = {};
  for (const [upstreamName, facet] of Object.entries(facets ?? {})) {
    const name = FACET_NAME_OF[upstreamName];
    if (!name || !facet?.items || out[name]) continue;
    out[name] = facet.items.map(
      (item): FacetItem => ({ id: String(item.id), label: null, count: item.total ?? 0 }),
    );
  }
  return out;
};

/** The page and page size the request asked for (the responses do not echo them). */
export type PageInfo = { page: number; limit: number };

const accessibleOf = (total: number, accessible: number | null | undefined): number =>
  accessible ?? Math.min(total, ACCESSIBLE_HITS_CAP);

/**
 * A web client search response → `SearchResult`.
 *
 * @example normalizeWebclientSearch(WebclientSearchResponse.parse(json), { page: 1, limit: 20 }).accessible
 */
export const normalizeWebclientSearch = (res: WebclientSearchResponse, page: PageInfo): SearchResult => ({
  items: res.hits.map(normalizeWebclientHit),
  total: res.numHitsTotal,
  accessible: accessibleOf(res.numHitsTotal, res.numHitsAccessible),
  page: page.page,
  limit: page.limit,
  facets: normalizeWebclientFacets(res.facets),
});

/**
 * A Public API search response → `SearchResult`. The Public API returns no facets, so `facets` is `{}`.
 *
 * @example normalizePublicApiSearch(PublicApiSearchResponse.parse(json), { page: 2, limit: 3 }).total // 157143
 */
export const normalizePublicApiSearch = (res: PublicApiSearchResponse, page: PageInfo): SearchResult => ({
  items: res.hits.map(normalizePublicApiHit),
  total: res.numHitsTotal,
  accessible: accessibleOf(res.numHitsTotal, res.numHitsAccessible),
  page: page.page,
  limit: page.limit,
  facets: {},
});
