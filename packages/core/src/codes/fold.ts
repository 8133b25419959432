/**
 * Text folding and fuzzy matching shared by the CPV and location look-ups.
 *
 * Folding is applied to both the stored labels and the user's input, so it only has to be consistent,
 * not linguistically perfect: "Møre", "More", "Moere" and "MØRE" all fold to "more"; "Ærfugl" and
 * "aerfugl" to "aerfugl"; "Åsen", "Aasen" and "asen" to "asen".
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALPHANUMERIC = /[^a-z0-9]+/g;

/**
 * Folds text for case- and diacritic-insensitive matching: lower case, accents stripped, ø → o,
 * æ → ae, å → a, and the ASCII spellings "oe" → "o" and "aa" → "a" so that people typing on
 * keyboards without Norwegian letters still match. Punctuation becomes single spaces.
 *
 * @example foldText("Møre og Romsdal") === foldText("Moere og Romsdal") // "more og romsdal"
 */
export const foldText = (text: string): string =>
  text
    .toLowerCase()
    .replace(/ø/g, "o")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/aa/g, "a")
    .replace(/oe/g, "o")
    .replace(NON_ALPHANUMERIC, " ")
    .trim();

/** The words of already-folded text. */
export const words = (folded: string): string[] => (folded === "" ? [] : folded.split(" "));

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of neighbouring characters
 * (optimal string alignment), abandoned early once it must exceed `max` (returns `max + 1` then), which
 * keeps scanning thousands of candidates for typo suggestions cheap.
 */
export const editDistance = (a: string, b: string, max = Number.POSITIVE_INFINITY): number => {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const ca = a.charCodeAt(i - 1);
      const cb = b.charCodeAt(j - 1);
      // Every index read below is within the rows built so far; `?? 0` only satisfies the type checker.
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (ca === cb ? 0 : 1),
      );
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
};

/** Edit distance a typo of a word of this length may plausibly have. */
export const typoBudget = (length: number): number => (length <= 3 ? 0 : length <= 6 ? 1 : 2);
