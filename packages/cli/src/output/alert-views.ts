import type { AlertMatch, FeedItem, SavedSearch } from "../transport/saved-searches";
import { renderTable, terminalWidth } from "./table";
import type { ViewOptions } from "./views";

const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : "");

/** The key's saved searches: one row each, the name gets the room. */
export function searchesView(items: SavedSearch[], o: ViewOptions = {}): string {
  if (items.length === 0) return "No saved searches.";
  return renderTable(
    items,
    [
      { header: "ID", value: (s) => s.id },
      { header: "SOURCE", value: (s) => s.source },
      { header: "STATE", value: (s) => (s.paused ? "paused" : "active") },
      { header: "WEBHOOK", value: (s) => (s.webhook ? "yes" : "no"), drop: 1 },
      { header: "CREATED", value: (s) => day(s.createdAt), drop: 2 },
      { header: "NAME", value: (s) => s.name, flex: true },
    ],
    o.width ?? terminalWidth(),
    o.wide ? { wide: true } : {},
  );
}

/** One saved search, as `key: value` lines (the feed URLs in full: they are meant to be copied). */
export function searchView(s: SavedSearch): string {
  const filters = Object.entries(s.query).map(
    ([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : String(v)}`,
  );
  return [
    `${s.name} (${s.id})`,
    `source:    ${s.source}${s.paused ? " (paused)" : ""}`,
    `filters:   ${filters.length ? filters.join(" ") : "(none: everything)"}`,
    `webhook:   ${s.webhook ? s.webhook.url : "none"}`,
    `feed:      ${s.feeds.atom}`,
    `json feed: ${s.feeds.json}`,
    `created:   ${s.createdAt}  updated: ${s.updatedAt}`,
  ].join("\n");
}

/** The items that matched a search, newest first as the gateway sends them. */
export function matchesView(items: AlertMatch[], o: ViewOptions = {}): string {
  if (items.length === 0) return "No matches.";
  return renderTable(
    items,
    [
      { header: "ITEM", value: (m) => m.itemId },
      { header: "STATE", value: (m) => m.state },
      { header: "DEADLINE", value: (m) => day(m.deadline), drop: 2 },
      { header: "MATCHED", value: (m) => day(m.firstMatchedAt), drop: 1 },
      { header: "TITLE", value: (m) => m.item?.title ?? "", flex: true },
    ],
    o.width ?? terminalWidth(),
    o.wide ? { wide: true } : {},
  );
}

/** One feed entry as one line for `doffin watch`: when, then the entry's title (type and item). */
export const feedItemLine = (item: FeedItem): string =>
  [item.date_published ?? item.date_modified ?? "", item.title ?? item.id, item.url ?? ""]
    .filter(Boolean)
    .join("  ");
