/** Terminal width for tables: the TTY's, else $COLUMNS, else a roomy default for pipes and logs. */
export function terminalWidth(stream: { columns?: number } = process.stdout): number {
  const fromEnv = Number(process.env.COLUMNS);
  return stream.columns ?? (fromEnv > 0 ? fromEnv : 160);
}

/** Cuts a string to `max` display characters, marking the cut with an ellipsis. */
export function truncate(s: string, max: number): string {
  const chars = Array.from(flatten(s));
  if (chars.length <= max) return chars.join("");
  if (max <= 1) return chars.slice(0, Math.max(0, max)).join("");
  return `${chars.slice(0, max - 1).join("")}…`;
}

/** One line per cell: inner line breaks and tabs become spaces; leading indentation is kept. */
const flatten = (s: string): string => s.replace(/[\r\n\t]+/g, " ").trimEnd();

const width = (s: string): number => Array.from(s).length;

export type Column<T> = {
  header: string;
  value: (row: T) => string;
  /** The one column that shrinks (and is truncated) to fit the terminal; usually the heading. */
  flex?: boolean;
  /** Hard cap for a fixed column. */
  max?: number;
};

/**
 * Renders rows as an aligned, space-separated table. Fixed columns take what they need (up to `max`);
 * the flex column gets the rest of the terminal width, never less than 10 characters (narrower terminals wrap).
 */
export function renderTable<T>(rows: T[], columns: Column<T>[], totalWidth = terminalWidth()): string {
  const cells = rows.map((r) => columns.map((c) => flatten(c.value(r) ?? "")));
  const gap = 2;
  const widths = columns.map((c, i) => {
    const natural = Math.max(width(c.header), ...cells.map((row) => width(row[i] ?? "")));
    return c.max ? Math.min(natural, c.max) : natural;
  });
  const flexIndex = columns.findIndex((c) => c.flex);
  if (flexIndex >= 0) {
    const fixed = widths.reduce((sum, w, i) => (i === flexIndex ? sum : sum + w + gap), 0);
    widths[flexIndex] = Math.min(widths[flexIndex] ?? 0, Math.max(10, totalWidth - fixed));
  }
  const line = (values: string[]): string =>
    values
      .map((v, i) => {
        const w = widths[i] ?? 0;
        const cut = truncate(v, w);
        return i === values.length - 1 ? cut : cut.padEnd(w + (cut.length - width(cut)));
      })
      .join(" ".repeat(gap))
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join("\n");
}
