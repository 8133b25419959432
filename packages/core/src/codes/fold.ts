/**
 * Text folding and fuzzy matching shared by the CPV and location look-ups.
 *
 * Folding is applied to both the stored labels and the user's input, so it only has to be consistent,
 * not linguistically perfect: "Møre", "More", "Moere" and "MØRE" all fold to "more"; "Ærfugl" and
 * "aerfugl" to "aerfugl"; "Åsen", "Aasen" and "asen" to "asen".
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALPHANUMERIC_OR_NEWLINE = /[^a-z0-9\n]+/g;

/**
 * Folds text for case- and diacritic-insensitive matching: lower case, accents stripped, ø → o,
 * æ → ae, å → a, and the ASCII spellings "oe" → "o" and "aa" → "a" so that people typing on
 * keyboards without Norwegian letters still match. Punctuation becomes single spaces.
 *
 * @example foldText("Møre og Romsdal") === foldText("Moere og Romsdal") // "more og romsdal"
 */
export const foldText = (text: string): string => foldLines(text.replace(/[\r\n]/g, " "))[0] ?? "";

/**
 * Folds many newline-separated texts in one pass and returns one folded string per line — the same as
 * `foldText` on each line, but a few whole-string passes instead of thousands of small ones, which
 * matters for the first CPV search in a fresh Worker isolate.
 */
export const foldLines = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/ø/g, "o")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    // Whole runs, so that folding twice changes nothing ("aaa" → "a", not "aa").
    .replace(/a{2,}/g, "a")
    .replace(/oe+/g, "o")
    .replace(NON_ALPHANUMERIC_OR_NEWLINE, " ")
    .replace(/ ?\n ?/g, "\n")
    .trim()
    .split("\n");

/** The words of already-folded text. */
export const words = (folded: string): string[] => (folded === "" ? [] : folded.split(" "));

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of neighbouring characters
 * (optimal string alignment), abandoned early once it must exceed `max` (returns `max + 1` then), which
 * keeps scanning thousands of candidates for typo suggestions cheap.
 */
export const editDistance = (a: string, b: string, max = Number.POSITIVE_INFINITY): number => {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  // Three rolling rows in one reused buffer: suggestions compare against thousands of codes per call.
  if (scratch.length < width * 3) scratch = new Int32Array(width * 3);
  let before = 0;
  let previous = width;
  let current = width * 2;
  for (let j = 0; j < width; j++) scratch[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    scratch[current] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const cb = b.charCodeAt(j - 1);
      // Typed-array reads inside the buffer are always defined; `?? 0` only satisfies the type checker.
      let value = Math.min(
        (scratch[previous + j] ?? 0) + 1,
        (scratch[current + j - 1] ?? 0) + 1,
        (scratch[previous + j - 1] ?? 0) + (ca === cb ? 0 : 1),
      );
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        value = Math.min(value, (scratch[before + j - 2] ?? 0) + 1);
      }
      scratch[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return scratch[previous + b.length] ?? max + 1;
};
let scratch = new Int32Array(64);

/** Edit distance a typo of a word of this length may plausibly have. */
export const typoBudget = (length: number): number => (length <= 3 ? 0 : length <= 6 ? 1 : 2);
