import type { Notice, SearchResult } from "@doffin/core";
import { z } from "zod";

/**
 * Filters as the user typed them: CPV patterns (`72*`, `45000000-7`) and location names ("Oslo") are
 * not resolved yet. The gateway resolves them itself (same as every API client); the direct transport
 * resolves them with core's code lists, so both modes accept the same input.
 */
export type CliFilters = {
  q?: string;
  types?: string[];
  statuses?: string[];
  cpv?: string[];
  locations?: string[];
  contractNatures?: string[];
  publishedFrom?: string;
  publishedTo?: string;
  sort?: string;
  page: number;
  limit: number;
  /** Ask the gateway to skip facet counts (export pages do not need them). */
  facets?: boolean;
};

export const ChangeItem = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  noticeId: z.string(),
  detectedAt: z.string(),
  kind: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type ChangeItem = z.infer<typeof ChangeItem>;

/** The tracker's feed page (`GET /v1/changes`). */
export const ChangesPage = z.object({
  items: z.array(ChangeItem),
  nextCursor: z.string().nullable().optional(),
});
export type ChangesPage = z.infer<typeof ChangesPage>;

export type ChangesQuery = {
  since: string;
  limit: number;
  kind?: string;
  noticeId?: string;
  field?: string;
  cursor?: string;
};

/** A flat code-list row for tables; `depth` indents tree levels. */
export type CodeRow = { code: string; label: string; depth: number; note?: string };

/** What a code-list command prints: rows for people, `raw` for `--json`. */
export type CodeList = { rows: CodeRow[]; raw: unknown };

/** The one small interface both modes implement; commands never know which one they talk to. */
export interface Transport {
  readonly mode: "gateway" | "direct";
  /** Base URL, for messages. */
  readonly url: string;
  search(filters: CliFilters): Promise<SearchResult>;
  notice(id: string): Promise<Notice>;
  changes(query: ChangesQuery): Promise<ChangesPage>;
  cpvCodes(query: { q?: string; flat: boolean }): Promise<CodeList>;
  locations(): Promise<CodeList>;
}
