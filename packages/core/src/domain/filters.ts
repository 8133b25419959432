import { z } from "zod";
import { ContractNature, NoticeStatus, NoticeType, SortOrder } from "./vocabulary";

/** Doffin serves at most this many hits of any one query. */
export const ACCESSIBLE_HITS_CAP = 1000;
/** Largest page the upstreams reliably serve. */
export const MAX_PAGE_SIZE = 100;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD");

/**
 * Search filters in their resolved form: CPV prefixes already expanded, location names already mapped
 * to codes. The client maps them to the exact upstream request (web client facets or Public API query).
 */
export const SearchFilters = z.object({
  q: z.string().optional(),
  types: z.array(NoticeType).optional(),
  statuses: z.array(NoticeStatus).optional(),
  cpvCodes: z.array(z.string()).optional(),
  locations: z.array(z.string()).optional(),
  contractNatures: z.array(ContractNature).optional(),
  publishedFrom: isoDate.optional(),
  publishedTo: isoDate.optional(),
  strategicLabels: z.array(z.string()).optional(),
  buyers: z.array(z.string()).optional(),
  winners: z.array(z.string()).optional(),
  sort: SortOrder.optional(),
  /** 1-based. */
  page: z.number().int().min(1).default(1),
  /** 1..100. */
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type SearchFilters = z.input<typeof SearchFilters>;
export type ResolvedSearchFilters = z.output<typeof SearchFilters>;
