/**
 * The ranking both code lists share (CPV and locations): code matches first, then label matches by
 * strength, ties broken by level (broader first) and code order — so a page boundary is stable and
 * paging never repeats or skips an item.
 */
import { editDistance, foldText, typoBudget, words } from "./fold";
import type { CodeLanguage } from "./types";

/**
 * How an item matched, strongest first: the exact code, a code starting with the query, the whole
 * label, every query word as a whole label word, every query word inside the label (a fragment or
 * a word start), or the typo-corrected query as whole words or fragments.
 *
 * @example searchCpvPage("7221").items[0]?.match // "code_prefix"
 * @example searchLocationsPage("Oslo").items[0]?.match // "label"
 */
export const CODE_MATCH_KINDS = ["code", "code_prefix", "label", "words", "partial", "typo"] as const;
export type CodeMatchKind = (typeof CODE_MATCH_KINDS)[number];

/** A code list prepared for ranking: item i has a code, a level and one folded label per language. */
export interface RankableList {
  readonly size: number;
  readonly level: (i: number) => number;
  readonly labels: Readonly<Record<CodeLanguage, readonly string[]>>;
  /** Indices of the code equal to the query and of codes starting with it (the list's code syntax). */
  readonly codeMatches: (query: string) => { exact: number[]; prefix: number[] };
  /** The code the query stands for in the list's code syntax ("" when none): with the folded query, it identifies a ranking. */
  readonly codeKey: (query: string) => string;
}

export interface RankedHit {
  i: number;
  match: CodeMatchKind;
}

export interface RankOptions {
  /** Match only this language's labels (default: Norwegian and English). */
  lang?: CodeLanguage | undefined;
  /** Retry with typo-corrected words when nothing matches as typed (default true). */
  typoTolerant?: boolean | undefined;
}

export interface Ranking {
  hits: RankedHit[];
  /** The folded, typo-corrected query the hits match, when nothing matched the query as typed. */
  correctedQuery?: string;
}

/** Rank of each kind: its position in CODE_MATCH_KINDS. */
const TIER = Object.fromEntries(CODE_MATCH_KINDS.map((kind, i) => [kind, i])) as Record<
  CodeMatchKind,
  number
>;

/** Strength of one folded label against the folded query: 0 = exact label, 1 = whole words, 2 = fragments. */
const labelStrength = (
  label: string,
  padded: string,
  query: string,
  queryWords: readonly string[],
): number => {
  if (label === query) return 0;
  let strength = 1;
  for (const word of queryWords) {
    // Most labels miss: one substring scan rejects them before the whole-word check.
    if (!label.includes(word)) return -1;
    if (padded.includes(` ${word} `)) continue;
    // A one- or two-letter fragment ("it" in "sanitære" or "italienske") is noise, not a match.
    if (word.length <= 2) return -1;
    strength = 2;
  }
  return strength;
};

const padCache = new WeakMap<readonly string[], readonly string[]>();
const padded = (labels: readonly string[]): readonly string[] => {
  let out = padCache.get(labels);
  if (!out) {
    out = labels.map((l) => ` ${l} `);
    padCache.set(labels, out);
  }
  return out;
};

const vocabularyCache = new WeakMap<RankableList, ReadonlySet<string>>();
/** Every distinct folded label word of a list, for typo correction; built when a correction needs it. */
const vocabulary = (list: RankableList): ReadonlySet<string> => {
  let all = vocabularyCache.get(list);
  if (!all) {
    const set = new Set<string>();
    for (const labels of Object.values(list.labels))
      for (const label of labels) for (const w of words(label)) set.add(w);
    all = set;
    vocabularyCache.set(list, all);
  }
  return all;
};

/** Replaces each query word that is no label word by the closest label word within its typo budget. */
export const correctWords = (folded: string, known: ReadonlySet<string>): string | null => {
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

const labelMatches = (
  list: RankableList,
  folded: string,
  lang: CodeLanguage | undefined,
  best: Int8Array,
): void => {
  const queryWords = words(folded);
  if (queryWords.length === 0) return;
  const languages: CodeLanguage[] = lang ? [lang] : ["nb", "en"];
  for (const language of languages) {
    const labels = list.labels[language];
    const pads = padded(labels);
    for (let i = 0; i < list.size; i++) {
      const strength = labelStrength(labels[i] as string, pads[i] as string, folded, queryWords);
      if (strength < 0) continue;
      const tier = TIER.label + strength;
      if (best[i] === -1 || tier < (best[i] as number)) best[i] = tier;
    }
  }
};

const collect = (list: RankableList, best: Int8Array): RankedHit[] => {
  const hits: RankedHit[] = [];
  for (let i = 0; i < list.size; i++) {
    const tier = best[i] as number;
    if (tier >= 0) hits.push({ i, match: CODE_MATCH_KINDS[tier] as CodeMatchKind });
  }
  // Index order is code order in both lists, so `a.i - b.i` is the final "then code" tie-break.
  return hits.sort((a, b) => TIER[a.match] - TIER[b.match] || list.level(a.i) - list.level(b.i) || a.i - b.i);
};

/**
 * Every item of `list` matching `query`, best first (kind, then level, then index = code order); blank
 * queries match nothing. When nothing matches as typed: the typo-corrected query's matches, as "typo".
 */
export const rankList = (list: RankableList, query: string, options: RankOptions = {}): Ranking => {
  const best = new Int8Array(list.size).fill(-1);
  const trimmed = query.trim();
  if (trimmed === "") return { hits: [] };
  const { exact, prefix } = list.codeMatches(trimmed);
  for (const i of prefix) best[i] = TIER.code_prefix;
  for (const i of exact) best[i] = TIER.code;
  const folded = foldText(trimmed);
  labelMatches(list, folded, options.lang, best);
  const hits = collect(list, best);
  if (hits.length > 0 || options.typoTolerant === false) return { hits };
  const corrected = correctWords(folded, vocabulary(list));
  if (corrected === null) return { hits };
  labelMatches(list, corrected, options.lang, best);
  const typo = collect(list, best).map((h) => ({ i: h.i, match: "typo" as const }));
  return { hits: typo, correctedQuery: corrected };
};
