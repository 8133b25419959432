import {
  type CodeSearchPage,
  cpvAncestors,
  cpvChildren,
  cpvList,
  cpvTree,
  getCpv,
  isCodeSearchError,
  locationTree,
  NotFoundError,
  searchCpvPage,
  searchLocationsPage,
} from "@doffin/core";
import { ApiError } from "@doffin/http";
import { type CacheResult, cacheKeys, type Loaded } from "../cache";
import type { ServiceCall } from "./container";

/**
 * Code lists ship inside the bundle, so "loading" is local work; they still go through the cache so
 * the big serialized tree is built once per isolate and clients get ETag/304 and long max-age.
 */

const local = (value: () => unknown) => async (): Promise<Loaded> => ({
  status: 200,
  body: JSON.stringify(value()),
});

const cached = (call: ServiceCall, what: string, value: () => unknown): Promise<CacheResult> =>
  call.services.cache.get(cacheKeys.codes(what), call.services.policies.codes, local(value), call.waitUntil);

/** The CPV tree or the flat list (`flat`). */
export function cpvCodes(call: ServiceCall, opts: { flat?: boolean }): Promise<CacheResult> {
  return opts.flat ? cached(call, "cpv:flat", cpvList) : cached(call, "cpv:tree", cpvTree);
}

export type CodeSearch = { q: string; limit?: number | undefined; cursor?: string | undefined };
/** The cached body of a code search: core's ranked page. */
export type CodeSearchBody = CodeSearchPage<Record<string, unknown>>;

/**
 * One ranked page of a code-list search (CPV: labels nb/en, typo tolerant, code prefixes; locations:
 * codes and names): `{ items, total, nextCursor }`.
 * @throws ApiError invalid_request for a limit outside 1–100 or a cursor of another query (issue path
 * `limit` / `cursor`).
 * @example bodyOf<CodeSearchBody>((await codeSearch(call, "cpv", { q: "programvare" })).entry).total
 */
export async function codeSearch(
  call: ServiceCall,
  list: "cpv" | "locations",
  search: CodeSearch,
): Promise<CacheResult> {
  const q = search.q.trim();
  const search_ = list === "cpv" ? searchCpvPage : searchLocationsPage;
  // Run once before caching so a bad limit or cursor is a 400, never a cached failure.
  let page: unknown;
  try {
    page = search_(q, { limit: search.limit, cursor: search.cursor });
  } catch (err) {
    if (!isCodeSearchError(err)) throw err;
    throw new ApiError("invalid_request", "The code search is not valid; see issues.", {
      issues: [{ path: err.param, message: err.message }],
    });
  }
  const what = `${list}:q:${q.toLowerCase()}:${search.limit ?? ""}:${search.cursor ?? ""}`;
  return cached(call, what, () => page);
}

/**
 * One CPV code with its ancestors and children.
 * @throws NotFoundError for a code not in CPV 2008.
 */
export function cpvCode(call: ServiceCall, code: string): Promise<CacheResult> {
  const node = getCpv(code);
  if (!node) throw new NotFoundError(`CPV code ${code}`, `No CPV code ${code}; browse /v1/codes/cpv.`);
  return cached(call, `cpv:${code}`, () => ({
    node,
    ancestors: cpvAncestors(code),
    children: cpvChildren(code),
  }));
}

/** The NUTS location tree (legacy codes flagged). */
export const locationCodes = (call: ServiceCall): Promise<CacheResult> =>
  cached(call, "locations", locationTree);
