import { FacetName, facetLabel } from "../codes/labels";
import type { CodeLanguage } from "../codes/types";
import type { Facets } from "../domain/notice";

/**
 * The labelling step of search normalization: fills every facet label the source left empty from the
 * code lists (CPV, NUTS, types, statuses, natures, strategic labels). Separate from
 * `normalizeWebclientFacets` because the Doffin client answers with the upstream's (unlabelled) facets;
 * the gateway labels them once, before a result is cached.
 *
 * @example labelFacets({ location: [{ id: "NO081", label: null, count: 3 }] })
 * // { location: [{ id: "NO081", label: "Oslo", count: 3 }] }
 */
export function labelFacets(facets: Facets, lang: CodeLanguage = "nb"): Facets {
  return Object.fromEntries(
    Object.entries(facets).map(([name, items]) => {
      const known = FacetName.safeParse(name);
      // buyer/winner facets carry names, not codes: nothing to look up.
      if (!known.success) return [name, items];
      return [
        name,
        items.map((item) => ({ ...item, label: item.label ?? facetLabel(known.data, item.id, lang) })),
      ];
    }),
  );
}
