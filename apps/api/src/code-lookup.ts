import { expandCpvPattern, FacetName, type Facets, facetLabel, resolveLocation } from "@doffin/core";
import type { CodeLookup } from "./query";

/** The query linter's view of @doffin/core's code lists. */
export const coreCodeLookup = (): CodeLookup => ({
  expandCpv: (input) => expandCpvPattern(input),
  resolveLocation: (input) => resolveLocation(input),
});

/** Fills facet labels the source left empty from the code lists (CPV, NUTS, types …). */
export function labelFacets(facets: Facets): Facets {
  return Object.fromEntries(
    Object.entries(facets).map(([name, items]) => {
      const known = FacetName.safeParse(name);
      // buyer/winner facets carry names, not codes: nothing to look up.
      if (!known.success) return [name, items];
      return [name, items.map((item) => ({ ...item, label: item.label ?? facetLabel(known.data, item.id) }))];
    }),
  );
}
