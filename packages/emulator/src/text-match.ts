/**
 * Free-text matching as a search engine does it: by words (tokens), not substrings, so "IT" finds
 * "IT-tjenester" but not "universitet". Tokens are runs of letters and digits, compared case- and
 * diacritic-insensitively ("Møre" = "more", "kjøp" = "kjop", "Ærø" = "aero"). A query word ending in `*`
 * matches every token starting with it (`skole*` finds "skole", "skoleskyss", "skolebygg"); without `*`
 * a word matches whole tokens only, so "skole" does not find "skoleskyss" (Doffin's exact analyser is
 * unknown; this is the documented emulator choice). Every query word must occur (AND).
 */

const MARKS = /[\u0300-\u036f]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const NON_WORD_ASCII = /[^a-z0-9]+/g;
const NON_ASCII = /[\u0080-\uffff]/;
const ACCENTED = /[\u00c0-\u024f]/;

/**
 * Folded text as space-separated tokens: lower case, ø → o, æ → ae, å → a, ß → ss, other accents dropped
 * (é → e), split on everything that is not a letter or digit. The common cases (ASCII, Norwegian letters)
 * skip Unicode normalisation: the first search of a 160k corpus folds every notice once.
 */
export const foldWords = (text: string): string => {
  let s = text.toLowerCase();
  if (NON_ASCII.test(s)) {
    s = s.replaceAll("ø", "o").replaceAll("æ", "ae").replaceAll("å", "a").replaceAll("ß", "ss");
    if (ACCENTED.test(s)) s = s.normalize("NFD").replace(MARKS, "");
  }
  return s.replace(NON_ASCII.test(s) ? NON_WORD : NON_WORD_ASCII, " ").trim();
};

/** The tokens of a text (see `foldWords`). */
export const foldTokens = (text: string): string[] => {
  const folded = foldWords(text);
  return folded === "" ? [] : folded.split(" ");
};

/** One query word: a whole token, or a token prefix (`skole*`); `needle` is what is looked for in an `IndexedText`. */
export type Term = { token: string; prefix: boolean; needle: string };

/** The terms of a search string; empty when it holds no letters or digits (then nothing is filtered). */
export const parseTerms = (searchString: string | undefined): Term[] => {
  const terms: Term[] = [];
  for (const chunk of (searchString ?? "").split(/\s+/)) {
    const tokens = foldTokens(chunk);
    // `IT-tjenester` is two tokens, both required; a trailing `*` makes the last one a prefix.
    tokens.forEach((token, i) => {
      const prefix = chunk.endsWith("*") && i === tokens.length - 1;
      // A whole token is ` tok ` in the indexed text, a prefix ` tok`.
      terms.push({ token, prefix, needle: prefix ? ` ${token}` : ` ${token} ` });
    });
  }
  return terms;
};

/**
 * A notice's searchable text, built once per notice: ` heading tokens | description tokens ` with a
 * leading and trailing space, so a whole token is ` tok ` and a prefix is ` tok`; `headingEnd` marks
 * where the heading ends, for relevance.
 */
export type IndexedText = { text: string; headingEnd: number };

export const indexText = (heading: string, description: string): IndexedText => {
  const head = foldWords(heading);
  const body = foldWords(description);
  const text = ` ${head} | ${body} `;
  return { text, headingEnd: head.length + 1 };
};

export const matchesAll = (doc: IndexedText, terms: readonly Term[]): boolean => {
  for (const t of terms) if (!doc.text.includes(t.needle)) return false;
  return true;
};

/** Relevance: occurrences of each term, heading occurrences counted double (triple in all: heading + text). */
export const relevance = (doc: IndexedText, terms: readonly Term[]): number => {
  let score = 0;
  for (const t of terms) {
    const n = t.needle;
    // Needles start with a space, so consecutive matches never overlap: step past the token's first letter.
    for (let at = doc.text.indexOf(n); at !== -1; at = doc.text.indexOf(n, at + 1)) {
      score += at < doc.headingEnd ? 3 : 1;
    }
  }
  return score;
};
