import { isUpstreamError } from "@doffin/core";
import { Command, Option } from "commander";
import { CliError, EXIT, usageError } from "../errors";
import type { ProgressMode } from "../export/progress";
import { describeMissing } from "../export/reconcile";
import { runExport } from "../export/run-export";
import { addSearchOptions, EXPORT_FIELDS, parseSearchOptions } from "../filters";
import { contextOf, examples, type Io } from "./shared";

type ExportOptions = Record<string, unknown> & {
  format: "ndjson" | "csv";
  output: string;
  resume?: boolean;
  stateFile?: string;
  quiet?: boolean;
  details?: boolean;
  now?: string;
};

/** The hidden `--now` (tests): the instant the export takes as "now" for its open upper bound. */
function nowOption(value: string | undefined): (() => number) | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw usageError(`--now must be an ISO timestamp, got "${value}"`);
  return () => ms;
}

export function exportCommand(io: Io, stopSignal: { stopped: boolean }): Command {
  const cmd = new Command("export")
    .description(
      "export EVERY notice matching the filters, past Doffin's 1000-hit cap (publication-date windows are split until each fits), de-duplicated, resumable",
    )
    .argument("[query...]", "free text");
  addSearchOptions(cmd, EXPORT_FIELDS)
    .addOption(new Option("--format <format>", "output format").choices(["ndjson", "csv"]).default("ndjson"))
    .option("-o, --output <file>", 'output file, or "-" for stdout', "-")
    .option("--resume", "continue an interrupted export into the same --output (needs its state file)")
    .option("--state-file <file>", "where progress is kept (default: <output>.state.json)")
    .option("-q, --quiet", "no progress output on stderr")
    .option(
      "--details",
      "fetch every notice's detail for its CPV codes (adds the CSV cpv column; one request per notice)",
    )
    .addOption(new Option("--now <iso>", "testing: the current instant").hideHelp())
    .addHelpText(
      "after",
      `
Progress goes to stderr: a bar on a terminal, a plain line every 5 s otherwise, nothing with --quiet.
After every page the state is saved to <output>.state.json; if the export is interrupted (Ctrl-C, a
crash, exit code 130), run the same command with --resume: notices already in the file are never
written twice. The state file is removed when the export completes.

Publication days are Doffin's, Europe/Oslo dates; without --published-to the export runs to today
in Oslo (or to the newest matching notice, if later). If fewer notices could be written than the
count query found, the export says which windows and ids are missing and exits 5.

CSV: RFC 4180 (quoted fields, CRLF line ends), fixed header
  id,url,heading,type,status,buyers,org_numbers,locations,published_on,deadline,estimated_value,currency
with --details a cpv column (the notice's own CPV codes) after locations; search hits carry no CPV
codes, so without --details there is no cpv column. Multi-valued cells joined with "; ". Formula-injection guard: a text cell starting with = + - @ (or a tab/CR)
is prefixed with a single quote so spreadsheets show it as text.

With --json a summary object is printed when done (stdout, or stderr when the records go to stdout).
${examples([
  "doffin export --status ACTIVE --format csv -o active.csv",
  "doffin export --cpv '72*' --published-from 2025-01-01 -o it.ndjson",
  "doffin export --cpv '72*' --published-from 2025-01-01 -o it.ndjson --resume",
  "doffin export --type COMPETITION --published-from 2026-11-01 --format csv --details -o cpv.csv",
  "doffin export --type RESULT --published-from 2026-11-01 | jq -r .heading",
])}`,
    )
    .action(async (words: string[], o: ExportOptions, self: Command) => {
      const filters = parseSearchOptions(EXPORT_FIELDS, words, o);
      const now = nowOption(o.now);
      const ctx = contextOf(self);
      const progress: ProgressMode = o.quiet ? "quiet" : io.stderrIsTty ? "bar" : "lines";
      const summary = await runExport({
        transport: ctx.transport,
        filters,
        format: o.format,
        output: o.output,
        resume: o.resume === true,
        ...(o.stateFile ? { stateFile: o.stateFile } : {}),
        progress,
        details: o.details === true,
        ...(now ? { now } : {}),
        stderr: io.stderr,
        ...(io.stderrColumns ? { columns: io.stderrColumns } : {}),
        shouldStop: () => stopSignal.stopped,
        // Core's client already retried each request; this rides out a longer outage or rate limit,
        // waiting Retry-After when the upstream said, else 2, 4, 8 … s.
        retryable: (err, failures) => {
          if (ctx.budgetExceeded() || stopSignal.stopped) return null;
          const upstream = isUpstreamError(err) && err.retryable;
          const gateway = err instanceof CliError && err.exitCode === EXIT.unavailable;
          if (!upstream && !gateway) return null;
          const said = isUpstreamError(err) ? err.retryAfterSeconds : null;
          return { waitMs: Math.min(60_000, (said ?? 2 ** failures) * 1000) };
        },
      });
      if (summary.detailsMissing?.length) {
        io.stderr(
          `doffin: warning: ${summary.detailsMissing.length} notices were withdrawn before their detail could be read; their cpv is empty (${summary.detailsMissing.slice(0, 5).join(", ")})\n`,
        );
      }
      if (ctx.json) {
        const line = `${JSON.stringify(summary)}\n`;
        if (o.output === "-") io.stderr(line);
        else io.stdout(line);
      } else if (!o.quiet) {
        const where = o.output === "-" ? "stdout" : o.output;
        if (summary.complete) {
          io.stderr(
            `doffin: exported ${summary.written} of ${summary.total} notices to ${where} (${summary.requests} requests; published ${summary.range.from} to ${summary.range.to}, Oslo dates)\n`,
          );
        }
      }
      if (summary.missing) {
        throw new CliError(EXIT.incomplete, describeMissing(summary.missing, summary.written, summary.total));
      }
    });
  return cmd;
}
