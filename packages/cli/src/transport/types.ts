import {
  ChangesFeed,
  FeedEvent,
  type Notice,
  type ResolvedChangesQuery,
  type SearchQuery,
  type SearchResult,
} from "@doffin/core";
import { z } from "zod";
import type { OrgPage, OrgProfile, OrgSearch, OrgSearchPage } from "./organizations";

/**
 * One change event of the tracker's feed: core's `FeedEvent` (the event, and a summary of its notice
 * when the tracker sends one — older trackers do not), except that `kind` accepts kinds this
 * CLI version does not know yet (a newer gateway must not break an older CLI).
 */
export const ChangeItem = FeedEvent.extend({ kind: z.string() });
export type ChangeItem = z.infer<typeof ChangeItem>;

/** The tracker's feed page (`GET /v1/changes`), as core's `ChangesFeed`. */
export const ChangesPage = ChangesFeed.extend({ items: z.array(ChangeItem) });
export type ChangesPage = z.infer<typeof ChangesPage>;

/** A flat code-list row for tables; `depth` indents tree levels. */
export type CodeRow = { code: string; label: string; depth: number; note?: string };

/** What a code-list command prints: rows for people, `raw` for `--json`. */
export type CodeList = { rows: CodeRow[]; raw: unknown };

/** The one small interface both modes implement; commands never know which one they talk to. */
export interface Transport {
  readonly mode: "gateway" | "direct";
  /** Base URL, for messages. */
  readonly url: string;
  /**
   * One page of a search validated by core's contract (`parseSearchQuery`). Codes stay as the user
   * typed them (`72*`, "Oslo"): the gateway resolves them itself, the direct transport with core.
   */
  search(query: SearchQuery): Promise<SearchResult>;
  notice(id: string): Promise<Notice>;
  /** One page of the change feed, for a query validated by core's `ChangesQuery`. */
  changes(query: ResolvedChangesQuery): Promise<ChangesPage>;
  /** Organisations by name (the tracker's, so a gateway only). */
  organizations(query: OrgSearch): Promise<OrgSearchPage>;
  /** One organisation as buyer and supplier, by its 9-digit number. */
  organization(orgNumber: string, page: OrgPage): Promise<OrgProfile>;
  cpvCodes(query: { q?: string; flat: boolean }): Promise<CodeList>;
  locations(): Promise<CodeList>;
}
