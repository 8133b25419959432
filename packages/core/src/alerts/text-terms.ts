/**
 * Free-text matching with the semantics of the notice search (the emulator's documented choice, since
 * Doffin's analyser is unknown): words, not substrings, folded case- and diacritic-insensitively
 * (ø → o, æ → ae, å → a, ß → ss, other accents dropped); every query word must occur (AND); a word ending in
 * `*` matches every token it starts. Written out here rather than shared with the emulator on purpose: the
 * emulator is the independent witness the predicate is tested against.
 */

const MARKS = /[\u0300-\u036f]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const NON_WORD_ASCII = /[^a-z0-9]+/g;
const NON_ASCII = /[\u0080-\uffff]/;
const ACCENTED = /[\u00c0-\u024f]/;

/**
 * Folded tokens of a text as one space-separated string.
 * @example foldSearchWords("IT-tjenester, Møre") // "it tjenester more"
 */
export const foldSearchWords = (text: string): string => {
  let s = text.toLowerCase();
  // Most text is ASCII or plain Norwegian: Unicode normalisation only when other accents occur (it is
  // the costliest step, and a sweep folds every changed notice).
  if (NON_ASCII.test(s)) {
    s = s.replaceAll("ø", "o").replaceAll("æ", "ae").replaceAll("å", "a").replaceAll("ß", "ss");
    if (ACCENTED.test(s)) s = s.normalize("NFD").replace(MARKS, "");
    if (NON_ASCII.test(s)) return s.replace(NON_WORD, " ").trim();
  }
  return s.replace(NON_WORD_ASCII, " ").trim();
};

/** One query word: a whole token, or a prefix (`skole*`). */
export type TextTerm = { token: string; prefix: boolean };

/**
 * The terms of a free-text query; [] when it holds no letters or digits (then it filters nothing).
 * `IT-tjenester` is two required tokens; a trailing `*` makes the chunk's last token a prefix.
 *
 * @example parseTextTerms("skole* IT-drift") // [{ token: "skole", prefix: true }, { token: "it", … }, { token: "drift", … }]
 */
export const parseTextTerms = (q: string | undefined): TextTerm[] => {
  const terms: TextTerm[] = [];
  for (const chunk of (q ?? "").split(/\s+/)) {
    const folded = foldSearchWords(chunk);
    if (folded === "") continue;
    const tokens = folded.split(" ");
    tokens.forEach((token, i) => {
      terms.push({ token, prefix: chunk.endsWith("*") && i === tokens.length - 1 });
    });
  }
  return terms;
};

/** A document's text ready for term tests: ` tok tok … ` (so a whole token is ` tok `, a prefix ` tok`). */
export type IndexedWords = { text: string; tokens: string[] };

/**
 * A document's words ready for `matchesTerms` (heading and description of a notice, in that order).
 * @example matchesTerms(indexWords("Skoleskyss i Bergen"), parseTextTerms("skole*")) // true
 */
export const indexWords = (...parts: string[]): IndexedWords => {
  const folded = parts.map(foldSearchWords).filter((p) => p !== "");
  const text = ` ${folded.join(" ")} `;
  return {
    text,
    tokens: folded
      .join(" ")
      .split(" ")
      .filter((t) => t !== ""),
  };
};

/** Every term occurs (a whole token, or a token start for a prefix term). */
export const matchesTerms = (doc: IndexedWords, terms: readonly TextTerm[]): boolean => {
  for (const t of terms) if (!doc.text.includes(t.prefix ? ` ${t.token}` : ` ${t.token} `)) return false;
  return true;
};
