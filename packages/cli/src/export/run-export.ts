import { existsSync } from "node:fs";
import {
  addDays,
  type HarvestSource,
  initialHarvestState,
  isUpstreamError,
  NOTICE_TYPES,
  type NoticeSummary,
  osloDate,
  ROLL_UP_OF,
  ROLL_UP_TYPES,
  runHarvest,
  type SearchQuery,
} from "@doffin/core";
import { CliError, EXIT, usageError } from "../errors";
import { CSV_EOL, csvHeader, csvRecord } from "../output/csv";
import type { Transport } from "../transport/types";
import { addDetails, ndjsonLine } from "./details";
import { createProgress, type ProgressMode } from "./progress";
import { incompleteWindows, type MissingReport, probeMissingIds } from "./reconcile";
import { scanExistingOutput } from "./scan";
import { fileSink, type Sink, stdoutSink } from "./sink";
import { type ExportState, loadState, removeState, saveState } from "./state";
import { windowQuery } from "./window-query";

/** Doffin's data starts on 2017-01-02; an export without --published-from covers all of it. */
export const EARLIEST_DAY = "2017-01-01";

export type ExportOptions = {
  transport: Transport;
  filters: SearchQuery;
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
  /** Fetch each notice's detail for its CPV codes (one request per notice). */
  details?: boolean;
  /** The current instant (epoch ms); the open upper bound is its Oslo date. */
  now?: () => number;
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
  /** The publication days exported (Oslo dates, inclusive). */
  range: { from: string; to: string };
  /** True when every counted notice was written. */
  complete: boolean;
  /** Set when not complete: how many, which windows, which ids. */
  missing?: MissingReport;
  /** With --details: notices whose detail was gone (withdrawn) by the time it was fetched; no CPV for them. */
  detailsMissing?: string[];
};

/** Times the export looks past its upper bound for notices published meanwhile (the clock moved on). */
const MAX_EXTENSIONS = 3;

/** The concrete types a day over the cap is split by: all ten, or those the user's --type covers. */
function splitTypesFor(types: readonly string[] | undefined): string[] | undefined {
  if (!types?.length) return undefined;
  const out = new Set<string>();
  for (const t of types) {
    if ((ROLL_UP_TYPES as readonly string[]).includes(t)) {
      for (const [concrete, roll] of Object.entries(ROLL_UP_OF)) if (roll === t) out.add(concrete);
    } else out.add(t);
  }
  return NOTICE_TYPES.filter((t) => out.has(t));
}

/**
 * The filters that define an export, in a canonical form compared on --resume. The keys are the ones
 * state files have always used, so an export interrupted by an older CLI version still resumes.
 */
const canonicalFilters = (f: SearchQuery, details: boolean): string =>
  JSON.stringify({
    // Only when set, so state files written before --details existed still match.
    ...(details ? { details } : {}),
    q: f.q ?? null,
    types: [...(f.type ?? [])].sort(),
    statuses: [...(f.status ?? [])].sort(),
    cpv: [...(f.cpv ?? [])].sort(),
    locations: [...(f.location ?? [])].sort(),
    contractNatures: [...(f.contract_nature ?? [])].sort(),
    publishedFrom: f.published_from ?? null,
    publishedTo: f.published_to ?? null,
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
  const details = o.details === true;
  const filtersKey = canonicalFilters(o.filters, details);

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
    // The count query: the whole filter set once, so the progress bar knows its total up front, newest
    // first so its one hit says how far the data goes. An unreachable upstream fails at once (exit 4);
    // a rate limit or a 5xx is waited out as below.
    const first = await withRetries(
      () => o.transport.search({ ...o.filters, sort: "published_desc", page: 1, limit: 1, facets: false }),
      o,
      (err) => !(isUpstreamError(err) && (err.kind === "network" || err.kind === "timeout")),
    );
    requests++;
    const from = o.filters.published_from ?? EARLIEST_DAY;
    const to =
      o.filters.published_to ?? openUpperBound(from, o.now?.() ?? Date.now(), first.items[0]?.publishedOn);
    state = {
      v: 1,
      format: o.format,
      filters: filtersKey,
      total: first.total,
      startedAt: new Date().toISOString(),
      upTo: to,
      harvest: initialHarvestState(from, to),
    };
  }

  const base = o.filters;
  const source: HarvestSource = {
    async fetchPage(w, page, pageSize) {
      const res = await o.transport.search(
        windowQuery(base, w, { sort: "published_asc", page, limit: pageSize }),
      );
      return { items: res.items, total: res.total };
    },
  };
  const splitTypes = splitTypesFor(base.type);

  const sink: Sink = toStdout ? stdoutSink() : fileSink(o.output, resumedFrom > 0 || hasHeader);
  const progress = createProgress({
    mode: o.progress,
    total: state.total,
    start: resumedFrom,
    write: o.stderr,
    ...(o.columns ? { columns: o.columns } : {}),
  });
  const detailsGone: string[] = [];
  const writeItems = async (items: NoticeSummary[]): Promise<void> => {
    const fresh = items.filter((n, i) => !written.has(n.id) && items.findIndex((m) => m.id === n.id) === i);
    let records = fresh;
    if (details && fresh.length > 0) {
      const got = await addDetails(o.transport, fresh, detailsGone);
      requests += got.requests;
      records = got.records;
    }
    let chunk = "";
    for (const n of records) {
      written.add(n.id);
      chunk += o.format === "csv" ? csvRecord(n, details) + CSV_EOL : ndjsonLine(n);
    }
    if (chunk) await sink.write(chunk);
    progress.update(written.size);
  };

  try {
    if (o.format === "csv" && !hasHeader) await sink.write(csvHeader(details) + CSV_EOL);
    progress.update(written.size);
    let current: ExportState = state;
    let failures = 0;
    let extensions = 0;
    for (;;) {
      if (current.harvest.done) {
        // Short of the count with an open upper bound: notices may have been published after it (the
        // upstream's clock is ahead of ours, or the day turned during the export). Look, and harvest
        // them as one more window, instead of reporting them missing.
        if (written.size >= current.total || o.filters.published_to || extensions >= MAX_EXTENSIONS) break;
        extensions++;
        const upTo = current.upTo ?? osloDate(o.now?.() ?? Date.now());
        const after = await withRetries(
          () =>
            o.transport.search({
              ...base,
              published_from: addDays(upTo, 1),
              sort: "published_desc",
              page: 1,
              limit: 1,
              facets: false,
            }),
          o,
          () => true,
        );
        requests++;
        if (after.total === 0) break;
        const newest = after.items[0]?.publishedOn ?? addDays(upTo, 1);
        const next = newest > upTo ? newest : addDays(upTo, 1);
        current = {
          ...current,
          upTo: next,
          harvest: { ...current.harvest, done: false, pending: [{ from: addDays(upTo, 1), to: next }] },
        };
        if (statePath) saveState(statePath, current);
        continue;
      }
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
    let missing: MissingReport | undefined;
    if (written.size < current.total || current.harvest.truncated.length > 0) {
      const windows = incompleteWindows(current.harvest);
      const count = Math.max(0, current.total - written.size);
      // Best effort: a failing probe must not hide the report itself, which names the windows anyway.
      const probe = await probeMissingIds(o.transport, base, windows, written, count).catch(() => ({
        ids: [] as string[],
        requests: 0,
      }));
      requests += probe.requests;
      missing = { count, windows, ids: probe.ids };
    }
    // The harvest is finished either way: a --resume could not deliver more, so the state goes.
    if (statePath) removeState(statePath);
    return {
      output: o.output,
      format: o.format,
      total: current.total,
      written: written.size,
      resumedFrom,
      requests,
      truncatedWindows: current.harvest.truncated,
      range: {
        from: o.filters.published_from ?? EARLIEST_DAY,
        to: current.upTo ?? o.filters.published_to ?? "",
      },
      complete: missing === undefined,
      ...(missing ? { missing } : {}),
      ...(details ? { detailsMissing: detailsGone } : {}),
    };
  } catch (err) {
    // The state on disk is the last consistent one; the caller maps the error to an exit code.
    progress.finish();
    await sink.close();
    throw err;
  }
}

/**
 * The last publication day of an export without --published-to: today in Oslo (Doffin's calendar —
 * a UTC date drops the evening's notices, published "tomorrow" in Oslo), or the newest matching
 * notice's day if that is later (an upstream whose clock is ahead, like a moved emulator clock).
 */
export function openUpperBound(from: string, nowMs: number, newest: string | null | undefined): string {
  const today = osloDate(nowMs);
  const last = newest && newest > today ? newest : today;
  return last < from ? from : last;
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
