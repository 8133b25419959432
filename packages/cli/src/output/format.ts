/** Thousands separators the way the README and Doffin's English pages print them: 4,650. */
export const num = (n: number): string => n.toLocaleString("en-US");

/** "1 notice", "4,650 notices": a count with its noun in the right number. */
export const countOf = (n: number, noun: string, plural = `${noun}s`): string =>
  `${num(n)} ${n === 1 ? noun : plural}`;
