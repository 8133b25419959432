import {
  cpvAncestors,
  cpvChildren,
  cpvList,
  cpvTree,
  getCpv,
  locationTree,
  NotFoundError,
  searchCpv,
} from "@doffin/core";
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

/**
 * The CPV tree, the flat list (`flat`) or label-search hits (`q`, nb/en, typo tolerant).
 * @example bodyOf<CpvCode[]>((await cpvCodes(call, { q: "programvare" })).entry)[0]?.code
 */
export function cpvCodes(call: ServiceCall, opts: { q?: string; flat?: boolean }): Promise<CacheResult> {
  const q = opts.q?.trim();
  if (q) return cached(call, `cpv:q:${q.toLowerCase()}`, () => searchCpv(q));
  return opts.flat ? cached(call, "cpv:flat", cpvList) : cached(call, "cpv:tree", cpvTree);
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
