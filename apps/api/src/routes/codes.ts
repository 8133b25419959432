import { errorResponses as sharedErrorResponses } from "@doffin/contracts/errors";
import {
  CODE_SEARCH_DEFAULT_LIMIT,
  CODE_SEARCH_MAX_LIMIT,
  CpvCode,
  CpvNode,
  Location,
  LocationTreeNode,
} from "@doffin/core";
import { createRouter } from "@doffin/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { CacheResult } from "../cache";
import type { AppEnv } from "../env";
import { respondFromCache } from "../respond";
import { bodyOf } from "../services/body";
import { type CodeSearchBody, codeSearch, cpvCode, cpvCodes, locationCodes } from "../services/codes";
import { serviceCallOf } from "../services/container";
import { withIssuePaths } from "../services/search";
import { cachedHeaders, cachedOk, notModified, pathParam } from "./schemas";

/** The code-list routes; the work (and why it is cached) is in services/codes.ts. */

/** `q`, `limit`, `cursor`: the ranked, paged code search (core's searchCpvPage / searchLocationsPage). */
const searchParams = (what: string, example: string) => ({
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: `Search ${what}; answers one ranked page of hits.`, example }),
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, `must be between 1 and ${CODE_SEARCH_MAX_LIMIT}`)
    .max(CODE_SEARCH_MAX_LIMIT, `must be between 1 and ${CODE_SEARCH_MAX_LIMIT}`)
    .optional()
    .openapi({
      description: `Hits per page with \`q\` (default ${CODE_SEARCH_DEFAULT_LIMIT}).`,
      example: CODE_SEARCH_DEFAULT_LIMIT,
    }),
  cursor: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .openapi({ description: "The `X-Next-Cursor` of the previous page of the same `q`." }),
});

const withPageHeaders = <T extends { headers: unknown }>(ok: T) => ({ ...ok, headers: pageHeaders });

export const CpvListQuery = z.strictObject({
  ...searchParams("CPV labels (nb/en, typo tolerant) or code prefixes", "programvare"),
  flat: z.enum(["true", "false"]).optional().openapi({ description: "A flat list instead of the tree" }),
});

export const LocationsQuery = z.strictObject(searchParams("location codes and names", "Oslo"));

/** Headers of a search page: the total over every page and where the next one starts. */
const pageHeaders = cachedHeaders.extend({
  "X-Total-Count": z.string().openapi({ description: "Hits of the whole query (every page)." }),
  "X-Next-Cursor": z
    .string()
    .optional()
    .openapi({ description: "Pass as `cursor` for the next page; absent on the last page." }),
});

export const CpvDetail = z
  .object({ node: CpvCode, ancestors: z.array(CpvCode), children: z.array(CpvCode) })
  .openapi("CpvDetail");

export const cpvListRoute = createRoute({
  tags: ["Code lists"],
  method: "get",
  path: "/v1/codes/cpv",
  summary: "The CPV tree, a flat list, or a label search",
  request: { query: CpvListQuery },
  responses: {
    200: withPageHeaders(
      cachedOk(
        z.union([z.array(CpvNode), z.array(CpvCode)]),
        "Tree (default), flat list (`flat=true`) or one ranked page of search hits (`q=`, with `X-Total-Count` and `X-Next-Cursor`).",
      ),
    ),
    ...notModified,
    ...sharedErrorResponses(["invalid_request"]),
  },
});

export const cpvCodeRoute = createRoute({
  tags: ["Code lists"],
  method: "get",
  path: "/v1/codes/cpv/{code}",
  summary: "One CPV code with its ancestors and children",
  request: {
    params: z.object({
      code: pathParam("code", /^\d{8}$/, "a CPV code has 8 digits, e.g. 72000000", "72000000"),
    }),
  },
  responses: {
    200: cachedOk(CpvDetail, "The code."),
    ...notModified,
    ...sharedErrorResponses(["invalid_request", "not_found"]),
  },
});

export const locationsRoute = createRoute({
  tags: ["Code lists"],
  method: "get",
  path: "/v1/codes/locations",
  summary: "Norwegian NUTS regions (legacy codes flagged) and the non-NUTS place codes",
  request: { query: LocationsQuery },
  responses: {
    200: withPageHeaders(
      cachedOk(
        z.union([z.array(LocationTreeNode), z.array(Location)]),
        "The location tree, or one ranked page of search hits (`q=`, with `X-Total-Count` and `X-Next-Cursor`).",
      ),
    ),
    ...notModified,
    ...sharedErrorResponses(["invalid_request"]),
  },
});

/**
 * A search page keeps the list shape the search always had (an array of hits, so existing clients keep
 * working) and carries the page facts in headers; the cache entry holds the whole page, so the ETag
 * covers them too.
 */
async function searchPage(c: Context<AppEnv>, search: Promise<CacheResult>): Promise<Response> {
  const s = c.get("services");
  const result = await search.catch((err: unknown) => {
    throw withIssuePaths(err, (p) => `query.${p}`);
  });
  const page = bodyOf<CodeSearchBody>(result.entry);
  const headers: Record<string, string> = { "x-total-count": String(page.total) };
  if (page.nextCursor) headers["x-next-cursor"] = page.nextCursor;
  return respondFromCache(c, result, s.policies.codes, s.now(), {
    body: JSON.stringify(page.items),
    headers,
  });
}

export const codesApp = createRouter<AppEnv>()
  .openapi(cpvListRoute, async (c) => {
    const call = serviceCallOf(c);
    const { q, flat, limit, cursor } = c.req.valid("query");
    if (q) return searchPage(c, codeSearch(call, "cpv", { q, limit, cursor }));
    const result = await cpvCodes(call, { flat: flat === "true" });
    return respondFromCache(c, result, call.services.policies.codes, call.services.now());
  })
  .openapi(cpvCodeRoute, async (c) => {
    const call = serviceCallOf(c);
    const result = await cpvCode(call, c.req.valid("param").code);
    return respondFromCache(c, result, call.services.policies.codes, call.services.now());
  })
  .openapi(locationsRoute, async (c) => {
    const call = serviceCallOf(c);
    const { q, limit, cursor } = c.req.valid("query");
    if (q) return searchPage(c, codeSearch(call, "locations", { q, limit, cursor }));
    const result = await locationCodes(call);
    return respondFromCache(c, result, call.services.policies.codes, call.services.now());
  });
