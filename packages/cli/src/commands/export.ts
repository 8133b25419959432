import { isUpstreamError } from "@doffin/core";
import { Command, Option } from "commander";
import { CliError, EXIT } from "../errors";
import type { ProgressMode } from "../export/progress";
import { runExport } from "../export/run-export";
import { addFilterOptions, parseFilters, type RawFilterOptions } from "../filters";
import { contextOf, examples, type Io } from "./shared";

type ExportOptions = RawFilterOptions & {
  format: "ndjson" | "csv";
  output: string;
  resume?: boolean;
  stateFile?: string;
  quiet?: boolean;
};

export function exportCommand(io: Io, stopSignal: { stopped: boolean }): Command {
  const cmd = new Command("export")
    .description(
      "export EVERY notice matching the filters, past Doffin's 1000-hit cap (publication-date windows are split until each fits), de-duplicated, resumable",
    )
    .argument("[query...]", "free text");
  addFilterOptions(cmd)
    .addOption(new Option("--format <format>", "output format").choices(["ndjson", "csv"]).default("ndjson"))
    .option("-o, --output <file>", 'output file, or "-" for stdout', "-")
    .option("--resume", "continue an interrupted export into the same --output (needs its state file)")
    .option("--state-file <file>", "where progress is kept (default: <output>.state.json)")
    .option("-q, --quiet", "no progress output on stderr")
    .addHelpText(
      "after",
      `
Progress goes to stderr: a bar on a terminal, a plain line every 5 s otherwise, nothing with --quiet.
After every page the state is saved to <output>.state.json; if the export is interrupted (Ctrl-C, a
crash, exit code 130), run the same command with --resume: notices already in the file are never
written twice. The state file is removed when the export completes.

CSV: RFC 4180 (quoted fields, CRLF line ends), fixed header
  id,url,heading,type,status,buyers,org_numbers,locations,cpv,published_on,deadline,estimated_value,currency
multi-valued cells joined with "; ". Formula-injection guard: a text cell starting with = + - @ (or a tab/CR)
is prefixed with a single quote so spreadsheets show it as text.

With --json a summary object is printed when done (stdout, or stderr when the records go to stdout).
${examples([
  "doffin export --status ACTIVE --format csv -o active.csv",
  "doffin export --cpv '72*' --published-from 2025-01-01 -o it.ndjson",
  "doffin export --cpv '72*' --published-from 2025-01-01 -o it.ndjson --resume",
  "doffin export --type RESULT --published-from 2026-11-01 | jq -r .heading",
])}`,
    )
    .action(async (words: string[], o: ExportOptions, self: Command) => {
      const filters = parseFilters(words.join(" "), o);
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
      for (const w of summary.truncatedWindows) {
        io.stderr(
          `doffin: warning: ${w.from}${w.type ? ` ${w.type}` : ""} alone has more than 1000 matching notices; only 1000 could be exported\n`,
        );
      }
      if (ctx.json) {
        const line = `${JSON.stringify(summary)}\n`;
        if (o.output === "-") io.stderr(line);
        else io.stdout(line);
      } else if (!o.quiet) {
        const where = o.output === "-" ? "stdout" : o.output;
        io.stderr(
          `doffin: exported ${summary.written} of ${summary.total} notices to ${where} (${summary.requests} requests)\n`,
        );
      }
    });
  return cmd;
}
