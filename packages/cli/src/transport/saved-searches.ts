import { z } from "zod";

/**
 * The gateway's saved-search answers (`/v1/searches*`; contracts in `@doffin/contracts/alerts` and
 * `@doffin/contracts/alert-deliveries`), read leniently like the organisation answers: only what the
 * CLI prints is required, so a newer gateway never breaks an older CLI.
 */

export const SavedSearch = z.looseObject({
  id: z.string(),
  name: z.string(),
  source: z.string(),
  query: z.record(z.string(), z.unknown()),
  webhook: z.looseObject({ url: z.string(), secret: z.string().optional() }).nullable(),
  paused: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  feeds: z.looseObject({ atom: z.string(), json: z.string() }),
});
export type SavedSearch = z.infer<typeof SavedSearch>;

export const SavedSearchPage = z.looseObject({
  items: z.array(SavedSearch),
  nextCursor: z.string().nullable(),
});

const Item = z.looseObject({
  id: z.string(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  deadline: z.string().nullable(),
  status: z.string().nullable(),
});

export const AlertMatch = z.looseObject({
  searchId: z.string(),
  itemId: z.string(),
  source: z.string(),
  state: z.string(),
  deadline: z.string().nullable(),
  firstMatchedAt: z.string(),
  lastEventAt: z.string().nullable(),
  item: Item.nullable(),
});
export type AlertMatch = z.infer<typeof AlertMatch>;

export const AlertMatchPage = z.looseObject({
  items: z.array(AlertMatch),
  nextCursor: z.string().nullable(),
});

/** One JSON Feed 1.1 item of a search's feed.json: the id is the alert event's id. */
export const FeedItem = z.looseObject({
  id: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  date_published: z.string().optional(),
  date_modified: z.string().optional(),
  content_text: z.string().optional(),
  summary: z.string().optional(),
});
export type FeedItem = z.infer<typeof FeedItem>;

export const JsonFeed = z.looseObject({ items: z.array(FeedItem) });

export const MATCH_STATES = ["new", "seen", "starred", "excluded"] as const;

/** Saved search ids as the gateway issues them (checked before a request, so a typo is exit 2). */
export const SEARCH_ID = /^ss_[a-z2-7]{20}$/;
