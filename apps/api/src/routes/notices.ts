import {
  CONTRACT_NATURES,
  isNotFoundError,
  NOTICE_ID_PATTERN,
  NOTICE_STATUSES,
  NOTICE_TYPES,
  NotFoundError,
  Notice,
  SearchResult,
  SORT_ORDERS,
  UnsupportedFilterError,
} from "@doffin/core";
import { ApiError, validationHook } from "@doffin/http";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { cacheKeys, type Loaded } from "../cache";
import { labelFacets } from "../code-lookup";
import { type AppEnv, waitUntilOf } from "../env";
import { type CodeLookup, parseSearchQuery, type SearchRequest } from "../query";
import { respondFromCache } from "../respond";
import { cachedOk, errorResponses, notModified, pathParam, repeatable } from "./schemas";

/**
 * Documents the public query. Deliberately loose (every value a string or a repeated string):
 * parseSearchQuery does the real checking so aliases, repeats and code lookups get one set of messages.
 */
export const SearchQueryDoc = z
  .looseObject({
    q: repeatable("Free text (≤ 500 characters).", "skole"),
    type: repeatable(`Notice types incl. roll-ups: ${NOTICE_TYPES.join(", ")}`, "COMPETITION"),
    status: repeatable(`Statuses: ${NOTICE_STATUSES.join(", ")}`, "ACTIVE"),
    cpv: repeatable("CPV codes (8 digits) or prefixes like `72*`", "72*"),
    location: repeatable("NUTS codes or Norwegian county/region names", "Vestland"),
    contract_nature: repeatable(`Contract natures: ${CONTRACT_NATURES.join(", ")}`, "SERVICES"),
    published_from: repeatable("YYYY-MM-DD", "2026-01-01"),
    published_to: repeatable("YYYY-MM-DD", "2026-06-30"),
    sort: repeatable(`One of ${SORT_ORDERS.join(", ")}`, "published_desc"),
    page: repeatable("≥ 1; page × limit ≤ 1000", "1"),
    limit: repeatable("1–100 (default 20)", "20"),
    facets: repeatable("true or false (default true)", "true"),
  })
  .openapi("SearchQuery", {
    description:
      "List parameters are repeatable or comma-separated. Aliases are accepted and share the cache (e.g. `types`, `query`, `from`/`to`); unknown parameters and conflicting repeats are a 400.",
  });

/** Core filter names → our query parameter names, for issue paths. */
const PUBLIC_NAME_OF: Record<string, string> = { contractNatures: "contract_nature" };

/**
 * Parsing, code lookups and hashing are pure functions of the raw query string, so hot queries skip
 * them (a cache hit should cost little more than the KV/memory read). Errors are not memoized.
 */
const parsedByCodes = new WeakMap<CodeLookup, Map<string, { request: SearchRequest; key: string }>>();
const PARSED_MAX = 512;
async function parsedSearch(search: string, codes: CodeLookup) {
  let parsed = parsedByCodes.get(codes);
  if (!parsed) {
    parsed = new Map();
    parsedByCodes.set(codes, parsed);
  }
  const hit = parsed.get(search);
  if (hit) return hit;
  const request = parseSearchQuery(new URLSearchParams(search), codes);
  const value = { request, key: await cacheKeys.search(request.canonical) };
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(search, value);
  return value;
}

export const searchRoute = createRoute({
  tags: ["Notices"],
  method: "get",
  path: "/v1/notices",
  summary: "Search Doffin notices (with facets)",
  // Parsed by parseSearchQuery (aliases, repeats, code lists); this schema documents the public names.
  request: { query: SearchQueryDoc },
  responses: {
    200: cachedOk(SearchResult, "One page of hits with facet counts."),
    ...notModified,
    ...errorResponses,
  },
});

export const noticeRoute = createRoute({
  tags: ["Notices"],
  method: "get",
  path: "/v1/notices/{id}",
  summary: "One normalized notice",
  request: {
    params: z.object({
      // Core's NoticeId rebuilt with the openapi-aware z (core's own zod instance has no .openapi).
      id: pathParam("id", NOTICE_ID_PATTERN, "a Doffin notice id looks like 2026-107918", "2026-107918"),
    }),
  },
  responses: {
    200: cachedOk(Notice, "The notice."),
    ...notModified,
    ...errorResponses,
  },
});

export const noticesApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(searchRoute, async (c) => {
    const s = c.get("services");
    const { request, key } = await parsedSearch(new URL(c.req.url).search, s.codes);
    const load = async (): Promise<Loaded> => {
      const result = await s.source.search(request.filters).catch((err: unknown) => {
        if (err instanceof UnsupportedFilterError)
          throw new ApiError("invalid_request", `${err.message} (this gateway runs on the Public API).`, {
            issues: err.filters.map((f) => ({
              path: `query.${PUBLIC_NAME_OF[f] ?? f}`,
              message:
                "the Doffin Public API cannot filter by this; drop it or run the gateway on the web client",
            })),
          });
        throw err;
      });
      const body = SearchResult.parse({
        ...result,
        facets: request.facets ? labelFacets(result.facets) : {},
      });
      return { status: 200, body: JSON.stringify(body) };
    };
    const result = await s.cache.get(key, s.policies.search, load, waitUntilOf(c));
    return respondFromCache(c, result, s.policies.search, s.now());
  })
  .openapi(noticeRoute, async (c) => {
    const s = c.get("services");
    const { id } = c.req.valid("param");
    const load = async (): Promise<Loaded> => {
      try {
        return { status: 200, body: JSON.stringify(Notice.parse(await s.source.getNotice(id))) };
      } catch (err) {
        // Negative cache: an unknown id is remembered briefly so a crawler cannot hammer Doffin with it.
        if (isNotFoundError(err))
          return { status: 404, body: "", freshSeconds: s.config.NOT_FOUND_TTL_SECONDS };
        throw err;
      }
    };
    const result = await s.cache.get(cacheKeys.notice(id), s.policies.notice, load, waitUntilOf(c));
    if (result.entry.status === 404) throw new NotFoundError(`notice ${id}`, `No notice ${id} on Doffin.`);
    return respondFromCache(c, result, s.policies.notice, s.now());
  });
