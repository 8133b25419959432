import {
  addDays,
  type CanonicalSnapshot,
  type ClassifiedEvent,
  canonicalSnapshot,
  classifyChange,
  correctionEvent,
  type DoffinSource,
  HarvestState,
  harvestSourceFromDoffin,
  initialHarvestState,
  isNotFoundError,
  type Notice,
  type NoticeSummary,
  osloDate,
  runHarvest,
  type SweepSummary,
  sha256Hex,
  snapshotHash,
  summaryPart,
} from "@doffin/core";
import { z } from "zod";
import { createAlertMatcher } from "./alerts";
import { BudgetExhausted, withBudget } from "./budget";
import type { TrackerConfig } from "./config";
import { contractEvents, fetchContract } from "./contract/store";
import { openSweep, saveSweep, unfinishedSweep } from "./db/bookkeeping";
import {
  type EventToWrite,
  earliestActiveBefore,
  loadNotices,
  type NoticeWrite,
  noticeWriteStatements,
  reportedCorrections,
  type StoredNotice,
  trackedIdsToConfirm,
} from "./db/notices";

/**
 * The incremental sweep (one cron invocation). A sweep has three phases and may span invocations:
 *  1. `window`: every notice published in the last `windowDays` days (Doffin fills past days in late);
 *  2. `active`: notices the tracker holds as ACTIVE published before that window (searched with the
 *     ACTIVE status filter, so only the days that still have some);
 *  3. `recheck`: tracked notices phases 1–2 should have seen but did not (left ACTIVE, or withdrawn),
 *     and the `WATCH_IDS` notices wherever they are: their detail is fetched one by one; a 404 means
 *     withdrawn.
 * A hit whose summary hash equals the stored one costs nothing; a new or changed one costs one detail
 * fetch and one `db.batch` (snapshot + events, all or nothing). Progress is saved when the invocation
 * stops (budget, upstream error), and the next invocation continues the same sweep.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const SweepState = z.object({
  windowFrom: day,
  windowTo: day,
  phase: z.enum(["window", "active", "recheck"]),
  window: HarvestState,
  active: HarvestState.nullable(),
  seen: z.array(z.string()),
  recheck: z.array(z.string()).nullable(),
  noticesChecked: z.number(),
  events: z.number(),
  errors: z.number(),
  upstreamRequests: z.number(),
});
type SweepState = z.infer<typeof SweepState>;

export type SweepResult = SweepSummary & { requestsThisRun: number };

/** Doffin's publication days are Oslo calendar days, so the window is too (UTC would lag 1–2 h a day). */
export function sweepWindow(now: Date, windowDays: number): { windowFrom: string; windowTo: string } {
  const windowTo = osloDate(now.getTime());
  return { windowFrom: addDays(windowTo, -(windowDays - 1)), windowTo };
}

function freshState(now: Date, windowDays: number): SweepState {
  const { windowFrom, windowTo } = sweepWindow(now, windowDays);
  return {
    windowFrom,
    windowTo,
    phase: "window",
    window: initialHarvestState(windowFrom, windowTo),
    active: null,
    seen: [],
    recheck: null,
    noticesChecked: 0,
    events: 0,
    errors: 0,
    upstreamRequests: 0,
  };
}

const eventId = async (noticeId: string, dedupeKey: string) =>
  `ev_${(await sha256Hex(`${noticeId}|${dedupeKey}`)).slice(0, 24)}`;

async function toWrite(noticeId: string, dedupeKey: string, e: ClassifiedEvent): Promise<EventToWrite> {
  return { ...e, id: await eventId(noticeId, dedupeKey), noticeId, dedupeKey };
}

/** The write for one observed notice (null: nothing to write). Pure apart from loading predecessors. */
export async function planWrite(
  db: D1Database,
  prev: StoredNotice | undefined,
  next: CanonicalSnapshot,
): Promise<NoticeWrite | null> {
  const hash = await snapshotHash(next);
  const summaryHash = await snapshotHash(summaryPart(next));
  const base = { id: next.id, snapshot: next, hash, summaryHash, state: "active" as const };
  if (!prev) {
    const events = [await toWrite(next.id, "created", { kind: "created", changes: [] })];
    // A new notice linked through changeNotices corrects the tracked ones of its chain.
    const chain = next.detail?.changeNotices ?? [];
    const corrected = chain.length > 0 ? await loadNotices(db, chain) : new Map<string, StoredNotice>();
    for (const old of corrected.values())
      events.push(
        await toWrite(old.id, `corrected:${next.id}`, correctionEvent(old.snapshot, next.id, next)),
      );
    return { ...base, changed: true, events };
  }
  if (prev.hash === hash && prev.state === "active") {
    // Same content, new summary representation: remember the hash so the next sweep skips it.
    return prev.summaryHash === summaryHash ? null : { ...base, changed: false, events: [] };
  }
  const classified = await dropReportedCorrections(db, next.id, classifyChange(prev.snapshot, next));
  const events = await Promise.all(
    classified.map((e) => toWrite(next.id, `${e.kind}:${prev.hash}>${hash}`, e)),
  );
  return { ...base, changed: prev.hash !== hash, events };
}

/**
 * A correction is news once: on the corrected notice when the correcting one appears
 * (`corrected:<new id>`, with how it differs). When the corrected notice's own detail is read later
 * (recheck, WATCH_IDS) it lists the new id in `changeNotices`; a `corrected` event holding only that
 * addition would repeat the same news, so it is dropped (the snapshot still records it).
 */
async function dropReportedCorrections(
  db: D1Database,
  id: string,
  events: ClassifiedEvent[],
): Promise<ClassifiedEvent[]> {
  const onlyChain = (e: ClassifiedEvent) =>
    e.kind === "corrected" && e.changes.every((c) => c.field === "changeNotices");
  if (!events.some(onlyChain)) return events;
  const reported = await reportedCorrections(db, id);
  const added = (before: unknown, after: unknown) => {
    const was = new Set(Array.isArray(before) ? before : []);
    return (Array.isArray(after) ? after : []).filter((x) => !was.has(x));
  };
  return events.filter(
    (e) =>
      !onlyChain(e) ||
      !e.changes.every((c) => {
        const ids = added(c.before, c.after);
        const removed = added(c.after, c.before);
        return ids.length > 0 && removed.length === 0 && ids.every((x) => reported.has(String(x)));
      }),
  );
}

async function withdrawWrite(prev: StoredNotice): Promise<NoticeWrite | null> {
  if (prev.state === "withdrawn") return null;
  const event = await toWrite(prev.id, `withdrawn:${prev.hash}`, { kind: "withdrawn", changes: [] });
  return { ...prev, state: "withdrawn", changed: false, events: [event] };
}

export type SweepArgs = {
  source: DoffinSource;
  db: D1Database;
  now: Date;
  /** Upstream requests this invocation may make. */
  budget: number;
  config: Pick<TrackerConfig, "windowDays"> & Partial<Pick<TrackerConfig, "watchIds">>;
  /** Public API mode: where each new or changed notice's eForms XML goes (omitted: no XML). */
  contracts?: { bucket: R2Bucket };
};

/**
 * Runs (or continues) one sweep within the request budget. Never throws for upstream trouble: the
 * sweep is saved as `partial` with the error, and the next call continues it.
 *
 * @example
 * const result = await runSweep({ source: createDoffinClient({ baseUrl }), db: env.DB, now: new Date(), budget: 45, config });
 */
export async function runSweep(args: SweepArgs): Promise<SweepResult> {
  const { db } = args;
  const nowIso = args.now.toISOString();
  const source = withBudget(args.source, args.budget);
  const open = await unfinishedSweep(db);
  const parsed = open?.state ? SweepState.safeParse(JSON.parse(open.state)) : null;
  let state: SweepState = parsed?.success ? parsed.data : freshState(args.now, args.config.windowDays);
  const sweepId = open && parsed?.success ? open.id : await openSweep(db, nowIso, JSON.stringify(state));
  const seen = new Set(state.seen);
  let lastError: string | null = null;
  // Saved searches are loaded and indexed once per invocation, at the first write (alerts/match.ts).
  const alerts = createAlertMatcher(db, nowIso);

  /**
   * The write of one observed notice, with its XML when the source has a download. The download comes before the
   * write is handed back: when the budget stops it, the notice is not written either, so the next
   * invocation fetches both again (a notice and its contract data land together).
   */
  const observe = async (prev: StoredNotice | undefined, next: CanonicalSnapshot, summary: NoticeSummary) => {
    const planned = await planWrite(db, prev, next);
    // The web client's detail names the procedure; a Public API hit does not, its XML does (below).
    const procedureId = "procedureId" in summary ? (summary.procedureId as string | null) : null;
    const w = planned && { ...planned, summary, procedureId };
    if (!w || !args.contracts || !w.changed) return w;
    const fetched = await fetchContract(source, db, args.contracts.bucket, w.id, nowIso);
    return {
      ...w,
      procedureId: procedureId ?? fetched.row?.model?.procedureId ?? null,
      events: await contractEvents(db, w, !prev, fetched, next),
      extra: fetched.statements,
    };
  };

  /**
   * One `db.batch` for several notices: each notice's snapshot + events still land all or nothing, and
   * with them the alert matches and events they cause (the outbox is never ahead or behind).
   */
  const apply = async (writes: (NoticeWrite | null)[]) => {
    const ws = writes.filter((w): w is NoticeWrite => w !== null);
    if (ws.length === 0) return;
    await db.batch([
      ...ws.flatMap((w) => noticeWriteStatements(db, w, nowIso)),
      ...(await alerts.noticeStatements(ws)),
    ]);
    for (const w of ws) state.events += w.events.length;
  };

  // A page's writes go out together after its detail fetches; a crash before that re-does the page.
  const onHits = async (hits: NoticeSummary[]) => {
    const stored = await loadNotices(
      db,
      hits.map((h) => h.id),
    );
    const writes: (NoticeWrite | null)[] = [];
    try {
      for (const hit of hits) {
        seen.add(hit.id);
        const prev = stored.get(hit.id);
        const summaryHash = await snapshotHash(canonicalSnapshot(hit));
        if (prev && prev.state === "active" && prev.summaryHash === summaryHash) continue;
        // A Public API hit is the whole public record (its "detail" would be the same search again).
        const notice = source.kind === "public-api" ? undefined : await source.getNotice(hit.id);
        writes.push(await observe(prev, canonicalSnapshot(hit, notice), notice ?? hit));
      }
    } finally {
      // Also when the budget or the upstream stops us mid-page: what was fetched is kept, so the next
      // invocation re-reads the page and fetches only the rest (progress even with a small budget).
      await apply(writes);
    }
  };

  const harvestPhase = async (h: HarvestState, statuses?: ["ACTIVE"]) => {
    const run = await runHarvest({
      source: harvestSourceFromDoffin(source, statuses ? { statuses } : {}),
      state: h,
      budget: Number.POSITIVE_INFINITY,
      onItems: onHits,
    });
    if (run.error) throw run.error;
    return run.state;
  };

  try {
    if (state.phase === "window") {
      state.window = await harvestPhase(state.window);
      const from = await earliestActiveBefore(db, state.windowFrom);
      const to = addDays(state.windowFrom, -1);
      state = { ...state, phase: "active", active: from ? initialHarvestState(from, to) : null };
    }
    if (state.phase === "active") {
      if (state.active) state.active = await harvestPhase(state.active, ["ACTIVE"]);
      const expected = new Set([
        ...(await trackedIdsToConfirm(db, state.windowFrom)),
        ...(args.config.watchIds ?? []),
      ]);
      state = { ...state, phase: "recheck", recheck: [...expected].filter((id) => !seen.has(id)) };
    }
    const queue = state.recheck ?? [];
    while (queue.length > 0) {
      const id = queue[0] as string; // length checked above
      const prev = (await loadNotices(db, [id])).get(id);
      let notice: Notice | null = null;
      try {
        notice = await source.getNotice(id);
      } catch (e) {
        if (!isNotFoundError(e)) throw e;
      }
      // A watched id not tracked yet starts with `created`; one Doffin does not know is skipped.
      if (notice) await apply([await observe(prev, canonicalSnapshot(notice, notice), notice)]);
      else if (prev && args.contracts && source.kind === "public-api") {
        // The Public API finds notices by text, not by id: a miss is confirmed by the download (404 =
        // gone); a notice it still serves keeps its snapshot and gets its XML refreshed.
        const f = await fetchContract(source, db, args.contracts.bucket, id, nowIso);
        const w = f.gone ? await withdrawWrite(prev) : null;
        if (w) await apply([{ ...w, extra: f.statements }]);
        else if (f.statements.length > 0) await db.batch(f.statements);
      } else if (prev) await apply([await withdrawWrite(prev)]);
      queue.shift();
      state.noticesChecked++;
    }
  } catch (e) {
    if (!(e instanceof BudgetExhausted)) {
      state.errors++;
      lastError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    state.recheck = state.recheck ?? null;
    const result = finish("partial");
    return result;
  }
  return finish("done");

  async function finish(status: "done" | "partial"): Promise<SweepResult> {
    // Hits processed are counted from the harvest states, so a re-fetched page is not counted twice.
    const checked = state.window.harvested + (state.active?.harvested ?? 0) + state.noticesChecked;
    const summary = {
      finishedAt: status === "done" ? nowIso : null,
      status,
      noticesChecked: checked,
      events: state.events,
      errors: state.errors,
      upstreamRequests: state.upstreamRequests + source.used(),
      lastError,
    } as const;
    const saved = { ...state, seen: [...seen], upstreamRequests: summary.upstreamRequests };
    await saveSweep(db, sweepId, { ...summary, state: status === "done" ? null : JSON.stringify(saved) });
    return { id: sweepId, startedAt: open?.startedAt ?? nowIso, ...summary, requestsThisRun: source.used() };
  }
}
