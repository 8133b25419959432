import type { NoticeSummary } from "@doffin/core";

/** The fixed CSV header of `doffin export --format csv`; never reorder (spreadsheets depend on it). */
export const CSV_COLUMNS = [
  "id",
  "url",
  "heading",
  "type",
  "status",
  "buyers",
  "org_numbers",
  "locations",
  "cpv",
  "published_on",
  "deadline",
  "estimated_value",
  "currency",
] as const;

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

/** One notice → one CSV record (without the line break). */
export function csvRecord(n: NoticeSummary): string {
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
    textCell((n.cpvCodes ?? []).join(LIST_SEPARATOR)),
    textCell(n.publishedOn),
    textCell(n.deadline),
    n.estimatedValue ? String(n.estimatedValue.amount) : "",
    textCell(n.estimatedValue?.currency),
  ];
  return cells.join(",");
}

/** RFC 4180 uses CRLF between records. */
export const CSV_EOL = "\r\n";
export const csvHeader = (): string => CSV_COLUMNS.join(",");
