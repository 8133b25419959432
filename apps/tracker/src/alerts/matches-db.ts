import type { AlertEvent } from "@doffin/core";

/**
 * Matches and alert events in D1 (schema: migrations/0005_alerts.sql). Events are the outbox: they are
 * written with their deterministic id (INSERT OR IGNORE) in the same `db.batch` as the match rows and
 * the tracker's own writes, so a re-run adds nothing and a crash loses nothing.
 */

export type MatchState = "new" | "seen" | "starred" | "excluded";

export type MatchRow = {
  search_id: string;
  item_id: string;
  source: "notices" | "jobs";
  state: MatchState;
  deadline: string | null;
  reminders_sent: string;
  matching: number;
  first_matched_at: string;
  last_event_at: string | null;
};

/** D1 binds at most 100 parameters per statement. */
const CHUNK = 90;

/** The match rows of these items (any search), by item id. */
export async function matchesOfItems(
  db: D1Database,
  source: "notices" | "jobs",
  itemIds: readonly string[],
): Promise<Map<string, MatchRow[]>> {
  const out = new Map<string, MatchRow[]>();
  const ids = [...new Set(itemIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const { results } = await db
      .prepare(
        `SELECT * FROM alert_matches WHERE source = ? AND item_id IN (${part.map(() => "?").join(",")})`,
      )
      .bind(source, ...part)
      .all<MatchRow>();
    for (const r of results) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r]);
  }
  return out;
}

/** A new match row (state `new`); a row that exists is left alone (a re-run changes nothing). */
export const insertMatch = (
  db: D1Database,
  m: { searchId: string; itemId: string; source: "notices" | "jobs"; deadline: string | null },
  now: string,
) =>
  db
    .prepare(
      `INSERT INTO alert_matches (search_id, item_id, source, deadline, matching, first_matched_at, last_event_at)
       VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5) ON CONFLICT (search_id, item_id) DO NOTHING`,
    )
    .bind(m.searchId, m.itemId, m.source, m.deadline, now);

/** What a tracked change does to an existing match: its current deadline and whether it still matches. */
export const touchMatch = (
  db: D1Database,
  m: { searchId: string; itemId: string; deadline: string | null; matching: boolean; evented: boolean },
  now: string,
) =>
  db
    .prepare(
      `UPDATE alert_matches SET deadline = ?3, matching = ?4,
         last_event_at = CASE WHEN ?5 THEN ?6 ELSE last_event_at END
       WHERE search_id = ?1 AND item_id = ?2`,
    )
    .bind(m.searchId, m.itemId, m.deadline, m.matching ? 1 : 0, m.evented ? 1 : 0, now);

/** The outbox row of one event; its id makes a second insert a no-op. */
export const insertEvent = (db: D1Database, e: AlertEvent) =>
  db
    .prepare(
      "INSERT OR IGNORE INTO alert_events (id, search_id, item_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(e.id, e.search.id, e.item.id, e.type, JSON.stringify(e), e.createdAt);

export type MatchWithItem = MatchRow & { rowid: number; payload: string | null };

/** The newest event payload of a match: what the tracker last said about its item. */
const LATEST_PAYLOAD = `(SELECT e.payload FROM alert_events e WHERE e.search_id = m.search_id AND e.item_id = m.item_id ORDER BY e.seq DESC LIMIT 1)`;

/** One page of a search's matches, newest first (`limit + 1` rows after the keyset position). */
export async function listMatches(
  db: D1Database,
  searchId: string,
  states: readonly MatchState[] | undefined,
  beforeRowid: number | null,
  limit: number,
): Promise<MatchWithItem[]> {
  const stateList = states?.length ? `AND m.state IN (${states.map(() => "?").join(",")})` : "";
  const { results } = await db
    .prepare(
      `SELECT m.rowid AS rowid, m.*, ${LATEST_PAYLOAD} AS payload FROM alert_matches m
       WHERE m.search_id = ? AND (? IS NULL OR m.rowid < ?) ${stateList} ORDER BY m.rowid DESC LIMIT ?`,
    )
    .bind(searchId, beforeRowid, beforeRowid, ...(states ?? []), limit + 1)
    .all<MatchWithItem>();
  return results;
}

export async function setMatchState(
  db: D1Database,
  searchId: string,
  itemId: string,
  state: MatchState,
): Promise<MatchWithItem | null> {
  await db
    .prepare("UPDATE alert_matches SET state = ? WHERE search_id = ? AND item_id = ?")
    .bind(state, searchId, itemId)
    .run();
  return db
    .prepare(
      `SELECT m.rowid AS rowid, m.*, ${LATEST_PAYLOAD} AS payload FROM alert_matches m WHERE m.search_id = ? AND m.item_id = ?`,
    )
    .bind(searchId, itemId)
    .first<MatchWithItem>();
}

/**
 * Matches a reminder may be due for: a deadline within the next `horizonDays`, not excluded, still
 * matching, of a search that is not paused; with the search's name and the item's newest payload.
 */
export async function reminderCandidates(
  db: D1Database,
  fromIso: string,
  toIso: string,
): Promise<(MatchWithItem & { name: string })[]> {
  const { results } = await db
    .prepare(
      `SELECT m.rowid AS rowid, m.*, s.name AS name, ${LATEST_PAYLOAD} AS payload
       FROM alert_matches m JOIN saved_searches s ON s.id = m.search_id
       WHERE m.deadline IS NOT NULL AND m.deadline >= ? AND m.deadline <= ?
         AND m.state != 'excluded' AND m.matching = 1 AND s.paused = 0`,
    )
    .bind(fromIso, toIso)
    .all<MatchWithItem & { name: string }>();
  return results;
}

/** Records the reminder keys sent for a match (in the batch with the reminder events). */
export const markReminders = (
  db: D1Database,
  searchId: string,
  itemId: string,
  sent: string[],
  now: string,
) =>
  db
    .prepare(
      "UPDATE alert_matches SET reminders_sent = ?, last_event_at = ? WHERE search_id = ? AND item_id = ?",
    )
    .bind(JSON.stringify(sent), now, searchId, itemId);

/** The newest `limit` events of a search, newest first, and when the newest was made. */
export async function latestEvents(db: D1Database, searchId: string, limit: number): Promise<AlertEvent[]> {
  const { results } = await db
    .prepare("SELECT payload FROM alert_events WHERE search_id = ? ORDER BY seq DESC LIMIT ?")
    .bind(searchId, limit)
    .all<{ payload: string }>();
  return results.map((r) => JSON.parse(r.payload) as AlertEvent);
}
