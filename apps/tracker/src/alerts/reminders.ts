import { AlertItem, dueReminders, reminderEvent } from "@doffin/core";
import { insertEvent, markReminders, reminderCandidates } from "./matches-db";

/**
 * Deadline reminders, once per cron tick (and per demo tick): for every match whose deadline is in the
 * next 7 days, the reminders `dueReminders` says are due become `deadline.reminder` events, written in
 * one batch with the match's `reminders_sent`. The key holds the deadline, so a deadline moved by a
 * `match.changed` (which updates the match's deadline) gets its own T-7 and T-1; each fires once.
 * `now` is the tick's clock: the cron's time, or the demo/emulator clock (src/demo.ts), so tests move it.
 * An item its newest event shows as closed (cancelled, awarded, withdrawn, an expired ad) gets none: a
 * countdown to a competition that is over would only be noise.
 */

const DAY_MS = 86_400_000;
const CLOSED = new Set(["CANCELLED", "AWARDED", "WITHDRAWN", "expired", "withdrawn"]);
/** The largest reminder offset: a deadline further away has nothing due yet. */
const HORIZON_DAYS = 7;

export type ReminderRun = { candidates: number; reminders: number };

/** @example await runAlertReminders(env.DB, new Date("2026-12-03T12:00:00Z")) // { candidates: 2, reminders: 1 } */
export async function runAlertReminders(db: D1Database, now: Date): Promise<ReminderRun> {
  const nowMs = now.getTime();
  const nowIso = now.toISOString();
  // Deadlines are stored as given (second precision, `Z`); the SQL range is a coarse pre-filter with a
  // day of slack either way, dueReminders decides exactly.
  const rows = await reminderCandidates(
    db,
    new Date(nowMs - DAY_MS).toISOString(),
    new Date(nowMs + (HORIZON_DAYS + 1) * DAY_MS).toISOString(),
  );
  const stmts: D1PreparedStatement[] = [];
  let reminders = 0;
  for (const m of rows) {
    if (!m.deadline) continue;
    const sent = parseSent(m.reminders_sent);
    const due = dueReminders(m.deadline, nowMs, sent);
    if (due.length === 0) continue;
    const item = itemOf(m.payload, m.item_id, m.source, m.deadline);
    if (item.status !== null && CLOSED.has(item.status)) continue;
    for (const reminder of due) {
      const event = await reminderEvent({
        search: { id: m.search_id, name: m.name },
        item,
        reminder,
        createdAt: nowIso,
      });
      stmts.push(insertEvent(db, event));
      reminders++;
    }
    stmts.push(markReminders(db, m.search_id, m.item_id, [...sent, ...due.map((d) => d.key)], nowIso));
  }
  if (stmts.length > 0) await db.batch(stmts);
  return { candidates: rows.length, reminders };
}

const parseSent = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

/** The item as its newest event described it, with the match's current deadline. */
function itemOf(payload: string | null, id: string, source: "notices" | "jobs", deadline: string): AlertItem {
  const parsed = payload ? AlertItem.safeParse((JSON.parse(payload) as { item?: unknown }).item) : null;
  const base = parsed?.success ? parsed.data : { source, id, title: id, url: "", status: null, deadline };
  return { ...base, deadline };
}
