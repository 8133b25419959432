import { isNotFoundError, type JobFeedPage, type NavSource } from "@doffin/core";
import { createAlertMatcher } from "../alerts";
import { applyLine } from "./apply";
import { jobPageStatements, loadJobs, readJobFeedState } from "./db";

/**
 * Follows NAV's job-ad feed from the stored cursor, one page per D1 transaction (see `jobPageStatements`).
 * First run: from the feed's first page; lines older than the catch-up horizon ("6 months ago") only
 * build the ads' state, newer ones also record events. Within `maxRequests` upstream calls per run
 * (pages + token fetches). Never trusts a 304: the client sends no conditional headers, so every read
 * is a full page (NAV's 304 says "nothing newer" only for a one-line tip page, see the research notes).
 */

export type NavFeedRun = {
  pages: number;
  lines: number;
  applied: number;
  events: number;
  requests: number;
  atTip: boolean;
  /** The cursor was unknown upstream (NAV rebuilt its feed): restarted from the first page. */
  restarted: boolean;
};

export type NavFeedArgs = {
  nav: NavSource;
  db: D1Database;
  now: Date;
  maxRequests: number;
  pageSize: number;
  catchUpDays: number;
};

export async function runNavFeed(args: NavFeedArgs): Promise<NavFeedRun> {
  const { nav, db, now } = args;
  const detectedAt = now.toISOString();
  const horizonMs = now.getTime() - args.catchUpDays * 86_400_000;
  const state = await readJobFeedState(db);
  // Jobs saved searches, loaded once per run; their matches land in each page's batch.
  const alerts = createAlertMatcher(db, detectedAt);
  let pageId = state?.pageId ?? undefined;
  let lastLineKey = state?.lastLineKey ?? null;
  const run: NavFeedRun = {
    pages: 0,
    lines: 0,
    applied: 0,
    events: 0,
    requests: 0,
    atTip: false,
    restarted: false,
  };
  const tokensBefore = nav.tokenFetches;
  const used = () => run.pages + (nav.tokenFetches - tokensBefore) + (run.restarted ? 1 : 0);

  while (used() < args.maxRequests) {
    let page: JobFeedPage;
    try {
      page = await nav.feedPage({ ...(pageId ? { pageId } : {}), pageSize: args.pageSize });
    } catch (err) {
      if (!isNotFoundError(err) || pageId === undefined || run.restarted) throw err;
      // An unknown page id: start over; the stored rows make the re-read lines no-ops.
      run.restarted = true;
      pageId = undefined;
      continue;
    }
    run.pages++;
    // Pages overlap by one line: the first line of a page is the last line of the page before.
    const lines = page.lines[0] && page.lines[0].lineKey === lastLineKey ? page.lines.slice(1) : page.lines;
    run.lines += lines.length;
    const rows = await loadJobs(
      db,
      lines.map((l) => l.uuid),
    );
    const writes = [];
    for (const line of lines) {
      const modifiedMs = line.modified ? Date.parse(line.modified) : Number.NaN;
      const outcome = applyLine(
        rows.get(line.uuid) ?? null,
        line,
        detectedAt,
        Number.isNaN(modifiedMs) || modifiedMs >= horizonMs,
      );
      if (!outcome) continue;
      rows.set(line.uuid, outcome.row);
      writes.push(outcome);
    }
    const nextPageId = page.nextPageId ?? page.pageId;
    const nextLast = page.lines.at(-1)?.lineKey ?? lastLineKey;
    await db.batch([
      ...(await jobPageStatements(
        db,
        writes,
        { pageId: nextPageId, lastLineKey: nextLast, lines: lines.length, requests: 1 },
        detectedAt,
      )),
      ...(await alerts.jobStatements(writes)),
    ]);
    run.applied += writes.length;
    run.events += writes.filter((w) => w.event).length;
    pageId = nextPageId;
    lastLineKey = nextLast;
    if (page.nextPageId == null) {
      run.atTip = true;
      break;
    }
  }
  run.requests = used();
  return run;
}
