/**
 * Free-text matching with the semantics of the notice search (the emulator's documented choice, since
 * Doffin's analyser is unknown): words, not substrings, folded case- and diacritic-insensitively
 * (ø → o, æ → ae, å → a, ß → ss, other accents dropped); every query word must occur (AND); a word ending in
 * `*` matches every token it starts. Written out here rather than shared with the emulator on purpose: the
 * emulator is the independent witness the predicate is tested against.
 */

const MARKS = /[\u0300-\u036f]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Folded tokens of a text as one space-separated string.
 * @example foldSearchWords("IT-tjenester, Møre") // "it tjenester more"
 */
export const foldSearchWords = (text: string): string =>
  text
    .toLowerCase()
    .replaceAll("ø", "o")
    .replaceAll("æ", "ae")
    .replaceAll("å", "a")
    .replaceAll("ß", "ss")
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(NON_WORD, " ")
    .trim();

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

export const matchesTerms = (doc: IndexedWords, terms: readonly TextTerm[]): boolean => {
  for (const t of terms) if (!doc.text.includes(t.prefix ? ` ${t.token}` : ` ${t.token} `)) return false;
  return true;
};
