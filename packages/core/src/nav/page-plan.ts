/**
 * Planning NAV search requests for an arbitrary `offset`/`limit`. NAV serves only `size` 25 or 100 (any
 * other value silently becomes 25) and refuses `from + size > 10000`; `from` itself may be any offset.
 * Pure, so it is tested on its own.
 */

/** NAV's deepest reachable hit: `from + size` must stay ≤ this. */
export const NAV_RESULT_WINDOW = 10_000;
/** The only page sizes NAV honours. */
export const NAV_PAGE_SIZES = [25, 100] as const;
export type NavPageSize = (typeof NAV_PAGE_SIZES)[number];

export type NavPagePlan = {
  /** NAV requests to make, in order. Near the window a request may start before the hits it is for. */
  requests: { from: number; size: NavPageSize }[];
  /** The first wanted hit (absolute position) and how many hits are wanted. */
  offset: number;
  take: number;
};

/**
 * The fewest NAV requests that cover hits `[offset, offset + limit)`: one request of the smallest size
 * that fits, starting at `offset`; near the 10000 window, consecutive 25-hit requests, the last one
 * moved back so it ends inside the window. Returns null when the range itself reaches past the window
 * (the caller reports a 400, never an empty page).
 *
 * @example planNavPages(40, 30) // { requests: [{ from: 40, size: 100 }], offset: 40, take: 30 }
 * @example planNavPages(9950, 40) // requests from 9950 and 9975 (size 25), take 40
 */
export const planNavPages = (offset: number, limit: number): NavPagePlan | null => {
  if (!Number.isInteger(offset) || !Number.isInteger(limit) || offset < 0 || limit < 1 || limit > 100)
    return null;
  if (offset + limit > NAV_RESULT_WINDOW) return null;
  const size: NavPageSize = limit <= 25 ? 25 : 100;
  if (offset + size <= NAV_RESULT_WINDOW) return { requests: [{ from: offset, size }], offset, take: limit };
  const requests: NavPagePlan["requests"] = [];
  for (let from = offset; from < offset + limit; from += 25) {
    requests.push({ from: Math.min(from, NAV_RESULT_WINDOW - 25), size: 25 });
  }
  return { requests, offset, take: limit };
};

/**
 * Applies a plan to the pages NAV returned (one hit array per request, same order): concatenates them,
 * drops hits before `offset` and hits a moved-back request repeats, keeps `take`.
 *
 * @example slicePlannedHits(planNavPages(5, 10), [hitsFrom5]) // hits 5..14
 */
export const slicePlannedHits = <T>(plan: NavPagePlan, pages: T[][]): T[] => {
  const out: T[] = [];
  let next = plan.offset;
  plan.requests.forEach((req, i) => {
    const page = pages[i] ?? [];
    const fresh = page.slice(Math.max(0, next - req.from));
    out.push(...fresh);
    next = Math.max(next, req.from + page.length);
  });
  return out.slice(0, plan.take);
};
