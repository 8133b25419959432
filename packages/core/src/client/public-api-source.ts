import { MAX_PAGE_SIZE, SearchFilters } from "../domain/filters";
import { NotFoundError } from "../errors";
import { noticeFromPublicApiHit } from "../normalize/detail";
import { normalizePublicApiSearch } from "../normalize/search";
import { PUBLIC_API_KEY_HEADER, PUBLIC_API_PATHS, PublicApiSearchResponse } from "../upstream/public-api";
import { decode, joinUrl, send, type Transport } from "./http";
import {
  buildPublicApiSearchParams,
  type PublicApiUnsupportedFilter,
  unsupportedPublicApiFilters,
} from "./requests";
import type { DoffinSource } from "./types";

/**
 * Thrown by the Public API source for filters it has no parameter for (contract nature, strategic labels,
 * buyer, winner). Answering without them would be a silently wrong result; apps map this to a 400.
 *
 * @example
 * try { await client.search({ buyers: ["Oslo kommune"] }) }
 * catch (e) { if (e instanceof UnsupportedFilterError) e.filters; // ["buyers"] }
 */
export class UnsupportedFilterError extends Error {
  override readonly name = "UnsupportedFilterError";
  readonly filters: PublicApiUnsupportedFilter[];
  constructor(filters: PublicApiUnsupportedFilter[]) {
    super(`The Doffin Public API cannot filter by ${filters.join(", ")}`);
    this.filters = filters;
  }
}

/**
 * The Public API's eForms XML download on its own: the Public API source's `downloadXml`, and the web
 * client source's when a key is given. A 404 is `NotFoundError`, like every unknown id.
 */
export const createPublicApiDownload =
  (baseUrl: string, apiKey: string, t: Transport) =>
  async (id: string): Promise<string> => {
    const raw = await send(
      t,
      joinUrl(baseUrl, PUBLIC_API_PATHS.download(id)),
      { headers: { accept: "application/xml", [PUBLIC_API_KEY_HEADER]: apiKey } },
      [404],
    );
    if (raw.status === 404) throw new NotFoundError(`notice ${id}`);
    return raw.text;
  };

/**
 * The Public API (subscription key) as a `DoffinSource`: search and XML download. It has no facets
 * (`facets` is `{}`), no CPV tree, and no JSON notice endpoint: `getNotice` searches for the id and takes
 * the hit with exactly that id (so `sections`, `changeNotices` and `timeline` are empty).
 */
export const createPublicApiSource = (baseUrl: string, apiKey: string, t: Transport): DoffinSource => {
  const headers = { accept: "application/json", [PUBLIC_API_KEY_HEADER]: apiKey };

  const searchRaw = async (filters: SearchFilters) => {
    const query = buildPublicApiSearchParams(filters).toString();
    const raw = await send(t, `${joinUrl(baseUrl, PUBLIC_API_PATHS.search)}?${query}`, { headers });
    return decode(PublicApiSearchResponse, raw, "search");
  };

  return {
    kind: "public-api",

    async search(filters) {
      const unsupported = unsupportedPublicApiFilters(filters);
      if (unsupported.length > 0) throw new UnsupportedFilterError(unsupported);
      const { page, limit } = SearchFilters.parse(filters);
      return normalizePublicApiSearch(await searchRaw(filters), { page, limit });
    },

    async getNotice(id) {
      const res = await searchRaw({ q: id, limit: MAX_PAGE_SIZE, sort: "relevance" });
      const hit = res.hits.find((h) => h.id === id);
      if (!hit) throw new NotFoundError(`notice ${id}`);
      return noticeFromPublicApiHit(hit);
    },

    async getCpvTree() {
      return null;
    },

    hasXml: true,
    downloadXml: createPublicApiDownload(baseUrl, apiKey, t),
  };
};
