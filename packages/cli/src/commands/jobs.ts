import type { JobSummary } from "@doffin/core";
import { Command, Option } from "commander";
import { CliError, EXIT, usageError } from "../errors";
import { fileSink, stdoutSink } from "../export/sink";
import { collect } from "../filters";
import { renderTable, terminalWidth } from "../output/table";
import type { JobChangeItem } from "../transport/jobs";
import { exportJobs } from "./jobs-export";
import { addJobOptions, JOB_FIELDS, JOB_FILTER_FIELDS, parseJobOptions } from "./jobs-options";
import { contextOf, examples, type Io, printJson, viewOptions } from "./shared";

/** `doffin jobs …`: NAV's job ads (arbeidsplassen.nav.no) on the same machinery as the notices. */

const day = (s: string | null) => (s ? s.slice(0, 10) : "");
const place = (j: JobSummary) =>
  j.locations
    .map((l) => l.municipality ?? l.county ?? l.city)
    .filter(Boolean)
    .join(", ");

function jobsTable(jobs: JobSummary[], width: number, wide: boolean): string {
  return renderTable(
    jobs,
    [
      { header: "UUID", value: (j) => j.uuid },
      { header: "PUBLISHED", value: (j) => day(j.published) },
      { header: "DUE", value: (j) => j.applicationDue ?? "", max: 12, drop: 2 },
      { header: "EMPLOYER", value: (j) => j.employer.name, max: 28, drop: 1 },
      { header: "PLACE", value: place, max: 18, drop: 3 },
      { header: "TITLE", value: (j) => j.title, flex: true },
    ],
    width,
    wide ? { wide: true } : {},
  );
}

function changesTable(items: JobChangeItem[], width: number, wide: boolean): string {
  return renderTable(
    items,
    [
      { header: "DETECTED", value: (e) => e.detectedAt.slice(0, 16).replace("T", " ") },
      { header: "UUID", value: (e) => e.uuid },
      { header: "KIND", value: (e) => e.kind },
      { header: "FIELDS", value: (e) => e.changes.map((c) => c.field).join(","), max: 24, drop: 1 },
      { header: "TITLE", value: (e) => e.job?.title ?? "", flex: true },
    ],
    width,
    wide ? { wide: true } : {},
  );
}

export function jobsCommand(io: Io, _stopSignal: { stopped: boolean }): Command {
  const jobs = new Command("jobs").description(
    "NAV job ads (arbeidsplassen.nav.no): search, show, facets, changes, export",
  );

  const search = new Command("search")
    .description("search job ads (one page; any --limit 1-100 within NAV's first 10000 hits)")
    .argument("[query...]", "free text (title, occupation, keywords, ad text)");
  addJobOptions(search, JOB_FIELDS).addHelpText(
    "after",
    examples([
      "doffin jobs search sykepleier --county Oslo --limit 10",
      "doffin jobs search --municipality Bergen --extent full_time --sort published --json",
    ]),
  );
  search.action(async (words: string[], opts: Record<string, unknown>, self: Command) => {
    const query = parseJobOptions(JOB_FIELDS, words, opts);
    const ctx = contextOf(self);
    const result = await ctx.jobs.search(query);
    if (ctx.json) return printJson(io, result);
    const view = viewOptions(self, io);
    io.stdout(
      result.jobs.length
        ? `${jobsTable(result.jobs, view.width ?? terminalWidth(), view.wide === true)}\n`
        : "No job ads match.\n",
    );
    io.stderr(
      `doffin: ${result.total} ads; showing ${result.offset + 1}-${result.offset + result.jobs.length}\n`,
    );
  });

  const show = new Command("show")
    .description("one job ad: description, employer, application details, similar ads")
    .argument("<uuid>", "the ad's uuid (from jobs search)")
    .action(async (uuid: string, _o: unknown, self: Command) => {
      const ctx = contextOf(self);
      const job = await ctx.jobs.job(uuid.trim());
      if (ctx.json) return printJson(io, job);
      const lines = [
        job.title,
        `${job.employer.name}${job.employer.orgNumber ? ` (org ${job.employer.orgNumber})` : ""}`,
        `status ${job.status} · published ${day(job.published)} · due ${job.applicationDue ?? "-"} · ${place(job)}`,
        job.applicationUrl ? `apply: ${job.applicationUrl}` : `ad: ${job.link}`,
        "",
        job.descriptionText,
      ];
      if (job.similarJobs.length)
        lines.push("", "Similar ads:", ...job.similarJobs.map((s) => `  ${s.uuid}  ${s.title}`));
      io.stdout(`${lines.join("\n")}\n`);
    });

  const facets = new Command("facets").description("every valid filter value with its count");
  addJobOptions(facets, JOB_FILTER_FIELDS).argument("[query...]", "free text");
  facets.action(async (words: string[], opts: Record<string, unknown>, self: Command) => {
    const query = parseJobOptions(JOB_FILTER_FIELDS, words, opts);
    const ctx = contextOf(self);
    const answer = await ctx.jobs.facets(query);
    if (ctx.json) return printJson(io, answer);
    const f = answer.facets;
    const block = (name: string, items: { value: string; count: number }[]) =>
      [`${name}:`, ...items.map((b) => `  ${b.value}  ${b.count}`)].join("\n");
    io.stdout(
      `${[
        `${answer.total} ads, ${f.positionCount ?? "?"} positions`,
        block("county", f.counties),
        block("occupation", f.occupations),
        block("sector", f.sector),
        block("extent", f.extent),
        block("engagement_type", f.engagementType),
        block("remote", f.remote),
        block("published", f.published),
      ].join("\n")}\n`,
    );
  });

  const changes = new Command("changes")
    .description("the job change feed: created, updated, expired, withdrawn (needs a gateway)")
    .option("--since <when>", "a timestamp or a date (00:00 Oslo)")
    .addOption(
      new Option("--kind <kind>", "created, updated, expired, withdrawn (repeatable)").argParser(collect),
    )
    .option("--uuid <uuid>", "only this ad's events")
    .option("--order <order>", "asc (oldest first, default) or desc")
    .option("--limit <n>", "events per page, 1-100")
    .option("--cursor <cursor>", "continue from a previous page's nextCursor")
    .action(async (o: Record<string, string | string[] | undefined>, self: Command) => {
      const ctx = contextOf(self);
      const page = await ctx.jobs.changes({
        since: o.since,
        kind: o.kind,
        uuid: o.uuid,
        order: o.order,
        limit: o.limit,
        cursor: o.cursor,
      });
      if (ctx.json) return printJson(io, page);
      const view = viewOptions(self, io);
      io.stdout(
        page.items.length
          ? `${changesTable(page.items, view.width ?? terminalWidth(), view.wide === true)}\n`
          : "No job changes.\n",
      );
      if (page.nextCursor) io.stderr(`doffin: more changes: add --cursor ${page.nextCursor}\n`);
    });

  const exp = new Command("export")
    .description("every matching ad as NDJSON or CSV, past NAV's 10000-hit window (split on facets)")
    .addOption(new Option("--format <format>", "ndjson or csv").choices(["ndjson", "csv"]).default("ndjson"))
    .option("-o, --output <file>", "write here instead of stdout")
    .addOption(new Option("--window <n>", "NAV's result window (testing)").default("10000").hideHelp())
    .argument("[query...]", "free text");
  addJobOptions(exp, JOB_FILTER_FIELDS);
  exp.action(async (words: string[], opts: Record<string, unknown>, self: Command) => {
    const query = parseJobOptions(JOB_FILTER_FIELDS, words, opts);
    const window = Number(opts.window);
    if (!Number.isInteger(window) || window < 1 || window > 10_000)
      throw usageError("--window must be 1-10000");
    const ctx = contextOf(self);
    const sink = typeof opts.output === "string" ? fileSink(opts.output, false) : stdoutSink();
    try {
      const r = await exportJobs(ctx.jobs, query, sink, opts.format === "csv" ? "csv" : "ndjson", window);
      io.stderr(
        `doffin: exported ${r.written} of ${r.total} ads in ${r.slices} slices, ${r.requests} requests\n`,
      );
      if (r.written < r.total)
        throw new CliError(
          EXIT.incomplete,
          `exported ${r.written} of ${r.total} ads: some ads fall outside every facet slice; export with a narrower search`,
        );
    } finally {
      await sink.close();
    }
  });

  for (const c of [search, show, facets, changes, exp]) jobs.addCommand(c);
  return jobs;
}
