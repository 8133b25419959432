import { isNotFoundError, type NoticeSummary } from "@doffin/core";
import { CliError, EXIT } from "../errors";
import type { ExportRecord } from "../output/csv";
import type { Transport } from "../transport/types";

/**
 * `--details`: search hits carry no CPV codes, so each notice's detail is fetched (one request per
 * notice, through the same rate-capped transport as the pages) and its codes are added: `cpvCodes`
 * (ancestor-expanded, the summary field's meaning) and `cpvDirect` (the notice's own codes, the CSV
 * `cpv` column). A detail that is gone by now (withdrawn since the search) keeps the summary as it is
 * and is listed in `gone`. Any other failure throws before anything of the page is written, so the
 * page is fetched again on retry or `--resume`.
 */
export async function addDetails(
  transport: Transport,
  items: NoticeSummary[],
  gone: string[],
): Promise<{ records: ExportRecord[]; requests: number }> {
  const records: ExportRecord[] = [];
  for (const n of items) {
    try {
      const d = await transport.notice(n.id);
      records.push({ ...n, cpvCodes: d.cpvCodes ?? d.cpv.all, cpvDirect: d.cpv.direct });
    } catch (err) {
      const notFound = isNotFoundError(err) || (err instanceof CliError && err.exitCode === EXIT.notFound);
      if (!notFound) throw err;
      gone.push(n.id);
      records.push(n);
    }
  }
  return { records, requests: items.length };
}

/** NDJSON carries `NoticeSummary` records only: `cpvDirect` is for the CSV column. */
export const ndjsonLine = ({ cpvDirect: _csvOnly, ...summary }: ExportRecord): string =>
  `${JSON.stringify(summary)}\n`;
