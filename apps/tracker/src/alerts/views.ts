import type { AlertMatch, SavedSearch } from "@doffin/contracts/alerts";
import { AlertItem } from "@doffin/core";
import type { MatchWithItem } from "./matches-db";
import type { SavedSearchRow } from "./searches-db";

/** Stored rows → the public shapes of the contract. The webhook secret leaves only when `secret` is given. */

/** The feed URLs on the API's public origin (PUBLIC_BASE_URL), with the token that opens them. */
export function feedUrls(baseUrl: string, id: string, token: string): SavedSearch["feeds"] {
  const base = `${baseUrl.replace(/\/+$/, "")}/v1/searches/${id}`;
  const t = encodeURIComponent(token);
  return { atom: `${base}/feed.atom?token=${t}`, json: `${base}/feed.json?token=${t}` };
}

export function savedSearchView(row: SavedSearchRow, baseUrl: string, secret?: string): SavedSearch {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    query: JSON.parse(row.query) as Record<string, unknown>,
    webhook: row.webhook_url ? { url: row.webhook_url, ...(secret ? { secret } : {}) } : null,
    paused: row.paused === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    feeds: feedUrls(baseUrl, row.id, row.feed_token),
  };
}

export function matchView(m: MatchWithItem): AlertMatch {
  const item = m.payload ? AlertItem.safeParse((JSON.parse(m.payload) as { item?: unknown }).item) : null;
  return {
    searchId: m.search_id,
    itemId: m.item_id,
    source: m.source,
    state: m.state,
    deadline: m.deadline,
    firstMatchedAt: m.first_matched_at,
    lastEventAt: m.last_event_at,
    item: item?.success ? { ...item.data, deadline: m.deadline } : null,
  };
}
