/**
 * Finding CPV codes from what people type: label search, prefix patterns (`72*`) and "did you mean"
 * suggestions for the API's query linting.
 */
import { type CpvStore, cpvPrefixRange, cpvStore, normalizeCpvCode } from "./cpv";
import { editDistance } from "./fold";
import type { CodeMatchKind } from "./ranked-search";
import { CODE_SEARCH_MAX_LIMIT, searchCpvPage } from "./search-page";
import type { CodeLanguage, CodeResolution, CodeSuggestion, CpvCode } from "./types";

export interface CpvSearchHit extends CpvCode {
  /** Higher is better: 1000 exact code, 500 − level code prefix, 100 whole label, 60 whole words, 20 fragments or typos. */
  score: number;
  /** Set when nothing matched the query as typed and these hits match this typo-corrected (folded) query. */
  correctedQuery?: string;
}

export interface CpvSearchOptions {
  /** Maximum number of hits (default 20). */
  limit?: number;
  /** Retry with typo-corrected words when nothing matches (default true). */
  typoTolerant?: boolean;
}

const SCORE: Record<CodeMatchKind, number> = {
  code: 1000,
  code_prefix: 500,
  label: 100,
  words: 60,
  partial: 20,
  typo: 20,
};

/**
 * Searches the CPV list by code or by Norwegian/English label, case- and diacritic-insensitive: the first
 * `limit` hits of `searchCpvPage` (same ranking), with a score. Kept for callers that want one plain
 * list; new code should page with `searchCpvPage`.
 *
 * @example searchCpv("programvare", { limit: 3 })[0]?.code === "48000000"
 * @example searchCpv("7221")[0]?.code === "72210000"
 * @example searchCpv("programvre")[0]?.correctedQuery === "programvare"
 */
export const searchCpv = (query: string, options: CpvSearchOptions = {}): CpvSearchHit[] => {
  const limit = Math.max(0, Math.floor(options.limit ?? 20));
  const hits: CpvSearchHit[] = [];
  let cursor: string | undefined;
  // Pages of at most 100; callers of this older function may ask for more in one list.
  while (hits.length < limit) {
    const pageSize = Math.min(CODE_SEARCH_MAX_LIMIT, limit - hits.length);
    const page = searchCpvPage(query, { limit: pageSize, cursor, typoTolerant: options.typoTolerant });
    for (const { match, ...code } of page.items) {
      hits.push({
        ...code,
        score: SCORE[match] - (match === "code_prefix" ? code.level : 0),
        ...(page.correctedQuery === undefined ? {} : { correctedQuery: page.correctedQuery }),
      });
    }
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return hits;
};

export interface CpvSuggestOptions {
  limit?: number;
  /** Language of the suggestion labels (default "nb"). */
  lang?: CodeLanguage;
}

const labelOf = (store: CpvStore, i: number, lang: CodeLanguage): string =>
  (lang === "en" ? store.nameEn[i] : store.nameNb[i]) ?? "";

/**
 * "Did you mean" candidates for CPV input that did not resolve: for digits, codes sharing the prefix,
 * codes within a small edit distance and the nearest existing ancestor; for words, a label search
 * (retried with typo-corrected words when nothing matches).
 *
 * @example suggestCpv("7200000")[0]?.code === "72000000"
 */
export const suggestCpv = (input: string, options: CpvSuggestOptions = {}): CodeSuggestion[] => {
  const limit = options.limit ?? 5;
  const lang = options.lang ?? "nb";
  const store = cpvStore();
  const out = new Map<string, CodeSuggestion>();
  const add = (i: number, reason: CodeSuggestion["reason"]) => {
    const code = store.codes[i] as string;
    if (!out.has(code)) out.set(code, { code, label: labelOf(store, i, lang), reason });
  };
  const compact = input.trim().replace(/\s+/g, "");
  const digits = /^(\d{1,9})(?:-\d)?\*?$/.exec(compact)?.[1];

  if (digits !== undefined) {
    const byLevel = (a: number, b: number) => (store.level[a] ?? 0) - (store.level[b] ?? 0) || a - b;
    if (digits.length < 8) {
      for (const i of cpvPrefixRange(store, digits).sort(byLevel).slice(0, limit)) add(i, "prefix");
    }
    if (digits.length >= 6) {
      const near: { i: number; d: number }[] = [];
      store.codes.forEach((code, i) => {
        const d = editDistance(digits, code, 2);
        if (d <= 2) near.push({ i, d });
      });
      near.sort((a, b) => a.d - b.d || byLevel(a.i, b.i));
      for (const { i } of near.slice(0, limit)) add(i, "edit_distance");
    }
    for (let n = Math.min(digits.length, 7); n >= 2; n--) {
      const i = store.indexOf.get(digits.slice(0, n).padEnd(8, "0"));
      if (i !== undefined) {
        add(i, "prefix");
        break;
      }
    }
    return [...out.values()].slice(0, limit);
  }

  for (const hit of searchCpv(input, { limit })) {
    add(store.indexOf.get(hit.code) ?? 0, hit.correctedQuery === undefined ? "label" : "edit_distance");
  }
  return [...out.values()].slice(0, limit);
};

const describe = (suggestions: readonly CodeSuggestion[]): string =>
  suggestions.length === 0
    ? "search the list with GET /v1/codes/cpv?q=…"
    : `did you mean ${suggestions.map((s) => `${s.code} (${s.label})`).join(", ")}?`;

/**
 * Turns a CPV filter value into the codes to send upstream. Doffin indexes every notice under the
 * ancestors of its codes too, so a prefix is sent as the smallest set of codes that covers it:
 * `72*` → the division `72000000`; `7221*` → `72210000`; a full code (check digit allowed) → itself.
 * Anything else fails with a message and nearest suggestions, ready for a 400.
 *
 * @example expandCpvPattern("72*") // { ok: true, input: "72*", codes: ["72000000"] }
 * @example expandCpvPattern("45000000-7") // { ok: true, input: "45000000-7", codes: ["45000000"] }
 */
export const expandCpvPattern = (input: string, options: CpvSuggestOptions = {}): CodeResolution => {
  const store = cpvStore();
  const trimmed = input.trim();
  const fail = (reason: "malformed" | "unknown" | "too_broad", what: string): CodeResolution => {
    const suggestions = reason === "too_broad" ? [] : suggestCpv(trimmed, options);
    return {
      ok: false,
      failure: { input, reason, message: `${what}; ${describe(suggestions)}`, suggestions },
    };
  };

  const full = normalizeCpvCode(trimmed.replace(/\*$/, ""));
  if (full !== null) {
    return store.indexOf.has(full)
      ? { ok: true, input, codes: [full] }
      : fail("unknown", `CPV code "${trimmed}" is not in the CPV 2008 list`);
  }
  const prefix = /^(\d{1,7})\*$/.exec(trimmed)?.[1];
  if (prefix === undefined) {
    if (trimmed === "*" || trimmed === "") {
      return fail("too_broad", `CPV pattern "${trimmed}" would match every code; give at least one digit`);
    }
    return fail(
      "malformed",
      `"${trimmed}" is not a CPV code: use 8 digits (e.g. 72000000), optionally with check digit (45000000-7), or a prefix ending in * (e.g. 72*)`,
    );
  }
  const inRange = new Set(cpvPrefixRange(store, prefix));
  // Keep only the topmost codes of the range: the rest are covered through ancestor expansion.
  const codes = [...inRange]
    .filter((i) => !inRange.has(store.parent[i] ?? -1))
    .map((i) => store.codes[i] as string);
  return codes.length > 0 ? { ok: true, input, codes } : fail("unknown", `no CPV code starts with ${prefix}`);
};
