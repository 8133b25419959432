import {
  type AlertChangeInput,
  type AlertEvent,
  type AlertItem,
  type AlertSource,
  alertItemOfJob,
  alertItemOfNotice,
  buildMatchIndex,
  type MatchIndex,
  matchChangedEvent,
  matchJob,
  matchNewEvent,
  matchNotice,
  parseSavedSearchFilter,
  type SavedSearchFilter,
} from "@doffin/core";
import { loadNotices, type NoticeWrite } from "../db/notices";
import type { JobEventDraft, JobRow } from "../nav/apply";
import {
  isTrackedJobEvent,
  jobChange,
  jobSummaryOf,
  noticeChange,
  noticeSummaryOf,
  TRACKED_NOTICE_KINDS,
} from "./items";
import { insertEvent, insertMatch, matchesOfItems, touchMatch } from "./matches-db";
import { activeSearches } from "./searches-db";

/**
 * Matching off the tracker's own writes. The sweep (notices) and the NAV follow (jobs) hand each batch
 * of written items here and add the returned statements to the same `db.batch`: match rows and alert
 * events land with the change that caused them, or not at all. The active searches and their index are
 * loaded once per invocation (lazily, per source) and never kept longer: searches change.
 *
 * Per (search, item):
 * - no match row and the item matches → a row (state `new`) and `match.new`;
 * - a row, not excluded, still matching → `match.changed` per tracked change (TRACKED_NOTICE_KINDS,
 *   job events other than a bare re-stamp), with its field changes and OCDS tag;
 * - a row that stops matching (or matches again) → `match.changed` for every change of that write, so
 *   the reader learns why it left (or came back); while it does not match it stays silent;
 * - an excluded row → no events (its deadline is still kept current).
 * Paused searches are not loaded: they match nothing and their rows are left as they are.
 */

type Loaded = { index: MatchIndex; names: Map<string, string> };

/** One item of a batch: what it is now and what changed about it. */
type Candidate = {
  item: AlertItem;
  /** Searches the item matches now; null when its content did not change (keep each row's status). */
  matches: ((index: MatchIndex) => string[]) | null;
  tracked: AlertChangeInput[];
  all: AlertChangeInput[];
};

export type AlertMatcher = {
  /** Statements for one sweep batch of notice writes (add them to that batch). */
  noticeStatements(writes: readonly NoticeWrite[]): Promise<D1PreparedStatement[]>;
  /** Statements for one NAV page's applied lines (add them to that page's batch). */
  jobStatements(
    writes: readonly { row: JobRow; event: JobEventDraft | null }[],
  ): Promise<D1PreparedStatement[]>;
};

/**
 * @example
 * const alerts = createAlertMatcher(db, now.toISOString());
 * await db.batch([...noticeStatements, ...(await alerts.noticeStatements(writes))]);
 */
export function createAlertMatcher(db: D1Database, now: string): AlertMatcher {
  const loaded = new Map<AlertSource, Promise<Loaded>>();
  const load = (source: AlertSource): Promise<Loaded> => {
    let p = loaded.get(source);
    if (!p) {
      p = loadIndex(db, source);
      loaded.set(source, p);
    }
    return p;
  };

  return {
    async noticeStatements(writes) {
      const { index, names } = await load("notices");
      if (names.size === 0) return [];
      const candidates: Candidate[] = [];
      const others = new Map<string, NoticeWrite["events"]>();
      for (const w of writes) {
        for (const e of w.events)
          if (e.noticeId !== w.id) others.set(e.noticeId, [...(others.get(e.noticeId) ?? []), e]);
        const own = w.events.filter((e) => e.noticeId === w.id);
        if (own.length === 0) continue;
        const summary = noticeSummaryOf(w.snapshot, w.summary);
        const all = own.filter((e) => e.kind !== "created").map((e) => noticeChange(e, w.snapshot.type, now));
        candidates.push({
          item: {
            ...alertItemOfNotice(summary),
            ...(w.state === "withdrawn" ? { status: "WITHDRAWN" } : {}),
          },
          matches: (i) => matchNotice(i, summary),
          tracked: all.filter((c) => TRACKED_NOTICE_KINDS.has(c.kind as never)),
          all,
        });
      }
      // Events a write records on another notice (a correction of an older one): that notice's content
      // did not change, so only its existing matches hear of it.
      const stored = others.size > 0 ? await loadNotices(db, [...others.keys()]) : new Map();
      for (const [id, events] of others) {
        const old = stored.get(id);
        if (!old) continue;
        const all = events.map((e) => noticeChange(e, old.snapshot.type, now));
        candidates.push({
          item: alertItemOfNotice(noticeSummaryOf(old.snapshot)),
          matches: null,
          tracked: all.filter((c) => TRACKED_NOTICE_KINDS.has(c.kind as never)),
          all,
        });
      }
      return statementsFor(db, "notices", candidates, index, names, now);
    },

    async jobStatements(writes) {
      const withEvents = writes.filter((w) => w.event !== null);
      if (withEvents.length === 0) return [];
      const { index, names } = await load("jobs");
      if (names.size === 0) return [];
      const candidates = withEvents.map(({ row, event }): Candidate => {
        const summary = jobSummaryOf(row);
        const change = event && event.kind !== "created" ? [jobChange(row.uuid, event, now)] : [];
        return {
          item: alertItemOfJob(summary, row.state),
          // An ad that left (expired, withdrawn) no longer matches a search of active ads.
          matches: (i) => (row.state === "active" ? matchJob(i, summary, Date.parse(now)) : []),
          tracked: event && isTrackedJobEvent(event) ? change : [],
          all: change,
        };
      });
      return statementsFor(db, "jobs", candidates, index, names, now);
    },
  };
}

async function loadIndex(db: D1Database, source: AlertSource): Promise<Loaded> {
  const rows = await activeSearches(db, source);
  const searches: { id: string; filter: SavedSearchFilter }[] = [];
  for (const r of rows) {
    try {
      searches.push({ id: r.id, filter: parseSavedSearchFilter(source, JSON.parse(r.query)) });
    } catch (err) {
      // Stored filters were valid when saved; one a later code-list change made invalid must not stop
      // the sweep (nor the other searches). It is logged and skipped until its owner fixes it.
      console.error(
        JSON.stringify({ msg: "saved search filter no longer valid", id: r.id, error: String(err) }),
      );
    }
  }
  return {
    index: buildMatchIndex(searches),
    names: new Map(rows.filter((r) => searches.some((s) => s.id === r.id)).map((r) => [r.id, r.name])),
  };
}

async function statementsFor(
  db: D1Database,
  source: AlertSource,
  candidates: readonly Candidate[],
  index: MatchIndex,
  names: ReadonlyMap<string, string>,
  now: string,
): Promise<D1PreparedStatement[]> {
  if (candidates.length === 0) return [];
  const existing = await matchesOfItems(
    db,
    source,
    candidates.map((c) => c.item.id),
  );
  const stmts: D1PreparedStatement[] = [];
  for (const c of candidates) {
    const rows = new Map((existing.get(c.item.id) ?? []).map((r) => [r.search_id, r]));
    const now_ = c.matches ? new Set(c.matches(index)) : null;
    for (const searchId of new Set([...(now_ ?? []), ...rows.keys()])) {
      const name = names.get(searchId);
      if (name === undefined) continue; // paused, deleted, or of the other source
      const search = { id: searchId, name };
      const row = rows.get(searchId);
      if (!row) {
        const event = await matchNewEvent({ search, item: c.item, createdAt: now });
        stmts.push(insertMatch(db, { searchId, itemId: c.item.id, source, deadline: c.item.deadline }, now));
        stmts.push(insertEvent(db, event));
        continue;
      }
      const was = row.matching === 1;
      const is = now_ ? now_.has(searchId) : was;
      const changes = row.state === "excluded" ? [] : was !== is ? c.all : is ? c.tracked : [];
      const events: AlertEvent[] = [];
      for (const change of changes) events.push(await matchChangedEvent({ search, item: c.item, change }));
      stmts.push(
        touchMatch(
          db,
          {
            searchId,
            itemId: c.item.id,
            deadline: c.item.deadline,
            matching: is,
            evented: events.length > 0,
          },
          now,
        ),
      );
      for (const e of events) stmts.push(insertEvent(db, e));
    }
  }
  return stmts;
}
