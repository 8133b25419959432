import { CHANGE_KINDS, NOTICE_ID_PATTERN } from "@doffin/core";
import { Command } from "commander";
import { CliError, EXIT, usageError } from "../errors";
import { changesView } from "../output/views";
import type { ChangeItem, ChangesPage, ChangesQuery } from "../transport/types";
import { contextOf, examples, type Io, printJson } from "./shared";

type ChangesOptions = {
  since: string;
  limit?: string;
  kind?: string;
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

/** `since` must be an ISO date or timestamp; it is sent on as the canonical UTC form. */
function isoInstant(value: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value);
  const t = Date.parse(value);
  if (!ok || Number.isNaN(t)) {
    throw usageError(
      `--since must be an ISO date or time like 2026-11-01 or 2026-11-01T08:00:00Z, got "${value}"`,
    );
  }
  return new Date(t).toISOString();
}

export function changesCommand(io: Io, stopSignal: { stopped: boolean }): Command {
  return new Command("changes")
    .description(
      "the change feed: typed field-level changes detected by the gateway's tracker (needs a gateway)",
    )
    .requiredOption("--since <iso>", "changes detected at or after this instant (ISO 8601)")
    .option("--limit <n>", "changes per page, 1-100", "50")
    .option("--kind <kind>", `only this kind (${CHANGE_KINDS.join(", ")})`)
    .option("--notice-id <id>", "only changes of this notice")
    .option("--field <field>", "only changes touching this field")
    .option("--cursor <cursor>", "continue from a previous page's nextCursor")
    .option("--follow", "keep polling for new changes until interrupted (prints NDJSON with --json)")
    .option("--interval <seconds>", "poll interval for --follow", "30")
    .addHelpText(
      "after",
      examples([
        "doffin changes --since 2026-11-20",
        "doffin changes --since 2026-11-20T00:00:00Z --kind deadline_changed --json",
        "doffin changes --since 2026-11-23 --follow --interval 60",
      ]),
    )
    .action(async (o: ChangesOptions, self: Command) => {
      const limit = intOption("limit", o.limit, 1, 100, 50);
      const interval = intOption("interval", o.interval, 1, 86_400, 30);
      const query: ChangesQuery = { since: isoInstant(o.since), limit };
      if (o.kind) {
        if (!(CHANGE_KINDS as readonly string[]).includes(o.kind)) {
          throw usageError(`unknown --kind "${o.kind}"; use one of ${CHANGE_KINDS.join(", ")}`);
        }
        query.kind = o.kind;
      }
      if (o.noticeId) {
        if (!NOTICE_ID_PATTERN.test(o.noticeId)) {
          throw usageError(
            `--notice-id "${o.noticeId}" is not a Doffin notice id; they look like 2026-107918`,
          );
        }
        query.noticeId = o.noticeId;
      }
      if (o.field) query.field = o.field;
      if (o.cursor) query.cursor = o.cursor;
      const ctx = contextOf(self);
      if (!o.follow) {
        const page = await ctx.transport.changes(query);
        if (ctx.json) printJson(io, page);
        else {
          io.stdout(
            page.items.length ? `${changesView(page.items, true, io.stdoutColumns)}\n` : "No changes.\n",
          );
          if (page.nextCursor) io.stderr(`doffin: more changes: add --cursor ${page.nextCursor}\n`);
        }
        return;
      }
      await follow(io, ctx.json, query, (q) => ctx.transport.changes(q), interval, stopSignal);
    });
}

async function follow(
  io: Io,
  json: boolean,
  start: ChangesQuery,
  fetchPage: (q: ChangesQuery) => Promise<ChangesPage>,
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
      io.stdout(`${changesView(items, !printedHeader, io.stdoutColumns)}\n`);
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

async function sleepUnlessStopped(ms: number, stopSignal: { stopped: boolean }): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !stopSignal.stopped) {
    await new Promise((r) => setTimeout(r, Math.min(200, until - Date.now())));
  }
}
