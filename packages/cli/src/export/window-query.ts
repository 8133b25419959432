import type { HarvestWindow, SearchQuery } from "@doffin/core";

/**
 * The search for one harvest window: the export's filters narrowed to the window's publication days
 * (and its type or status, when the splitter cut a day that finely), without facets.
 */
export function windowQuery(
  base: SearchQuery,
  w: HarvestWindow,
  paging: Pick<SearchQuery, "sort" | "page" | "limit">,
): SearchQuery {
  const type = w.types ?? (w.type ? [w.type] : base.type);
  const status = w.status ? [w.status] : base.status;
  return {
    ...base,
    // The splitter only cuts by the contract's own type and status values.
    ...(type ? { type: type as SearchQuery["type"] } : {}),
    ...(status ? { status: status as SearchQuery["status"] } : {}),
    published_from: w.from,
    published_to: w.to,
    ...paging,
    facets: false,
  };
}
