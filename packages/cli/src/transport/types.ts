import { ChangeEvent, ChangesFeed, type Notice, type SearchResult } from "@doffin/core";
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

/**
 * One change event of the tracker's feed: core's `ChangeEvent`, except that `kind` accepts kinds this
 * CLI version does not know yet (a newer gateway must not break an older CLI).
 */
export const ChangeItem = ChangeEvent.extend({ kind: z.string() });
export type ChangeItem = z.infer<typeof ChangeItem>;

/** The tracker's feed page (`GET /v1/changes`), as core's `ChangesFeed`. */
export const ChangesPage = ChangesFeed.extend({ items: z.array(ChangeItem) });
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
