import type { OcdsRelease } from "@doffin/core";

/**
 * The flattened CSV shape spreadsheet users of OCDS know (flatten-tool style): one file per sheet,
 * column headers are JSON paths with `/`, array items numbered from 0, and every child sheet starts
 * with `ocid` and `id` (the release) to join back to the releases sheet.
 */
export const CSV_SHEETS = ["releases", "awards", "parties", "lots"] as const;
export type CsvSheet = (typeof CSV_SHEETS)[number];

type Obj = Record<string, unknown>;
const at = (o: unknown, path: string): unknown =>
  path.split("/").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Obj)[k] : undefined), o);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const joined = (v: unknown) => (Array.isArray(v) ? v.join(";") : v);

const RELEASE_COLUMNS = [
  "ocid",
  "id",
  "date",
  "tag",
  "initiationType",
  "language",
  "title",
  "buyer/id",
  "buyer/name",
  "tender/id",
  "tender/title",
  "tender/status",
  "tender/mainProcurementCategory",
  "tender/procurementMethod",
  "tender/procurementMethodDetails",
  "tender/value/amount",
  "tender/value/currency",
  "tender/tenderPeriod/endDate",
  "tender/items/0/classification/id",
];
const AWARD_COLUMNS = [
  "id",
  "status",
  "date",
  "value/amount",
  "value/currency",
  "relatedLots",
  "suppliers/0/id",
  "suppliers/0/name",
];
const PARTY_COLUMNS = [
  "id",
  "name",
  "roles",
  "identifier/scheme",
  "identifier/id",
  "address/locality",
  "address/region",
  "address/country",
];
const LOT_COLUMNS = [
  "id",
  "title",
  "status",
  "mainProcurementCategory",
  "value/amount",
  "value/currency",
  "tenderPeriod/endDate",
  "contractPeriod/durationInDays",
];

const child = (array: string, columns: string[]) => ({
  header: ["ocid", "id", ...columns.map((c) => `${array}/0/${c}`)],
  rows: (r: OcdsRelease) =>
    list(at(r, array)).map((item) => [r.ocid, r.id, ...columns.map((c) => joined(at(item, c)))]),
});

const SHEETS: Record<CsvSheet, { header: string[]; rows: (r: OcdsRelease) => unknown[][] }> = {
  releases: { header: RELEASE_COLUMNS, rows: (r) => [RELEASE_COLUMNS.map((c) => joined(at(r, c)))] },
  awards: child("awards", AWARD_COLUMNS),
  parties: child("parties", PARTY_COLUMNS),
  lots: child("tender/lots", LOT_COLUMNS),
};

/**
 * RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes. Text starting with `=`,
 * `+`, `-`, `@`, tab or CR gets a leading `'` (formula-injection guard, as the CLI's CSV): buyers write
 * the titles, spreadsheets would evaluate them. Numbers are written as they are.
 */
const field = (v: unknown): string => {
  if (v === undefined || v === null) return "";
  const raw = typeof v === "object" ? JSON.stringify(v) : String(v);
  const s = typeof v === "string" && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (cells: unknown[]) => `${cells.map(field).join(",")}\r\n`;

/** The header line of a sheet. */
export const csvHeader = (sheet: CsvSheet): string => line(SHEETS[sheet].header);

/** The lines one release adds to a sheet (none when it has no such items). */
export const csvLines = (sheet: CsvSheet, release: OcdsRelease): string =>
  SHEETS[sheet].rows(release).map(line).join("");
