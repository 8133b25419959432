import {
  canonicalJson,
  labelFacets,
  type ResolvedSearchFilters,
  resolveSearchQuery,
  SearchHints,
  type SearchQuery,
  SearchResult,
  searchHints,
  UnsupportedFilterError,
} from "@doffin/core";
import { ApiError } from "@doffin/http";
import type { z } from "zod";
import { type CacheResult, cacheKeys, type Loaded } from "../cache";
import type { ServiceCall } from "./container";
import { createMemo } from "./memo";

/**
 * Search as a service: validated query → code resolution → cache → Doffin → normalize → the cached
 * SearchResult. REST serves the cached bytes; tools read the value (`bodyOf`). Issues name the public
 * parameters bare (`cpv`); each surface prefixes or renames them (REST `query.cpv`, tools their names).
 */

/** Core filter names → public parameter names, for issue paths. */
const PUBLIC_NAME_OF: Record<string, string> = {
  contractNatures: "contract_nature",
  types: "type",
  statuses: "status",
  cpvCodes: "cpv",
  locations: "location",
  publishedFrom: "published_from",
  publishedTo: "published_to",
};

/** The search answer: core's SearchResult plus `hints` on an empty free-text search. */
export const SearchAnswer = SearchResult.extend({ hints: SearchHints.optional() }).meta({
  description:
    "One page of hits. Facet counts are disjunctive: a facet's counts ignore that facet's own filter (they count every value as if it alone were chosen), so they can add up to more than `total`.",
});
export type SearchAnswer = z.infer<typeof SearchAnswer>;

type Prepared = { filters: ResolvedSearchFilters; facets: boolean; key: string };

/** Code resolution and hashing are pure functions of the validated query (see memo.ts). */
const prepared = createMemo<Prepared>();

const prepare = (query: SearchQuery): Promise<Prepared> =>
  prepared.get(canonicalJson(query), async () => {
    const resolved = resolveSearchQuery(query);
    if (!resolved.ok)
      throw new ApiError("invalid_request", "The search query is not valid; see issues.", {
        issues: resolved.issues,
      });
    return {
      filters: resolved.filters,
      facets: resolved.facets,
      key: await cacheKeys.search(resolved.canonical),
    };
  });

/**
 * One page of hits for a validated query, through the cache.
 * @throws ApiError invalid_request (unresolvable codes, filters the upstream cannot apply); core's upstream errors.
 * @example bodyOf<SearchResult>((await searchNotices(call, SearchQuery.parse({ q: "skole" }))).entry).total
 */
export async function searchNotices(call: ServiceCall, query: SearchQuery): Promise<CacheResult> {
  const s = call.services;
  const { filters, facets, key } = await prepare(query);
  const load = async (): Promise<Loaded> => {
    const result = await s.source.search(filters).catch((err: unknown) => {
      if (err instanceof UnsupportedFilterError)
        throw new ApiError("invalid_request", `${err.message} (this gateway runs on the Public API).`, {
          issues: err.filters.map((f) => ({
            path: PUBLIC_NAME_OF[f] ?? f,
            message:
              "the Doffin Public API cannot filter by this; drop it or run the gateway on the web client",
          })),
        });
      throw err;
    });
    const body = SearchAnswer.parse({
      ...result,
      facets: facets ? labelFacets(result.facets) : {},
      // No silent zero: an empty free-text search says what might work instead.
      ...(result.total === 0 && filters.q ? { hints: searchHints(filters.q) } : {}),
    });
    return { status: 200, body: JSON.stringify(body) };
  };
  return s.cache.get(key, s.policies.search, load, call.waitUntil);
}

/**
 * The same error with every issue path mapped (bare public name → a surface's name).
 * @example withIssuePaths(err, (p) => `query.${p}`)
 */
export function withIssuePaths(err: unknown, map: (path: string) => string): unknown {
  if (!(err instanceof ApiError) || !err.issues) return err;
  return new ApiError(err.code, err.message, {
    issues: err.issues.map((i) => ({ ...i, path: map(i.path) })),
    headers: err.headers,
  });
}
