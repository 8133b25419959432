/**
 * Finding CPV codes from what people type: label search, prefix patterns (`72*`) and "did you mean"
 * suggestions for the API's query linting.
 */
import { type CpvStore, cpvAt, cpvStore, normalizeCpvCode } from "./cpv";
import { editDistance, foldLines, foldText, typoBudget, words } from "./fold";
import type { CodeLanguage, CodeResolution, CodeSuggestion, CpvCode } from "./types";

interface SearchIndex {
  readonly nb: readonly string[];
  readonly en: readonly string[];
}

let cachedIndex: SearchIndex | undefined;
const searchIndex = (store: CpvStore): SearchIndex => {
  cachedIndex ??= { nb: foldLines(store.nameNb.join("\n")), en: foldLines(store.nameEn.join("\n")) };
  return cachedIndex;
};

let cachedVocabulary: ReadonlySet<string> | undefined;
/** Every distinct folded label word, for typo correction; built only when a suggestion needs it. */
const vocabulary = (store: CpvStore): ReadonlySet<string> => {
  if (cachedVocabulary) return cachedVocabulary;
  const index = searchIndex(store);
  const all = new Set<string>();
  for (const labels of [index.nb, index.en])
    for (const label of labels) for (const w of words(label)) all.add(w);
  cachedVocabulary = all;
  return all;
};

/** Indices of the codes starting with a digit prefix: a binary search, since codes are sorted. */
const prefixRange = (store: CpvStore, prefix: string): number[] => {
  const { codes } = store;
  let low = 0;
  let high = codes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((codes[mid] as string) < prefix) low = mid + 1;
    else high = mid;
  }
  const out: number[] = [];
  for (let i = low; i < codes.length && (codes[i] as string).startsWith(prefix); i++) out.push(i);
  return out;
};

const isWordStart = (label: string, at: number): boolean => at === 0 || label[at - 1] === " ";

/**
 * How well one folded label matches the folded query words: 0 = no match. Whole-label and label-start
 * matches beat whole-word matches, which beat word-prefix matches, which beat substrings.
 */
const labelScore = (label: string, query: string, queryWords: readonly string[]): number => {
  if (label === query) return 100;
  if (label.startsWith(query) && (label.length === query.length || label[query.length] === " ")) return 90;
  let score = 60;
  for (const word of queryWords) {
    let at = label.indexOf(word);
    if (at < 0) return 0;
    let best = 1; // substring
    while (at >= 0 && best < 3) {
      if (isWordStart(label, at)) {
        const end = at + word.length;
        best = Math.max(best, end === label.length || label[end] === " " ? 3 : 2);
      }
      at = label.indexOf(word, at + 1);
    }
    // A one- or two-letter fragment inside a word ("it" in "sanitære") is noise, not a match.
    if (best === 1 && word.length <= 2) return 0;
    score = Math.min(score, best === 3 ? 60 : best === 2 ? 40 : 20);
  }
  return label.startsWith(query) ? score + 10 : score;
};

/** Replaces each query word that is no label word by the closest label word within its typo budget. */
const correctWords = (folded: string, known: ReadonlySet<string>): string | null => {
  let changed = false;
  const corrected = words(folded).map((word) => {
    const budget = typoBudget(word.length);
    if (budget === 0 || known.has(word)) return word;
    let best = word;
    let bestDistance = budget + 1;
    for (const candidate of known) {
      const d = editDistance(word, candidate, bestDistance - 1);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best !== word) changed = true;
    return best;
  });
  return changed ? corrected.join(" ") : null;
};

export interface CpvSearchHit extends CpvCode {
  /** Higher is better: 1000 exact code, 500+ code prefix, ≤ 100 label matches. */
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

const DIGITS_QUERY = /^(\d{1,8})(?:-\d)?\*?$/;

const rank = (store: CpvStore, query: string, limit: number): CpvSearchHit[] => {
  const compact = query.trim().replace(/\s+/g, "");
  const hits: { i: number; score: number; length: number }[] = [];

  const digits = DIGITS_QUERY.exec(compact)?.[1];
  if (digits !== undefined) {
    for (const i of prefixRange(store, digits)) {
      hits.push({ i, score: store.codes[i] === digits ? 1000 : 500 - (store.level[i] ?? 0), length: 0 });
    }
  } else {
    const folded = foldText(query);
    const queryWords = words(folded);
    if (queryWords.length === 0) return [];
    const index = searchIndex(store);
    for (let i = 0; i < store.codes.length; i++) {
      const nb = index.nb[i] as string;
      const en = index.en[i] as string;
      const score = Math.max(labelScore(nb, folded, queryWords), labelScore(en, folded, queryWords));
      if (score > 0) hits.push({ i, score, length: Math.min(nb.length, en.length) });
    }
  }
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      (store.level[a.i] ?? 0) - (store.level[b.i] ?? 0) ||
      a.length - b.length ||
      a.i - b.i,
  );
  return hits.slice(0, limit).map((h) => ({ ...cpvAt(store, h.i), score: h.score }));
};

/**
 * Searches the CPV list by code or by Norwegian/English label, case- and diacritic-insensitive.
 * Ranking: exact code, then code prefix (broadest first), then label matches (whole label, label start,
 * whole words, word prefixes, substrings), ties broken by broader level, shorter label, code order.
 * When no label matches, words are typo-corrected against the label vocabulary and the search retried.
 *
 * @example searchCpv("programvare", { limit: 3 })[0]?.code === "48000000"
 * @example searchCpv("7221")[0]?.code === "72210000"
 * @example searchCpv("programvre")[0]?.correctedQuery === "programvare"
 */
export const searchCpv = (query: string, options: CpvSearchOptions = {}): CpvSearchHit[] => {
  const limit = Math.max(0, options.limit ?? 20);
  const store = cpvStore();
  const hits = rank(store, query, limit);
  if (hits.length > 0 || options.typoTolerant === false || limit === 0) return hits;
  if (DIGITS_QUERY.test(query.trim().replace(/\s+/g, ""))) return hits;
  const corrected = correctWords(foldText(query), vocabulary(store));
  if (corrected === null) return hits;
  return rank(store, corrected, limit).map((hit) => ({ ...hit, correctedQuery: corrected }));
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
      for (const i of prefixRange(store, digits).sort(byLevel).slice(0, limit)) add(i, "prefix");
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
  const inRange = new Set(prefixRange(store, prefix));
  // Keep only the topmost codes of the range: the rest are covered through ancestor expansion.
  const codes = [...inRange]
    .filter((i) => !inRange.has(store.parent[i] ?? -1))
    .map((i) => store.codes[i] as string);
  return codes.length > 0 ? { ok: true, input, codes } : fail("unknown", `no CPV code starts with ${prefix}`);
};
