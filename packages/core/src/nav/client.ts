import { createTransport, decode, joinUrl, type RawResponse, send, type Transport } from "../client/http";
import type { DoffinClientOptions } from "../client/types";
import { NotFoundError, UpstreamError } from "../errors";
import type { Job, JobFeedLine, JobSearchResult } from "./model";
import {
  normalizeAggregations,
  normalizeFeedEntry,
  normalizeFeedLine,
  normalizeSearchHit,
} from "./normalize";
import { slicePlannedHits } from "./page-plan";
import { navSearchParams, type ResolvedJobSearch } from "./resolve";
import { createNavTokenProvider, type NavTokenProvider } from "./token";
import { NavFeedEntry, NavFeedPage } from "./upstream-feed";
import { NavSearchResponse } from "./upstream-search";

/** Production hosts. */
export const NAV_FEED_BASE_URL = "https://pam-stilling-feed.nav.no";
export const NAV_SEARCH_BASE_URL = "https://arbeidsplassen.nav.no";
/** The feed's own default page size, and its maximum. */
export const NAV_FEED_MAX_PAGE_SIZE = 10_000;

export type NavClientOptions = Omit<DoffinClientOptions, "baseUrl" | "kind" | "apiKey"> & {
  /** e.g. `https://pam-stilling-feed.nav.no` or the NAV emulator's URL. */
  feedBaseUrl?: string;
  /** e.g. `https://arbeidsplassen.nav.no` or the NAV emulator's URL. */
  searchBaseUrl?: string;
  /** A private feed token; without one the public token is fetched and refreshed on 401. */
  token?: string;
};

/** One feed page, normalized. `nextPageId` null = the tip: poll this page again later. */
export type JobFeedPage = { pageId: string; nextPageId: string | null; lines: JobFeedLine[] };

/** Where to read the feed from: a page id (a cursor), the newest page, or the first page. */
export type FeedCursor = { pageId?: string; last?: boolean; pageSize?: number };

/**
 * The small interface every NAV job source implements; apps depend on this, like on `DoffinSource`.
 */
export interface NavSource {
  readonly kind: "nav";
  /** One page of jobs for a resolved search (any limit 1–100; NAV's 25/100 pages are planned away). */
  search(search: ResolvedJobSearch): Promise<JobSearchResult>;
  /** The current state of one ad from the feed. NotFoundError for unknown (or FINN) ads. */
  getJob(uuid: string): Promise<Job>;
  /** One raw feed page, normalized. NotFoundError for an unknown page id. */
  feedPage(cursor?: FeedCursor): Promise<JobFeedPage>;
  /** Reads up to `maxPages` pages from `cursor`, dropping the line each page repeats from the one before. */
  readFeed(
    cursor: FeedCursor,
    maxPages: number,
  ): Promise<{ lines: JobFeedLine[]; cursor: string; pages: number; atTip: boolean }>;
  /** Public-token fetches so far. */
  readonly tokenFetches: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET on the feed with the bearer token; on 401 the token is refreshed once and the call repeated. */
const feedGet = async (t: Transport, tokens: NavTokenProvider, url: string): Promise<RawResponse> => {
  const attempt = (token: string) =>
    send(
      t,
      url,
      { method: "GET", headers: { authorization: `Bearer ${token}`, accept: "application/json" } },
      [401, 404],
    );
  const token = await tokens.get();
  let raw = await attempt(token);
  if (raw.status === 401) {
    const fresh = await tokens.refresh(token);
    if (fresh != null) raw = await attempt(fresh);
  }
  if (raw.status === 401)
    throw new UpstreamError({
      kind: "http",
      status: 401,
      message: "NAV's feed refused the token (401) after one refresh",
      attempts: raw.attempts,
      cause: { body: raw.text.slice(0, 500) },
    });
  return raw;
};

/**
 * A NAV client: website search for listings, the feed for details and changes.
 *
 * @example
 * const nav = createNavClient({ feedBaseUrl: emu.url, searchBaseUrl: emu.url });
 * const parsed = parseJobSearchQuery(new URLSearchParams("county=Oslo&limit=10"));
 * if (parsed.ok) { const r = resolveJobSearchQuery(parsed.query); if (r.ok) await nav.search(r.search); }
 */
export const createNavClient = (options: NavClientOptions = {}): NavSource => {
  const t = createTransport({ ...options, baseUrl: "", upstream: "NAV" });
  const feedBase = options.feedBaseUrl ?? NAV_FEED_BASE_URL;
  const searchBase = options.searchBaseUrl ?? NAV_SEARCH_BASE_URL;
  const tokens = createNavTokenProvider(t, feedBase, options.token);

  const feedPage = (cursor: FeedCursor = {}): Promise<JobFeedPage> =>
    (async () => {
      if (cursor.pageId !== undefined && !UUID.test(cursor.pageId)) throw new NotFoundError("feed page");
      const size =
        cursor.pageSize == null
          ? null
          : Math.min(NAV_FEED_MAX_PAGE_SIZE, Math.max(1, Math.floor(cursor.pageSize)));
      const qs = new URLSearchParams();
      if (size != null) qs.set("pageSize", String(size));
      if (cursor.last && cursor.pageId === undefined) qs.set("last", "true");
      const path = cursor.pageId === undefined ? "/api/v1/feed" : `/api/v1/feed/${cursor.pageId}`;
      const raw = await feedGet(t, tokens, joinUrl(feedBase, `${path}${qs.size > 0 ? `?${qs}` : ""}`));
      if (raw.status === 404) throw new NotFoundError("feed page");
      const page = decode(NavFeedPage, raw, "feed page");
      return { pageId: page.id, nextPageId: page.next_id ?? null, lines: page.items.map(normalizeFeedLine) };
    })();

  return {
    kind: "nav",
    get tokenFetches() {
      return tokens.fetches;
    },
    search: (search) =>
      (async () => {
        const pages: NavSearchResponse[] = [];
        for (const request of search.plan.requests) {
          const url = joinUrl(searchBase, `/stillinger/api/search?${navSearchParams(search, request)}`);
          pages.push(
            decode(
              NavSearchResponse,
              await send(t, url, { method: "GET", headers: { accept: "application/json" } }),
              "search",
            ),
          );
        }
        const [first] = pages;
        const total =
          first == null
            ? 0
            : typeof first.hits.total === "number"
              ? first.hits.total
              : first.hits.total.value;
        const hits = slicePlannedHits(
          search.plan,
          pages.map((p) => p.hits.hits),
        );
        return {
          total,
          offset: search.offset,
          limit: search.limit,
          jobs: hits.map(normalizeSearchHit),
          facets: search.facets ? normalizeAggregations(first?.aggregations) : null,
        };
      })(),
    getJob: (uuid) =>
      (async () => {
        if (!UUID.test(uuid)) throw new NotFoundError("job", `job ${uuid.slice(0, 60)} was not found`);
        const raw = await feedGet(t, tokens, joinUrl(feedBase, `/api/v1/feedentry/${uuid}`));
        if (raw.status === 404) throw new NotFoundError("job", `job ${uuid} was not found`);
        return normalizeFeedEntry(decode(NavFeedEntry, raw, "feed entry"));
      })(),
    feedPage,
    async readFeed(cursor, maxPages) {
      const lines: JobFeedLine[] = [];
      let page = await feedPage(cursor);
      let pages = 1;
      lines.push(...page.lines);
      while (page.nextPageId != null && pages < Math.max(1, maxPages)) {
        const next = await feedPage({ pageId: page.nextPageId, pageSize: cursor.pageSize });
        pages++;
        // Pages overlap by one line: the first line of a page is the last line of the one before.
        const skip = next.lines[0]?.lineKey === lines.at(-1)?.lineKey ? 1 : 0;
        lines.push(...next.lines.slice(skip));
        page = next;
      }
      return { lines, cursor: page.nextPageId ?? page.pageId, pages, atTip: page.nextPageId == null };
    },
  };
};
