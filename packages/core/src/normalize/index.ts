export {
  cleanEformTree,
  normalizeCpvTree,
  normalizeWebclientDetail,
  noticeFromPublicApiHit,
  noticeFromSummary,
} from "./detail";
export { labelFacets } from "./facets";
export { parseJsonLenient } from "./json";
export {
  normalizeMoney,
  normalizeOrganization,
  normalizeOrgNumber,
  toDateOnly,
  toUtcTimestamp,
} from "./primitives";
export {
  FACET_NAME_OF,
  normalizePublicApiSearch,
  normalizeWebclientFacets,
  normalizeWebclientSearch,
  type PageInfo,
} from "./search";
export { normalizePublicApiHit, normalizeWebclientHit } from "./summary";
