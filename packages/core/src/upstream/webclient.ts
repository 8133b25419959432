import { z } from "zod";
import {
  hitsOf,
  optString,
  optStringList,
  UpstreamHitBase,
  UpstreamMoney,
  UpstreamOrganization,
  UpstreamReceivedTenders,
} from "./shared";

/**
 * Schemas of doffin.no's own web client API (`https://api.doffin.no/webclient/api/v2`), from the real
 * captures in `fixtures/doffin/webclient` and doffin-upstream.md §2.
 */

/**
 * `{checkedItems: [...]}`, the shape of every list facet in the search request.
 *
 * @example WebclientCheckedItems.parse({ checkedItems: ["NO081"] })
 */
export const WebclientCheckedItems = z.object({ checkedItems: z.array(z.string()) });
export type WebclientCheckedItems = z.infer<typeof WebclientCheckedItems>;

/**
 * The `facets` object of `POST search-api/search` (and `search/suggest`). Every key is optional.
 *
 * @example WebclientRequestFacets.parse({ type: { checkedItems: ["COMPETITION"] }, publicationDate: { from: "2026-03-01", to: null } })
 */
export const WebclientRequestFacets = z.object({
  type: WebclientCheckedItems.optional(),
  status: WebclientCheckedItems.optional(),
  cpvCodesId: WebclientCheckedItems.optional(),
  /** Always sent empty by every known client; meaning unknown. */
  cpvCodesLabel: WebclientCheckedItems.optional(),
  location: WebclientCheckedItems.optional(),
  contractNature: WebclientCheckedItems.optional(),
  procurementStrategicLabels: WebclientCheckedItems.optional(),
  buyer: WebclientCheckedItems.optional(),
  winner: WebclientCheckedItems.optional(),
  publicationDate: z.object({ from: z.string().nullable(), to: z.string().nullable() }).optional(),
});
export type WebclientRequestFacets = z.infer<typeof WebclientRequestFacets>;

/**
 * Body of `POST search-api/search`. `page` is 1-based.
 *
 * @example WebclientSearchRequest.parse({ numHitsPerPage: 20, page: 1, searchString: "", sortBy: "RELEVANCE", facets: {} })
 */
export const WebclientSearchRequest = z.object({
  numHitsPerPage: z.number().int().min(1),
  page: z.number().int().min(1),
  searchString: z.string(),
  sortBy: z.string(),
  facets: WebclientRequestFacets,
});
export type WebclientSearchRequest = z.infer<typeof WebclientSearchRequest>;

/**
 * Body of `POST search-api/search/suggest`.
 *
 * @example WebclientSuggestRequest.parse({ searchString: "renhold", facets: {} })
 */
export const WebclientSuggestRequest = z.object({
  searchString: z.string(),
  facets: WebclientRequestFacets.optional(),
});
export type WebclientSuggestRequest = z.infer<typeof WebclientSuggestRequest>;

/**
 * One `hits[]` element of the web client search. Compared with a Public API hit it has `sentToTed`,
 * `placeOfPerformance`, `procurementStrategicLabels` and no `cpvCodes`/`lots` (tolerated if they appear).
 * Required: `id`, and `heading`/`type` as keys (see `UpstreamHitBase`).
 *
 * @example WebclientHit.parse(JSON.parse(readFileSync("fixtures/doffin/webclient/search-hit-2026-107921.json", "utf8")))
 */
export const WebclientHit = UpstreamHitBase.extend({
  sentToTed: z.boolean().nullish(),
  placeOfPerformance: optStringList,
});
export type WebclientHit = z.infer<typeof WebclientHit>;

/**
 * One facet item of a search response: `{id, total}`.
 *
 * @example WebclientFacetItem.parse({ id: "EXPIRED", total: 435 })
 */
export const WebclientFacetItem = z.object({
  id: z.union([z.string(), z.number()]),
  total: z.number().nullish(),
});
export type WebclientFacetItem = z.infer<typeof WebclientFacetItem>;

/**
 * `facets` of a search response: `{<name>: {items: [{id, total}]}}`. Key names vary over time
 * (`location`/`locations`, `cpvCode`/`cpvCodesId`); a facet of an unknown shape becomes null instead of
 * failing the whole response.
 *
 * @example WebclientResponseFacets.parse({ locations: { items: [{ id: "NO081", total: 108 }] } })
 */
export const WebclientResponseFacets = z.record(
  z.string(),
  z
    .object({ items: z.array(WebclientFacetItem).nullish() })
    .nullable()
    .catch(null),
);
export type WebclientResponseFacets = z.infer<typeof WebclientResponseFacets>;

/**
 * Response of `POST search-api/search`. `numHitsAccessible` is `min(numHitsTotal, 1000)`.
 *
 * @example WebclientSearchResponse.parse({ numHitsTotal: 1, numHitsAccessible: 1, hits: [hit], facets: {} })
 */
export const WebclientSearchResponse = z.object({
  numHitsTotal: z.number(),
  numHitsAccessible: z.number().nullish(),
  hits: hitsOf(WebclientHit),
  facets: WebclientResponseFacets.nullish(),
});
export type WebclientSearchResponse = z.infer<typeof WebclientSearchResponse>;

/**
 * Response of `POST search-api/search/suggest`: `{winner: {items: [{id, value, total}]}, buyer: …}`.
 *
 * @example WebclientSuggestResponse.parse({ winner: { items: [{ id: "w-1", value: "Renhold AS", total: 3 }] } })
 */
export const WebclientSuggestResponse = z.record(
  z.string(),
  z
    .object({
      items: z
        .array(
          z.object({
            id: z.union([z.string(), z.number()]),
            value: optString,
            total: z.number().nullish(),
          }),
        )
        .nullish(),
    })
    .nullable()
    .catch(null),
);
export type WebclientSuggestResponse = z.infer<typeof WebclientSuggestResponse>;

/**
 * One node of the detail's recursive `eform` section tree, as Doffin sends it.
 *
 * @example WebclientEformNode.parse({ title: "block010101", sectionId: null, label: "Offisielt navn", useLabelAsValue: false, value: "Oslo kommune", sections: null })
 */
export type WebclientEformNode = {
  title?: string | null | undefined;
  sectionId?: string | null | undefined;
  label?: string | null | undefined;
  useLabelAsValue?: boolean | null | undefined;
  value?: string | number | boolean | null | undefined;
  sections?: WebclientEformNode[] | null | undefined;
};
export const WebclientEformNode: z.ZodType<WebclientEformNode> = z.lazy(() =>
  z.object({
    title: optString,
    sectionId: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((v) => (v == null ? v : String(v))),
    label: optString,
    useLabelAsValue: z.boolean().nullish(),
    value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
    sections: z.array(WebclientEformNode).nullish(),
  }),
);

/**
 * `changeNotices[]`: the correction chain of a notice.
 *
 * @example WebclientChangeNotice.parse({ id: "2026-105551", changedNoticeId: null, issueDate: "2026-03-19T18:11:02Z", selectedNotice: false, eformId: "19d3…" })
 */
export const WebclientChangeNotice = z.object({
  id: z.string(),
  changedNoticeId: optString,
  issueDate: optString,
  selectedNotice: z.boolean().nullish(),
  eformId: optString,
});
export type WebclientChangeNotice = z.infer<typeof WebclientChangeNotice>;

/**
 * `procurementTimeline[]`: every Doffin notice of the same procedure (note the singular `allType`).
 *
 * @example WebclientTimelineEntry.parse({ id: "2026-105551", allType: ["COMPETITION"], publicationDate: "2026-03-23", selectedNotice: false })
 */
export const WebclientTimelineEntry = z.object({
  id: z.string(),
  allType: optStringList,
  /** Tolerated alias in case Doffin ever fixes the spelling. */
  allTypes: optStringList,
  publicationDate: optString,
  selectedNotice: z.boolean().nullish(),
});
export type WebclientTimelineEntry = z.infer<typeof WebclientTimelineEntry>;

/**
 * Response of `GET notices-api/notices/{id}`. Note the detail says `noticeType`/`noticeStatus` where hits
 * say `type`/`status`, and its `buyer[].id` is the org number (no `organizationId`).
 *
 * @example WebclientNoticeDetail.parse(JSON.parse(readFileSync("fixtures/doffin/webclient/notice-detail-2026-107918.abridged.json", "utf8")))
 */
export const WebclientNoticeDetail = z.object({
  id: z.string(),
  eFormId: optString,
  procedureId: optString,
  heading: z.string().nullable(),
  description: optString,
  buyer: z.array(UpstreamOrganization).nullish(),
  locationId: optStringList,
  placeOfPerformance: optStringList,
  issueDate: optString,
  deadline: optString,
  qualificationDeadline: optString,
  noticeType: optString,
  /** Tolerated alias (search hits spell it `type`). */
  type: optString,
  allTypes: optStringList,
  allCpvCodes: optStringList,
  directCpvCodes: optStringList,
  parentCpvCodes: optStringList,
  noticeStatus: optString,
  status: optString,
  allReceivedTenders: z.array(UpstreamReceivedTenders).nullish(),
  competitionDocsUrl: optString,
  sentToTed: z.boolean().nullish(),
  regulationUrl: optString,
  core: z
    .object({
      estimatedValue: UpstreamMoney.nullish(),
      mainActivity: optString,
    })
    .nullish(),
  /** Tolerated: some clients read a top-level value; Doffin puts it under `core`. */
  estimatedValue: UpstreamMoney.nullish(),
  eform: z.array(WebclientEformNode).nullish(),
  awardedNames: optStringList,
  changeNotices: z.array(WebclientChangeNotice).nullish(),
  limitedDataFlag: z.boolean().nullish(),
  publicationDate: optString,
  tedId: optString,
  procurementTimeline: z.array(WebclientTimelineEntry).nullish(),
  procurementStrategicLabels: optStringList,
});
export type WebclientNoticeDetail = z.infer<typeof WebclientNoticeDetail>;

/**
 * One node of `GET notices-api/codes/cpvCodes` (ids are 8 digits without check digit, labels Norwegian).
 *
 * @example WebclientCpvNode.parse({ id: "03000000", label: "Landbruk …", children: [] })
 */
export type WebclientCpvNode = {
  id: string;
  label?: string | null | undefined;
  children?: WebclientCpvNode[] | null | undefined;
};
export const WebclientCpvNode: z.ZodType<WebclientCpvNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    label: optString,
    children: z.array(WebclientCpvNode).nullish(),
  }),
);

/**
 * Response of `GET notices-api/codes/cpvCodes`: the nested CPV tree.
 *
 * @example WebclientCpvTree.parse([{ id: "03000000", label: "Landbruk …", children: [] }])
 */
export const WebclientCpvTree = z.array(WebclientCpvNode);
export type WebclientCpvTree = z.infer<typeof WebclientCpvTree>;

/**
 * Paths of the web client API relative to the Doffin base URL.
 *
 * @example `${baseUrl}${WEBCLIENT_PATHS.notice("2026-107918")}`
 */
export const WEBCLIENT_PATHS = {
  search: "/webclient/api/v2/search-api/search",
  suggest: "/webclient/api/v2/search-api/search/suggest",
  notice: (id: string) => `/webclient/api/v2/notices-api/notices/${encodeURIComponent(id)}`,
  cpvCodes: "/webclient/api/v2/notices-api/codes/cpvCodes",
} as const;
