import type { JobSearchQuery, JobSummary } from "@doffin/core";
import { CliError, EXIT } from "../errors";
import type { Sink } from "../export/sink";
import { guardFormula, quoteCsv } from "../output/csv";
import type { JobsTransport } from "../transport/jobs";

/**
 * Every job ad of a search, past NAV's 10000-hit window: a slice that NAV can page through whole is
 * paged (100 a request, newest first); a bigger one is split on a facet it does not filter yet
 * (county, then occupation) and each part exported the same way. An ad listed under several counties
 * is written once. The written count is checked against NAV's total: fewer (e.g. ads with no county
 * in a county split) is an incomplete export (exit 5), never a silent gap.
 */

export const NAV_WINDOW = 10_000;
const PAGE = 100;

export const JOB_CSV_COLUMNS = [
  "uuid",
  "title",
  "employer",
  "county",
  "municipality",
  "occupation",
  "published",
  "expires",
  "application_due",
  "link",
];

const cell = (s: string | null | undefined) => quoteCsv(guardFormula(s ?? ""));
export const jobCsvRecord = (j: JobSummary): string =>
  [
    cell(j.uuid),
    cell(j.title),
    cell(j.employer.name),
    cell(
      j.locations
        .map((l) => l.county)
        .filter(Boolean)
        .join("; "),
    ),
    cell(
      j.locations
        .map((l) => l.municipality)
        .filter(Boolean)
        .join("; "),
    ),
    cell(j.occupations.map((o) => (o.level2 ? `${o.level1}.${o.level2}` : o.level1)).join("; ")),
    cell(j.published),
    cell(j.expires),
    cell(j.applicationDue),
    cell(j.link),
  ].join(",");

export type JobExportResult = { written: number; total: number; requests: number; slices: number };

export async function exportJobs(
  jobs: JobsTransport,
  query: JobSearchQuery,
  sink: Sink,
  format: "ndjson" | "csv",
  window = NAV_WINDOW,
): Promise<JobExportResult> {
  const seen = new Set<string>();
  const stats = { requests: 0, slices: 0 };
  if (format === "csv") await sink.write(`${JOB_CSV_COLUMNS.join(",")}\r\n`);
  const write = async (j: JobSummary) => {
    if (seen.has(j.uuid)) return;
    seen.add(j.uuid);
    await sink.write(format === "csv" ? `${jobCsvRecord(j)}\r\n` : `${JSON.stringify(j)}\n`);
  };
  const base = { ...query, page: undefined, offset: undefined, sort: "published" as const, facets: false };

  const slice = async (q: JobSearchQuery): Promise<number> => {
    const facets = await jobs.facets(q);
    stats.requests++;
    if (facets.total <= window) {
      stats.slices++;
      for (let offset = 0; offset < facets.total; offset += PAGE) {
        const page = await jobs.search({ ...q, offset, limit: Math.min(PAGE, window - offset) });
        stats.requests++;
        for (const j of page.jobs) await write(j);
        if (page.jobs.length === 0) break;
      }
      return facets.total;
    }
    if (!q.county?.length && facets.facets.counties.length > 0) {
      for (const b of facets.facets.counties) await slice({ ...q, county: [b.value] });
      return facets.total;
    }
    if (!q.occupation?.length && facets.facets.occupations.length > 0) {
      for (const b of facets.facets.occupations) await slice({ ...q, occupation: [b.value] });
      return facets.total;
    }
    throw new CliError(
      EXIT.incomplete,
      `${facets.total} ads match one county and occupation, more than NAV's ${window}-hit window; narrow the search`,
    );
  };

  const total = await slice(base);
  return { written: seen.size, total, ...stats };
}
