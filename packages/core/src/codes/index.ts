/**
 * Code lists: CPV 2008 (9,454 codes, nb + en) and Norwegian locations (NUTS 2024 + legacy NUTS 2021,
 * `anyw*`), with look-ups, search, pattern/name resolution for filters and facet labels.
 */
import { type CpvSuggestOptions, expandCpvPattern } from "./cpv-search";
import { type LocationOptions, resolveLocation } from "./locations";
import { type CodeListResolution, mergeResolutions } from "./types";

export {
  cpvAncestors,
  cpvChildren,
  cpvCount,
  cpvLevelOf,
  cpvList,
  cpvTree,
  getCpv,
  normalizeCpvCode,
} from "./cpv";
export {
  type CpvSearchHit,
  type CpvSearchOptions,
  type CpvSuggestOptions,
  expandCpvPattern,
  searchCpv,
  suggestCpv,
} from "./cpv-search";
export {
  CodeSearchError,
  type CodeSearchErrorReason,
  isCodeSearchError,
} from "./cursor";
export { foldText } from "./fold";
export {
  CONTRACT_NATURE_LABELS,
  FACET_NAMES,
  FacetName,
  facetLabel,
  NOTICE_STATUS_LABELS,
  NOTICE_TYPE_LABELS,
  STRATEGIC_LABEL_LABELS,
} from "./labels";
export {
  getLocation,
  type LocationMatch,
  type LocationOptions,
  listLocations,
  locationTree,
  resolveLocation,
  suggestLocation,
} from "./locations";
export { CODE_MATCH_KINDS, type CodeMatchKind } from "./ranked-search";
export {
  CODE_SEARCH_DEFAULT_LIMIT,
  CODE_SEARCH_MAX_LIMIT,
  type CodeSearchPage,
  type CodeSearchPageOptions,
  searchCpvPage,
  searchLocationsPage,
} from "./search-page";
export {
  CODE_LANGUAGES,
  CodeLanguage,
  type CodeListResolution,
  CodeLookupFailure,
  type CodeResolution,
  CodeSuggestion,
  CpvCode,
  CpvNode,
  Location,
  LocationTreeNode,
} from "./types";

/**
 * Resolves every `cpv` filter value of a request: the union of their codes, or every failure (so the
 * API can list each bad value in one 400).
 *
 * @example expandCpvPatterns(["72*", "45000000-7"]) // { ok: true, codes: ["72000000", "45000000"] }
 */
export const expandCpvPatterns = (
  inputs: readonly string[],
  options?: CpvSuggestOptions,
): CodeListResolution => mergeResolutions(inputs.map((input) => expandCpvPattern(input, options)));

/**
 * Resolves every `location` filter value of a request: the union of the codes to send upstream, or
 * every failure.
 *
 * @example resolveLocations(["Oslo", "Vestland"]) // { ok: true, codes: ["NO081", "NO0A2"] }
 */
export const resolveLocations = (inputs: readonly string[], options?: LocationOptions): CodeListResolution =>
  mergeResolutions(inputs.map((input) => resolveLocation(input, options)));
