import {
  type BackfillProgress,
  canonicalSnapshot,
  type DoffinSource,
  HarvestState,
  harvestSourceFromDoffin,
  initialHarvestState,
  osloDate,
  runHarvest,
  snapshotHash,
} from "@doffin/core";
import { loadBackfill, saveBackfillStatement } from "./db/bookkeeping";
import { baselineStatements } from "./db/notices";

/**
 * Backfill past the 1000-hit cap: core's date-window splitter over the whole corpus (from
 * `from` to today), resumable across invocations through the `backfill` table, within the budget.
 * Notices it finds become the baseline snapshot (no `created` event: a backfill is not news);
 * notices already tracked are left to the sweep (INSERT OR IGNORE), so a re-delivered page is harmless.
 */
export type BackfillArgs = {
  source: DoffinSource;
  db: D1Database;
  now: Date;
  budget: number;
  from: string;
  /** Last publication day (default: today in Oslo, Doffin's calendar). */
  to?: string;
  /** Backfill job id (one per corpus slice); default "default". */
  id?: string;
};

export type BackfillRun = BackfillProgress & { requestsThisRun: number; error: string | null };

export async function runBackfill(args: BackfillArgs): Promise<BackfillRun> {
  const id = args.id ?? "default";
  const nowIso = args.now.toISOString();
  const row = await loadBackfill(args.db, id);
  const state = row
    ? HarvestState.parse(JSON.parse(row.state))
    : initialHarvestState(args.from, args.to ?? osloDate(args.now.getTime()));
  if (state.done) return progress(state, 0, null, row?.updatedAt ?? null);
  const run = await runHarvest({
    source: harvestSourceFromDoffin(args.source),
    state,
    budget: args.budget,
    onItems: async (items) => {
      const rows = await Promise.all(
        items.map(async (hit) => {
          const snapshot = canonicalSnapshot(hit);
          return { snapshot, hash: await snapshotHash(snapshot) };
        }),
      );
      await args.db.batch(baselineStatements(args.db, rows, nowIso));
    },
  });
  await saveBackfillStatement(
    args.db,
    id,
    JSON.stringify(run.state),
    run.state.done ? "done" : "running",
    nowIso,
  ).run();
  const error = run.error
    ? run.error instanceof Error
      ? `${run.error.name}: ${run.error.message}`
      : String(run.error)
    : null;
  return progress(run.state, run.requests, error, nowIso);
}

function progress(
  s: HarvestState,
  requests: number,
  error: string | null,
  updatedAt: string | null,
): BackfillRun {
  return {
    status: s.done ? "done" : "running",
    harvested: s.harvested,
    upstreamRequests: s.requests,
    windowsPending: s.pending.length + (s.current ? 1 : 0),
    truncatedWindows: s.truncated.length,
    updatedAt,
    requestsThisRun: requests,
    error,
  };
}

/** Progress for /v1/tracker/status. */
export async function backfillProgress(db: D1Database, id = "default"): Promise<BackfillProgress | null> {
  const row = await loadBackfill(db, id);
  if (!row) return null;
  const {
    requestsThisRun: _r,
    error: _e,
    ...p
  } = progress(HarvestState.parse(JSON.parse(row.state)), 0, null, row.updatedAt);
  return p;
}
