/**
 * Saved searches in D1 (schema: migrations/0005_alerts.sql). Every read and write of one search names
 * its owner, so a search of another owner is simply not found (the routes answer 404, not 403).
 */

export type SavedSearchRow = {
  rowid: number;
  id: string;
  owner: string;
  name: string;
  source: "notices" | "jobs";
  /** Canonical JSON of the parsed filter parameters (core's `savedSearchQueryJson`). */
  query: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  feed_token: string;
  paused: number;
  created_at: string;
  updated_at: string;
};

const COLUMNS =
  "rowid, id, owner, name, source, query, webhook_url, webhook_secret, feed_token, paused, created_at, updated_at";

export type NewSearch = Omit<SavedSearchRow, "rowid">;

export const countSearches = async (db: D1Database, owner: string): Promise<number> =>
  (
    await db
      .prepare("SELECT COUNT(*) AS n FROM saved_searches WHERE owner = ?")
      .bind(owner)
      .first<{ n: number }>()
  )?.n ?? 0;

/**
 * Inserts a search unless the owner already has `max`: the count and the insert are one statement, so
 * two concurrent creates cannot both slip under the limit. @returns false when the limit was reached.
 */
export async function insertSearch(db: D1Database, s: NewSearch, max: number): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO saved_searches (id, owner, name, source, query, webhook_url, webhook_secret, feed_token, paused, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10
       WHERE (SELECT COUNT(*) FROM saved_searches WHERE owner = ?2) < ?11`,
    )
    .bind(
      s.id,
      s.owner,
      s.name,
      s.source,
      s.query,
      s.webhook_url,
      s.webhook_secret,
      s.feed_token,
      s.paused,
      s.created_at,
      max,
    )
    .run();
  return (r.meta.changes ?? 0) > 0;
}

export const getSearch = (db: D1Database, owner: string, id: string): Promise<SavedSearchRow | null> =>
  db
    .prepare(`SELECT ${COLUMNS} FROM saved_searches WHERE id = ? AND owner = ?`)
    .bind(id, owner)
    .first<SavedSearchRow>();

/** The feed's search: by id and token together (a wrong token and a wrong id look the same). */
export const getSearchByFeedToken = (
  db: D1Database,
  id: string,
  token: string,
): Promise<SavedSearchRow | null> =>
  db
    .prepare(`SELECT ${COLUMNS} FROM saved_searches WHERE id = ? AND feed_token = ?`)
    .bind(id, token)
    .first<SavedSearchRow>();

/** One page of the owner's searches, newest first: `limit + 1` rows after the keyset position. */
export async function listSearches(
  db: D1Database,
  owner: string,
  beforeRowid: number | null,
  limit: number,
): Promise<SavedSearchRow[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM saved_searches WHERE owner = ?1 AND (?2 IS NULL OR rowid < ?2) ORDER BY rowid DESC LIMIT ?3`,
    )
    .bind(owner, beforeRowid, limit + 1)
    .all<SavedSearchRow>();
  return results;
}

export type SearchChanges = Partial<
  Pick<SavedSearchRow, "name" | "query" | "webhook_url" | "webhook_secret" | "paused">
>;

/** Applies the given columns (only those) and bumps `updated_at`. @returns the row after, null if not found. */
export async function updateSearch(
  db: D1Database,
  owner: string,
  id: string,
  changes: SearchChanges,
  now: string,
): Promise<SavedSearchRow | null> {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  const sets = [...entries.map(([k]) => `${k} = ?`), "updated_at = ?"].join(", ");
  return db
    .prepare(`UPDATE saved_searches SET ${sets} WHERE id = ? AND owner = ? RETURNING ${COLUMNS}`)
    .bind(...entries.map(([, v]) => v), now, id, owner)
    .first<SavedSearchRow>();
}

/** Deletes a search with its matches and events (one batch). @returns false when it was not found. */
export async function deleteSearch(db: D1Database, owner: string, id: string): Promise<boolean> {
  const [r] = await db.batch([
    db.prepare("DELETE FROM saved_searches WHERE id = ? AND owner = ?").bind(id, owner),
    db
      .prepare(
        "DELETE FROM alert_matches WHERE search_id = ?1 AND NOT EXISTS (SELECT 1 FROM saved_searches WHERE id = ?1)",
      )
      .bind(id),
    db
      .prepare(
        "DELETE FROM alert_events WHERE search_id = ?1 AND NOT EXISTS (SELECT 1 FROM saved_searches WHERE id = ?1)",
      )
      .bind(id),
  ]);
  return (r?.meta.changes ?? 0) > 0;
}

/** The searches the sweep matches against: every one not paused, of one source. */
export async function activeSearches(db: D1Database, source: "notices" | "jobs"): Promise<SavedSearchRow[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM saved_searches WHERE paused = 0 AND source = ?`)
    .bind(source)
    .all<SavedSearchRow>();
  return results;
}
