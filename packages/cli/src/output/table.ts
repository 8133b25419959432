/** Terminal width for tables: the TTY's, else $COLUMNS, else 80 (pipes and logs get a classic terminal). */
export function terminalWidth(stream: { columns?: number } = process.stdout): number {
  const fromEnv = Number(process.env.COLUMNS);
  return stream.columns ?? (fromEnv > 0 ? fromEnv : 80);
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
  /** Hard cap for a fixed column (ignored with `wide`). */
  max?: number;
  /**
   * Columns with a drop rank are left out, highest rank first, while the flex column would get less
   * than `minFlex`: on a narrow terminal the heading keeps its room and BUYER goes before TYPE.
   */
  drop?: number;
};

export type TableOptions = {
  /** Every column in full: no caps, no dropping, no truncation (lines may exceed the terminal). */
  wide?: boolean;
  /** Least room for the flex column before lower-priority columns are dropped (default 30). */
  minFlex?: number;
};

export type Table = { text: string; dropped: string[] };

const GAP = 2;

/**
 * Renders rows as an aligned, space-separated table that fits `totalWidth`: fixed columns take what
 * they need (up to `max`), columns are dropped by rank while the flex column would be narrower than
 * `minFlex`, and the flex column gets the rest (at least 10 characters; narrower terminals wrap).
 */
export function layoutTable<T>(
  rows: T[],
  all: Column<T>[],
  totalWidth = terminalWidth(),
  opts: TableOptions = {},
): Table {
  const natural = (c: Column<T>, cells: string[]) => {
    const w = Math.max(width(c.header), ...cells.map(width));
    return c.max && !opts.wide ? Math.min(w, c.max) : w;
  };
  const cellsOf = all.map((c) => rows.map((r) => flatten(c.value(r) ?? "")));
  let keep = all.map((_, i) => i);
  const dropped: string[] = [];
  const minFlex = opts.minFlex ?? 30;
  const flexOf = (idx: number[]) => idx.find((i) => all[i]?.flex);
  const fixedWidth = (idx: number[]) =>
    idx.reduce(
      (sum, i) => (all[i]?.flex ? sum : sum + natural(all[i] as Column<T>, cellsOf[i] ?? []) + GAP),
      0,
    );
  if (!opts.wide && flexOf(keep) !== undefined) {
    for (;;) {
      const room = totalWidth - fixedWidth(keep);
      const flexIndex = flexOf(keep) as number; // checked above; never dropped
      const need = Math.min(minFlex, natural(all[flexIndex] as Column<T>, cellsOf[flexIndex] ?? []));
      if (room >= need) break;
      const candidates = keep.filter((i) => all[i]?.drop !== undefined);
      if (candidates.length === 0) break;
      const worst = candidates.reduce((a, b) => ((all[b]?.drop ?? 0) > (all[a]?.drop ?? 0) ? b : a));
      dropped.push(all[worst]?.header ?? "");
      keep = keep.filter((i) => i !== worst);
    }
  }
  const columns = keep.map((i) => all[i] as Column<T>);
  const cells = rows.map((_, r) => keep.map((i) => cellsOf[i]?.[r] ?? ""));
  const widths = keep.map((i) => natural(all[i] as Column<T>, cellsOf[i] ?? []));
  const flexAt = columns.findIndex((c) => c.flex);
  if (flexAt >= 0 && !opts.wide) {
    const fixed = widths.reduce((sum, w, i) => (i === flexAt ? sum : sum + w + GAP), 0);
    widths[flexAt] = Math.min(widths[flexAt] ?? 0, Math.max(10, totalWidth - fixed));
  }
  const line = (values: string[]): string =>
    values
      .map((v, i) => {
        const w = widths[i] ?? 0;
        const cut = opts.wide ? v : truncate(v, w);
        return i === values.length - 1 ? cut : cut.padEnd(w + (cut.length - width(cut)));
      })
      .join(" ".repeat(GAP))
      .trimEnd();
  return { text: [line(columns.map((c) => c.header)), ...cells.map(line)].join("\n"), dropped };
}

/** The table's text alone (see `layoutTable`). */
export function renderTable<T>(
  rows: T[],
  columns: Column<T>[],
  totalWidth = terminalWidth(),
  opts: TableOptions = {},
): string {
  return layoutTable(rows, columns, totalWidth, opts).text;
}
