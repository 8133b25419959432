import type { NoticeSummary } from "@doffin/core";

/**
 * The fixed CSV header of `doffin export --format csv`; never reorder (spreadsheets depend on it).
 * Search hits carry no CPV codes, so `cpv` is only a column with `--details` (see `csvColumns`): a
 * column that is empty in every row would look like data that is not there.
 */
export const CSV_COLUMNS = [
  "id",
  "url",
  "heading",
  "type",
  "status",
  "buyers",
  "org_numbers",
  "locations",
  "published_on",
  "deadline",
  "estimated_value",
  "currency",
] as const;

/** The header for an export with or without `--details` (`cpv` goes right after `locations`). */
export function csvColumns(details: boolean): string[] {
  if (!details) return [...CSV_COLUMNS];
  const cols: string[] = [...CSV_COLUMNS];
  cols.splice(cols.indexOf("locations") + 1, 0, "cpv");
  return cols;
}

/** A summary as exported; `cpvDirect` is the notice's own CPV codes, from its detail (`--details`). */
export type ExportRecord = NoticeSummary & { cpvDirect?: string[] };

/** Joins multi-valued cells (buyers, locations, CPV codes). */
export const LIST_SEPARATOR = "; ";

/**
 * Spreadsheet formula-injection guard (OWASP "CSV injection"): a text cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return is prefixed with a single quote, so Excel/LibreOffice/Sheets show
 * it as text instead of evaluating it. Notice headings come from thousands of buyers; treat them as
 * untrusted. Numeric cells (estimated_value) are written as plain numbers and are not prefixed.
 */
export function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 quoting: quote a field containing a comma, quote, CR or LF; double inner quotes. */
export function quoteCsv(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

const textCell = (s: string | null | undefined): string => quoteCsv(guardFormula(s ?? ""));

/** One notice → one CSV record (without the line break); with `details`, the `cpv` cell too. */
export function csvRecord(n: ExportRecord, details = false): string {
  const orgNumbers = n.buyers.map((b) => b.orgNumber).filter((o): o is string => o !== null);
  const cells = [
    textCell(n.id),
    textCell(n.url),
    textCell(n.heading),
    textCell(n.type),
    textCell(n.status),
    textCell(n.buyers.map((b) => b.name).join(LIST_SEPARATOR)),
    textCell(orgNumbers.join(LIST_SEPARATOR)),
    textCell(n.locations.join(LIST_SEPARATOR)),
    ...(details ? [textCell((n.cpvDirect ?? n.cpvCodes ?? []).join(LIST_SEPARATOR))] : []),
    textCell(n.publishedOn),
    textCell(n.deadline),
    n.estimatedValue ? String(n.estimatedValue.amount) : "",
    textCell(n.estimatedValue?.currency),
  ];
  return cells.join(",");
}

/** RFC 4180 uses CRLF between records. */
export const CSV_EOL = "\r\n";
export const csvHeader = (details = false): string => csvColumns(details).join(",");
