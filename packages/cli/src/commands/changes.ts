import { CHANGE_KINDS, ChangesQuery, type ResolvedChangesQuery } from "@doffin/core";
import { Command, Option } from "commander";
import { CliError, EXIT, usageError } from "../errors";
import { collect, issuesMessage } from "../filters";
import { changesView, type ViewOptions } from "../output/views";
import type { ChangeItem, ChangesPage } from "../transport/types";
import { contextOf, examples, type Io, printJson, sleepUnlessStopped, viewOptions } from "./shared";

type ChangesOptions = {
  since: string;
  limit?: string;
  order?: string;
  kind?: string[];
  excludeKind?: string[];
  noticeId?: string;
  field?: string;
  cursor?: string;
  follow?: boolean;
  interval?: string;
};

/** A whole number option in [min, max]. */
function intOption(name: string, value: string | undefined, min: number, max: number, dflt: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw usageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/**
 * The options → core's feed contract (`ChangesQuery`, the tracker's own): `--since` a timestamp or a
 * date (the start of that Oslo day), kinds checked, issues named by the CLI's flags.
 */
export function parseChangesOptions(o: ChangesOptions): ResolvedChangesQuery {
  const raw: Record<string, unknown> = { since: o.since };
  if (o.limit !== undefined) raw.limit = o.limit;
  if (o.order !== undefined) raw.order = o.order.trim().toLowerCase();
  if (o.kind?.length) raw.kind = o.kind;
  if (o.excludeKind?.length) raw.exclude_kind = o.excludeKind;
  if (o.noticeId !== undefined) raw.notice_id = o.noticeId.trim();
  if (o.field !== undefined) raw.field = o.field;
  if (o.cursor !== undefined) raw.cursor = o.cursor;
  const parsed = ChangesQuery.safeParse(raw);
  if (!parsed.success) {
    throw usageError(
      issuesMessage(
        parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? "(query)"), message: i.message })),
      ),
    );
  }
  return parsed.data;
}

export function changesCommand(io: Io, stopSignal: { stopped: boolean }): Command {
  return new Command("changes")
    .description(
      "the change feed: typed field-level changes detected by the gateway's tracker (needs a gateway)",
    )
    .requiredOption(
      "--since <when>",
      "changes detected at or after this: a timestamp (2026-11-20T08:00:00Z) or a date (2026-11-20 = from 00:00 Oslo time)",
    )
    .option("--limit <n>", "changes per page, 1-100 (default 50)")
    .addOption(new Option("--order <order>", "asc (oldest first, the default) or desc (newest first)"))
    .addOption(
      new Option(
        "--kind <kind>",
        `only these kinds, repeatable or comma-separated (${CHANGE_KINDS.join(", ")})`,
      ).argParser(collect),
    )
    .addOption(
      new Option("--exclude-kind <kind>", "leave these kinds out, repeatable or comma-separated").argParser(
        collect,
      ),
    )
    .option("--notice-id <id>", "only changes of this notice")
    .option("--field <field>", "only changes touching this field (deadline, status, estimatedValue …)")
    .option("--cursor <cursor>", "continue from a previous page's nextCursor")
    .option("--follow", "keep polling for new changes until interrupted (prints NDJSON with --json)")
    .option("--interval <seconds>", "poll interval for --follow", "30")
    .addHelpText(
      "after",
      examples([
        "doffin changes --since 2026-11-20",
        "doffin changes --since 2026-11-20 --order desc --exclude-kind created",
        "doffin changes --since 2026-11-20T00:00:00Z --kind deadline_changed,cancelled --json",
        "doffin changes --since 2026-11-23 --follow --interval 60",
      ]),
    )
    .action(async (o: ChangesOptions, self: Command) => {
      const interval = intOption("interval", o.interval, 1, 86_400, 30);
      const query = parseChangesOptions(o);
      if (o.follow && query.order === "desc") {
        throw usageError("--follow reads the feed oldest first; drop --order desc");
      }
      const ctx = contextOf(self);
      const view = viewOptions(self, io);
      if (!o.follow) {
        const page = await ctx.transport.changes(query);
        if (ctx.json) printJson(io, page);
        else {
          io.stdout(page.items.length ? `${changesView(page.items, true, view)}\n` : "No changes.\n");
          if (page.nextCursor) io.stderr(`doffin: more changes: add --cursor ${page.nextCursor}\n`);
        }
        return;
      }
      await follow(io, ctx.json, view, query, (q) => ctx.transport.changes(q), interval, stopSignal);
    });
}

async function follow(
  io: Io,
  json: boolean,
  view: ViewOptions,
  start: ResolvedChangesQuery,
  fetchPage: (q: ResolvedChangesQuery) => Promise<ChangesPage>,
  intervalSeconds: number,
  stopSignal: { stopped: boolean },
): Promise<never> {
  // When the feed has no next cursor we poll again from the newest detectedAt seen; ids already printed
  // at that instant are remembered so they are not printed twice.
  const seenAtEdge = new Set<string>();
  let query = { ...start };
  let edgeAt: string | undefined;
  let printedHeader = false;
  const print = (items: ChangeItem[]) => {
    if (items.length === 0) return;
    if (json) for (const it of items) io.stdout(`${JSON.stringify(it)}\n`);
    else {
      io.stdout(`${changesView(items, !printedHeader, view)}\n`);
      printedHeader = true;
    }
  };
  for (;;) {
    if (stopSignal.stopped) throw new CliError(EXIT.interrupted, "stopped following the change feed");
    const page = await fetchPage(query);
    const fresh = page.items.filter((it) => !seenAtEdge.has(it.id));
    print(fresh);
    const newest = page.items.at(-1)?.detectedAt;
    if (newest && newest !== edgeAt) {
      seenAtEdge.clear();
      edgeAt = newest;
    }
    for (const it of page.items) if (it.detectedAt === newest) seenAtEdge.add(it.id);
    if (page.nextCursor) {
      query = { ...query, cursor: page.nextCursor };
      continue;
    }
    const { cursor: _drop, ...rest } = query;
    query = newest ? { ...rest, since: newest } : rest;
    await sleepUnlessStopped(intervalSeconds * 1000, stopSignal);
  }
}
