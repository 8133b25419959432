import { existsSync } from "node:fs";
import {
  type HarvestSource,
  initialHarvestState,
  isUpstreamError,
  NOTICE_TYPES,
  type NoticeSummary,
  ROLL_UP_OF,
  ROLL_UP_TYPES,
  runHarvest,
} from "@doffin/core";
import { CliError, EXIT, usageError } from "../errors";
import { CSV_EOL, csvHeader, csvRecord } from "../output/csv";
import type { CliFilters, Transport } from "../transport/types";
import { createProgress, type ProgressMode } from "./progress";
import { scanExistingOutput } from "./scan";
import { fileSink, type Sink, stdoutSink } from "./sink";
import { type ExportState, loadState, removeState, saveState } from "./state";

/** Doffin's data starts on 2017-01-02; an export without --published-from covers all of it. */
export const EARLIEST_DAY = "2017-01-01";

export type ExportOptions = {
  transport: Transport;
  filters: CliFilters;
  format: "ndjson" | "csv";
  /** A path, or "-" for stdout. */
  output: string;
  resume: boolean;
  stateFile?: string;
  progress: ProgressMode;
  stderr: (s: string) => void;
  columns?: number;
  /** Polled between pages: a signal asked us to stop. */
  shouldStop: () => boolean;
  today?: () => string;
  /**
   * Whether a failed page is worth retrying after a pause (the upstream is rate limiting or briefly
   * down). A long export should ride out a bad minute instead of stopping; the state is consistent, so
   * retrying a step is safe. Default: never.
   */
  retryable?: (err: unknown, failures: number) => { waitMs: number } | null;
  /** Consecutive failed steps tolerated before giving up (default 5). */
  maxStepRetries?: number;
  sleep?: (ms: number) => Promise<void>;
};

export type ExportSummary = {
  output: string;
  format: "ndjson" | "csv";
  total: number;
  written: number;
  /** Written by earlier, interrupted runs. */
  resumedFrom: number;
  requests: number;
  /** Date windows (one day, one type) that still held more than 1000 hits: only 1000 of each were reachable. */
  truncatedWindows: { from: string; to: string; type?: string }[];
};

/** The concrete types a day over the cap is split by: all ten, or those the user's --type covers. */
function splitTypesFor(types: string[] | undefined): string[] | undefined {
  if (!types?.length) return undefined;
  const out = new Set<string>();
  for (const t of types) {
    if ((ROLL_UP_TYPES as readonly string[]).includes(t)) {
      for (const [concrete, roll] of Object.entries(ROLL_UP_OF)) if (roll === t) out.add(concrete);
    } else out.add(t);
  }
  return NOTICE_TYPES.filter((t) => out.has(t));
}

/** The filters that define an export, in a canonical form compared on --resume. */
const canonicalFilters = (f: CliFilters): string =>
  JSON.stringify({
    q: f.q ?? null,
    types: [...(f.types ?? [])].sort(),
    statuses: [...(f.statuses ?? [])].sort(),
    cpv: [...(f.cpv ?? [])].sort(),
    locations: [...(f.locations ?? [])].sort(),
    contractNatures: [...(f.contractNatures ?? [])].sort(),
    publishedFrom: f.publishedFrom ?? null,
    publishedTo: f.publishedTo ?? null,
  });

/**
 * Streams every notice matching the filters past the 1000-hit cap (core's harvest splitter), each id
 * at most once, to a file or stdout. After every page the splitter state is saved next to the output;
 * records are written before the state, and on resume the output is re-read, so a kill at any point
 * neither loses nor duplicates a notice.
 */
export async function runExport(o: ExportOptions): Promise<ExportSummary> {
  const toStdout = o.output === "-";
  if (toStdout && o.resume) throw usageError("--resume needs --output <file> (stdout cannot be resumed)");
  const statePath = toStdout ? undefined : (o.stateFile ?? `${o.output}.state.json`);
  const filtersKey = canonicalFilters(o.filters);

  let state: ExportState | null = statePath ? loadState(statePath) : null;
  if (state && !o.resume) {
    throw usageError(
      `an interrupted export left ${statePath}; add --resume to continue it, or delete that file to start afresh`,
    );
  }
  if (state && (state.filters !== filtersKey || state.format !== o.format)) {
    throw usageError(
      `${statePath} belongs to an export with other filters or format; use the same options to resume`,
    );
  }
  if (o.resume && !state) o.stderr(`doffin: no state file at ${statePath}; starting a new export\n`);

  const written = new Set<string>();
  let hasHeader = false;
  if (state && !toStdout && existsSync(o.output)) {
    const scan = scanExistingOutput(o.output, o.format);
    for (const id of scan.ids) written.add(id);
    hasHeader = scan.hasHeader;
    if (scan.truncatedBytes > 0)
      o.stderr(`doffin: dropped a half-written last record (${scan.truncatedBytes} bytes)\n`);
  }
  const resumedFrom = written.size;

  let requests = 0;
  if (!state) {
    // The count query: the whole filter set once, so the progress bar knows its total up front.
    // An unreachable upstream fails at once (exit 4); a rate limit or a 5xx is waited out as below.
    const first = await withRetries(
      () => o.transport.search({ ...o.filters, page: 1, limit: 1, facets: false }),
      o,
      (err) => !(isUpstreamError(err) && (err.kind === "network" || err.kind === "timeout")),
    );
    requests++;
    const today = o.today?.() ?? new Date().toISOString().slice(0, 10);
    state = {
      v: 1,
      format: o.format,
      filters: filtersKey,
      total: first.total,
      startedAt: new Date().toISOString(),
      harvest: initialHarvestState(o.filters.publishedFrom ?? EARLIEST_DAY, o.filters.publishedTo ?? today),
    };
  }

  const base = o.filters;
  const source: HarvestSource = {
    async fetchPage(w, page, pageSize) {
      const types = w.type ? [w.type] : base.types;
      const res = await o.transport.search({
        ...base,
        ...(types ? { types } : {}),
        publishedFrom: w.from,
        publishedTo: w.to,
        sort: "published_asc",
        page,
        limit: pageSize,
        facets: false,
      });
      return { items: res.items, total: res.total };
    },
  };
  const splitTypes = splitTypesFor(base.types);

  const sink: Sink = toStdout ? stdoutSink() : fileSink(o.output, resumedFrom > 0 || hasHeader);
  const progress = createProgress({
    mode: o.progress,
    total: state.total,
    start: resumedFrom,
    write: o.stderr,
    ...(o.columns ? { columns: o.columns } : {}),
  });
  const writeItems = async (items: NoticeSummary[]): Promise<void> => {
    let chunk = "";
    for (const n of items) {
      if (written.has(n.id)) continue;
      written.add(n.id);
      chunk += o.format === "csv" ? csvRecord(n) + CSV_EOL : `${JSON.stringify(n)}\n`;
    }
    if (chunk) await sink.write(chunk);
    progress.update(written.size);
  };

  try {
    if (o.format === "csv" && !hasHeader) await sink.write(csvHeader() + CSV_EOL);
    progress.update(written.size);
    let current: ExportState = state;
    let failures = 0;
    while (!current.harvest.done) {
      if (o.shouldStop()) {
        throw new CliError(
          EXIT.interrupted,
          `interrupted after ${written.size} of ${current.total} notices; run the same command with --resume to continue`,
        );
      }
      // One request per call, so the state can be saved after every page.
      const run = await runHarvest({
        source,
        state: current.harvest,
        budget: 1,
        onItems: writeItems,
        ...(splitTypes ? { options: { splitTypes } } : {}),
      });
      requests += run.requests;
      current = { ...current, harvest: run.state };
      if (statePath) saveState(statePath, current);
      if (run.error === undefined) {
        failures = 0;
        continue;
      }
      failures++;
      const retry = o.retryable?.(run.error, failures) ?? null;
      if (!retry || failures > (o.maxStepRetries ?? 5)) throw run.error;
      if (o.progress !== "quiet") {
        progress.finish();
        o.stderr(`doffin: upstream trouble, retrying in ${Math.ceil(retry.waitMs / 1000)} s (${failures})\n`);
      }
      await (o.sleep ?? defaultSleep)(retry.waitMs);
    }
    progress.update(written.size);
    progress.finish();
    await sink.close();
    if (statePath) removeState(statePath);
    return {
      output: o.output,
      format: o.format,
      total: current.total,
      written: written.size,
      resumedFrom,
      requests,
      truncatedWindows: current.harvest.truncated,
    };
  } catch (err) {
    // The state on disk is the last consistent one; the caller maps the error to an exit code.
    progress.finish();
    await sink.close();
    throw err;
  }
}

async function withRetries<T>(
  step: () => Promise<T>,
  o: Pick<ExportOptions, "retryable" | "maxStepRetries" | "sleep" | "stderr" | "progress">,
  eligible: (err: unknown) => boolean,
): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      return await step();
    } catch (err) {
      const retry = eligible(err) ? (o.retryable?.(err, failures) ?? null) : null;
      if (!retry || failures > (o.maxStepRetries ?? 5)) throw err;
      if (o.progress !== "quiet") {
        o.stderr(`doffin: upstream trouble, retrying in ${Math.ceil(retry.waitMs / 1000)} s (${failures})\n`);
      }
      await (o.sleep ?? defaultSleep)(retry.waitMs);
    }
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
