/**
 * Per-search feeds of alert events: Atom (RFC 4287) and JSON Feed 1.1. Both are rendered from the same
 * entry texts, newest first, with stable entry ids (`urn:doffin:alert:<event id>`, the event id being
 * deterministic), so a reader never sees an entry twice. Every text is cleaned of characters XML 1.0
 * cannot carry (control characters, lone surrogates) and XML-escaped, since titles come from notices.
 */
import type { AlertEvent } from "./events";

/** A feed of one saved search. `id` is an IRI (e.g. `urn:doffin:search:ss_…`); times are RFC 3339. */
export type AlertFeed = {
  id: string;
  title: string;
  selfUrl: string;
  homeUrl: string;
  updated: string;
  entries: AlertEvent[];
};

/** Content types to serve the two feeds with. */
export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";
export const JSON_FEED_CONTENT_TYPE = "application/feed+json; charset=utf-8";
const AUTHOR = "Doffin gateway";

const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing what XML 1.0 cannot carry is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe for XML 1.0 and for display: invalid characters dropped. */
const clean = (s: string): string => s.replace(NOT_XML_CHAR, "");

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};
/** Escapes text for XML content and attribute values alike. */
const xml = (s: string): string => clean(s).replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string);

/** RFC 3339 UTC for any parseable time, else the fallback (Atom requires a valid date construct). */
const rfc3339 = (s: string, fallback: string): string => {
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
};

/** A URL in its serialized form (`<`, spaces … percent-encoded), as both formats require a valid URI. */
const href = (s: string): string => {
  try {
    return new URL(s).href;
  } catch {
    return s;
  }
};

/** The stable id of an event's entry in every feed. */
export const alertEntryId = (event: AlertEvent): string => `urn:doffin:alert:${event.id}`;

const show = (v: unknown): string => {
  if (v === null || v === undefined) return "none";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
};

/**
 * The title and plain-text summary of an event's feed entry.
 * @example alertEntryText(event).title // "Deadline changed: Rammeavtale IT-drift"
 */
export function alertEntryText(event: AlertEvent): { title: string; summary: string } {
  const name = clean(event.item.title) || event.item.id;
  const lines: string[] = [];
  let title: string;
  if (event.type === "match.new") {
    title = `New match: ${name}`;
    lines.push(`New ${event.item.source === "jobs" ? "job ad" : "notice"} matching "${event.search.name}".`);
  } else if (event.type === "deadline.reminder") {
    const days = event.reminder?.daysBefore ?? 0;
    title = `Deadline in ${days} day${days === 1 ? "" : "s"}: ${name}`;
    lines.push(`Deadline ${event.reminder?.deadline ?? event.item.deadline ?? "unknown"}.`);
  } else {
    const fields = [...new Set(event.changes.map((c) => c.field))];
    title = `Changed (${fields.join(", ") || "update"}): ${name}`;
    for (const c of event.changes) lines.push(`${c.field}: ${show(c.before)} → ${show(c.after)}`);
    if (event.ocdsTag) lines.push(`OCDS tag: ${event.ocdsTag}`);
  }
  if (event.item.deadline && event.type !== "deadline.reminder")
    lines.push(`Deadline ${event.item.deadline}.`);
  if (event.item.status) lines.push(`Status ${event.item.status}.`);
  return { title: clean(title), summary: clean(lines.join("\n")) };
}

/** Newest first; equal times keep the given order (the caller's sequence). */
const newestFirst = (entries: readonly AlertEvent[]): AlertEvent[] =>
  entries
    .map((e, i) => ({ e, i, t: Date.parse(e.createdAt) || 0 }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map((x) => x.e);

/**
 * An Atom 1.0 document (RFC 4287): feed `id`, `title`, `updated`, `link rel="self"` and `rel="alternate"`,
 * `author`; each entry `id`, `title`, `updated`, `published`, `link rel="alternate"` (the notice or ad),
 * `category` (the event type) and a text `summary`.
 *
 * @example renderAtomFeed({ id: "urn:doffin:search:ss_x", title: "IT i Vestland", selfUrl, homeUrl, updated, entries: [] }).startsWith("<?xml") // true
 */
export function renderAtomFeed(feed: AlertFeed): string {
  const updated = rfc3339(feed.updated, new Date(0).toISOString());
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(feed.id)}</id>`,
    `  <title type="text">${xml(feed.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(href(feed.selfUrl))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(href(feed.homeUrl))}"/>`,
    `  <author><name>${AUTHOR}</name></author>`,
    `  <generator>${AUTHOR}</generator>`,
  ];
  for (const event of newestFirst(feed.entries)) {
    const { title, summary } = alertEntryText(event);
    const at = rfc3339(event.createdAt, updated);
    out.push(
      "  <entry>",
      `    <id>${xml(alertEntryId(event))}</id>`,
      `    <title type="text">${xml(title)}</title>`,
      `    <updated>${at}</updated>`,
      `    <published>${at}</published>`,
      `    <link rel="alternate" type="text/html" href="${xml(href(event.item.url))}"/>`,
      `    <category term="${xml(event.type)}"/>`,
      `    <summary type="text">${xml(summary)}</summary>`,
      "  </entry>",
    );
  }
  out.push("</feed>", "");
  return out.join("\n");
}

/** A JSON Feed 1.1 document (the shape `renderJsonFeed` returns). */
export type JsonFeed = {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  home_page_url: string;
  feed_url: string;
  authors: { name: string }[];
  items: {
    id: string;
    url: string;
    title: string;
    content_text: string;
    summary: string;
    date_published: string;
    date_modified: string;
    tags: string[];
    /** Extension (JSON Feed allows `_`-prefixed keys): the whole event, for programs. */
    _doffin: { event: AlertEvent };
  }[];
};

/**
 * A JSON Feed 1.1 document: the same entries as the Atom feed, plus the full event under `_doffin`.
 *
 * @example renderJsonFeed(feed).version // "https://jsonfeed.org/version/1.1"
 */
export function renderJsonFeed(feed: AlertFeed): JsonFeed {
  const updated = rfc3339(feed.updated, new Date(0).toISOString());
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: clean(feed.title),
    home_page_url: href(feed.homeUrl),
    feed_url: href(feed.selfUrl),
    authors: [{ name: AUTHOR }],
    items: newestFirst(feed.entries).map((event) => {
      const { title, summary } = alertEntryText(event);
      const at = rfc3339(event.createdAt, updated);
      return {
        id: alertEntryId(event),
        url: href(event.item.url),
        title,
        content_text: summary,
        summary: title,
        date_published: at,
        date_modified: at,
        tags: [event.type, event.item.source],
        _doffin: { event },
      };
    }),
  };
}
