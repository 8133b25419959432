import { z } from "zod";
import { NoticeStatus, NoticeType } from "./vocabulary";

/**
 * The public, normalized domain model. Every app (API, tracker, MCP, CLI) speaks these shapes; the
 * upstream shapes (web client / Public API) are mapped to them by the normalizers in `../normalize`.
 */

export const Money = z.object({
  amount: z.number(),
  /** ISO 4217 code as Doffin reports it; usually NOK, sometimes EUR/PLN/... */
  currency: z.string(),
});
export type Money = z.infer<typeof Money>;

export const Organization = z.object({
  name: z.string(),
  /** The Norwegian organisation number (9 digits, spaces removed) when the upstream id is one; else null. */
  orgNumber: z.string().nullable(),
  /** The upstream's organisation identifier as given (may be null, have spaces or odd lengths). */
  rawOrganizationId: z.string().nullable(),
});
export type Organization = z.infer<typeof Organization>;

export const Lot = z.object({
  heading: z.string().nullable(),
  description: z.string().nullable(),
  winners: z.array(Organization),
});
export type Lot = z.infer<typeof Lot>;

export const NoticeSummary = z.object({
  id: z.string(),
  url: z.string(),
  heading: z.string(),
  description: z.string(),
  /** The concrete type (upstream `type` / `noticeType`). Unknown future values are kept as strings. */
  type: z.union([NoticeType, z.string()]),
  allTypes: z.array(z.string()),
  /** Only competition notices carry a status; null on every result/planning notice. */
  status: z.union([NoticeStatus, z.string()]).nullable(),
  buyers: z.array(Organization),
  /** NUTS / `anyw*` location codes. */
  locations: z.array(z.string()),
  /** Display names of the place of performance (web client only; [] when unknown). */
  placeOfPerformance: z.array(z.string()),
  /** RFC 3339 UTC timestamp. */
  issuedAt: z.string().nullable(),
  /** YYYY-MM-DD. */
  publishedOn: z.string().nullable(),
  /** RFC 3339 UTC timestamp or null. */
  deadline: z.string().nullable(),
  estimatedValue: Money.nullable(),
  /** Ancestor-expanded CPV codes when the source reports them (Public API hits, details); else null. */
  cpvCodes: z.array(z.string()).nullable(),
  /** Web client only; null when unknown. */
  sentToTed: z.boolean().nullable(),
  /** Lots with winners (Public API hits only); [] when unknown. */
  lots: z.array(Lot),
  strategicLabels: z.array(z.string()),
  receivedTenders: z.number().nullable(),
});
export type NoticeSummary = z.infer<typeof NoticeSummary>;

/** One node of a notice's eForm section tree (web client detail), with empty/noise keys removed. */
export type EformSection = {
  key: string;
  sectionId: string | null;
  label: string | null;
  value: string | null;
  children: EformSection[];
};
export const EformSection: z.ZodType<EformSection> = z.lazy(() =>
  z.object({
    key: z.string(),
    sectionId: z.string().nullable(),
    label: z.string().nullable(),
    value: z.string().nullable(),
    children: z.array(EformSection),
  }),
);

export const ChangeNoticeRef = z.object({
  id: z.string(),
  /** `{uuid}-{version}` of the superseded eForms notice. */
  changedNoticeId: z.string().nullable(),
  issuedAt: z.string().nullable(),
  selected: z.boolean(),
  eFormId: z.string().nullable(),
});
export type ChangeNoticeRef = z.infer<typeof ChangeNoticeRef>;

export const TimelineEntry = z.object({
  id: z.string(),
  allTypes: z.array(z.string()),
  publishedOn: z.string().nullable(),
  selected: z.boolean(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Notice = NoticeSummary.extend({
  procedureId: z.string().nullable(),
  eFormId: z.string().nullable(),
  cpv: z.object({
    direct: z.array(z.string()),
    all: z.array(z.string()),
  }),
  competitionDocsUrl: z.string().nullable(),
  awardedNames: z.array(z.string()),
  changeNotices: z.array(ChangeNoticeRef),
  timeline: z.array(TimelineEntry),
  tedId: z.string().nullable(),
  regulationUrl: z.string().nullable(),
  mainActivity: z.string().nullable(),
  sections: z.array(EformSection),
});
export type Notice = z.infer<typeof Notice>;

export const FacetItem = z.object({ id: z.string(), label: z.string().nullable(), count: z.number() });
export type FacetItem = z.infer<typeof FacetItem>;

/** Facet name → items. Counts are disjunctive (each facet ignores its own filter), as on Doffin. */
export const Facets = z.record(z.string(), z.array(FacetItem));
export type Facets = z.infer<typeof Facets>;

export const SearchResult = z.object({
  items: z.array(NoticeSummary),
  total: z.number(),
  /** min(total, 1000): Doffin never serves more than the first 1000 hits of a query. */
  accessible: z.number(),
  page: z.number(),
  limit: z.number(),
  facets: Facets,
});
export type SearchResult = z.infer<typeof SearchResult>;
