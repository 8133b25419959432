/**
 * Ranked, paged search of the CPV and location lists: `{ items, total, nextCursor }`, every match
 * reachable page by page exactly once (the ranking is a total order and the lists are static).
 */
import { type CpvStore, cpvAt, cpvPrefixRange, cpvStore } from "./cpv";
import { CodeSearchError, type CursorScope, decodeCursor, encodeCursor } from "./cursor";
import { foldLines, foldText } from "./fold";
import { canonicalCode, listLocations } from "./locations";
import { type CodeMatchKind, type RankableList, type Ranking, rankList } from "./ranked-search";
import type { CodeLanguage, CpvCode, Location } from "./types";

/**
 * Default page size of the code searches, and the largest accepted — for an API's query schema.
 * @example z.number().int().min(1).max(CODE_SEARCH_MAX_LIMIT).default(CODE_SEARCH_DEFAULT_LIMIT)
 */
export const CODE_SEARCH_DEFAULT_LIMIT = 20;
/** Largest `limit` of `searchCpvPage` / `searchLocationsPage`. */
export const CODE_SEARCH_MAX_LIMIT = 100;

export interface CodeSearchPageOptions {
  /** Items per page, 1–100 (default 20); anything else throws `CodeSearchError` ("limit_out_of_range"). */
  limit?: number | undefined;
  /** `nextCursor` of the previous page of the same query; absent for the first page. */
  cursor?: string | undefined;
  /** Match only this language's labels (default: Norwegian and English). */
  lang?: CodeLanguage | undefined;
  /** Retry with typo-corrected words when nothing matches as typed (default true). */
  typoTolerant?: boolean | undefined;
}

export interface CodeSearchPage<T> {
  /** This page's matches, best first, each with how it matched. */
  items: (T & { match: CodeMatchKind })[];
  /** Matches of the whole query (every page). */
  total: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Set when nothing matched as typed and the items match this typo-corrected (folded) query. */
  correctedQuery?: string;
}

const CPV_DIGITS = /^(\d{1,8})(?:-\d)?\*?$/;

let cpvRankable: RankableList | undefined;
const cpvList = (store: CpvStore): RankableList => {
  cpvRankable ??= {
    size: store.codes.length,
    level: (i) => store.level[i] ?? 0,
    labels: { nb: foldLines(store.nameNb.join("\n")), en: foldLines(store.nameEn.join("\n")) },
    codeKey: (query) => CPV_DIGITS.exec(query.replace(/\s+/g, ""))?.[1] ?? "",
    codeMatches: (query) => {
      const digits = CPV_DIGITS.exec(query.replace(/\s+/g, ""))?.[1];
      if (digits === undefined) return { exact: [], prefix: [] };
      const range = cpvPrefixRange(store, digits);
      return {
        exact: range.filter((i) => store.codes[i] === digits),
        prefix: range.filter((i) => store.codes[i] !== digits),
      };
    },
  };
  return cpvRankable;
};

let locationRankable: RankableList | undefined;
const locationList = (): RankableList => {
  if (locationRankable) return locationRankable;
  const list = listLocations();
  locationRankable = {
    size: list.length,
    // The `anyw*` codes have no NUTS level; they are top-level entries of the tree, so rank them as broad.
    level: (i) => list[i]?.level ?? 0,
    labels: { nb: list.map((l) => foldText(l.nameNb)), en: list.map((l) => foldText(l.nameEn)) },
    codeKey: (query) => canonicalCode(query),
    codeMatches: (query) => {
      const code = canonicalCode(query);
      const exact: number[] = [];
      const prefix: number[] = [];
      if (code.length < 2) return { exact, prefix };
      list.forEach((l, i) => {
        if (l.code === code) exact.push(i);
        else if (l.code.startsWith(code)) prefix.push(i);
      });
      return { exact, prefix };
    },
  };
  return locationRankable;
};

// Paging re-runs the same query: keep the last few rankings (each at most a few thousand small objects).
const recent = new Map<string, Ranking>();
const RECENT_MAX = 16;
const ranked = (
  scope: CursorScope,
  list: RankableList,
  query: string,
  options: CodeSearchPageOptions,
): Ranking => {
  const id = `${scope.list}\u0000${scope.key}`;
  const hit = recent.get(id);
  if (hit) return hit;
  const ranking = rankList(list, query, { lang: options.lang, typoTolerant: options.typoTolerant });
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(id, ranking);
  return ranking;
};

const pageOf = <T>(
  listName: CursorScope["list"],
  list: RankableList,
  query: string,
  options: CodeSearchPageOptions,
  item: (i: number) => T,
): CodeSearchPage<T> => {
  const limit = options.limit ?? CODE_SEARCH_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > CODE_SEARCH_MAX_LIMIT) {
    throw new CodeSearchError(
      "limit_out_of_range",
      `limit must be an integer from 1 to ${CODE_SEARCH_MAX_LIMIT} (got ${String(limit)})`,
    );
  }
  const scope: CursorScope = {
    list: listName,
    // What decides the ranking: the folded words, the code the query names, the language, typo tolerance.
    key: [
      foldText(query),
      list.codeKey(query.trim()),
      options.lang ?? "*",
      options.typoTolerant === false ? "exact" : "typo",
    ].join("|"),
  };
  const { hits, correctedQuery } = ranked(scope, list, query, options);
  const offset = options.cursor === undefined ? 0 : decodeCursor(options.cursor, scope, hits.length);
  const end = offset + limit;
  return {
    items: hits.slice(offset, end).map((h) => ({ ...item(h.i), match: h.match })),
    total: hits.length,
    nextCursor: end < hits.length ? encodeCursor(scope, end) : null,
    ...(correctedQuery === undefined ? {} : { correctedQuery }),
  };
};

/**
 * Searches the CPV list by code (`72210000`, `7221`, `45000000-7`, `72*`) or by Norwegian/English label
 * (case- and diacritic-insensitive), one page at a time. Ranking: exact code, code prefix, whole label,
 * every query word as a whole label word, every word inside the label (word starts, fragments of
 * three letters or more), then — only when nothing matched as typed — typo-corrected words. Ties are
 * broken by level (divisions first), then code. A blank query matches nothing.
 * Throws `CodeSearchError` for a limit outside 1–100 and a cursor edited, truncated or issued for
 * another query.
 *
 * @example
 * const first = searchCpvPage("programvare", { limit: 50 });
 * first.items[0]?.code; // "48000000" (whole word, division level)
 * first.total;          // every match, e.g. 289
 * const second = searchCpvPage("programvare", { limit: 50, cursor: first.nextCursor ?? undefined });
 * @example searchCpvPage("7221").items.map((c) => c.match) // ["code", "code_prefix", …]
 */
export const searchCpvPage = (
  query: string,
  options: CodeSearchPageOptions = {},
): CodeSearchPage<CpvCode> => {
  const store = cpvStore();
  return pageOf("cpv", cpvList(store), query, options, (i) => cpvAt(store, i));
};

/**
 * Searches the location list (NUTS 2024 + legacy NUTS 2021 + `anyw*`) by code (`NO081`, `no08`, `anyw`)
 * or by Norwegian/English name (case- and diacritic-insensitive), ranked and paged like `searchCpvPage`;
 * ties broken by NUTS level (country first; `anyw*` count as broad), then code.
 *
 * @example searchLocationsPage("NO08").items.map((l) => l.code) // ["NO08", "NO081", "NO082", …]
 * @example searchLocationsPage("Oslo").items[0] // { code: "NO081", nameNb: "Oslo", match: "label", … }
 * @example searchLocationsPage("Osloo").correctedQuery // "oslo"
 */
export const searchLocationsPage = (
  query: string,
  options: CodeSearchPageOptions = {},
): CodeSearchPage<Location> => {
  const list = listLocations();
  return pageOf("locations", locationList(), query, options, (i) => list[i] as Location);
};
