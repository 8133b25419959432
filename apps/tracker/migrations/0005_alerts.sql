-- Saved searches and alerts (issue #14). Owned by apps/tracker (src/alerts/); webhook deliveries are 0006.

-- One saved search: a notices or jobs filter (the same parameters as GET /v1/notices / GET /v1/jobs),
-- owned by the API key that created it. `feed_token` is the credential of its Atom/JSON feeds.
CREATE TABLE saved_searches (
  id TEXT PRIMARY KEY,             -- 'ss_' + 20 random base32 characters
  owner TEXT NOT NULL,             -- x-dgw-owner as the API set it: the key id, or 'anonymous'
  name TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('notices', 'jobs')),
  query TEXT NOT NULL,             -- canonical JSON of the filter parameters as given (re-parsed on load)
  webhook_url TEXT,
  webhook_secret TEXT,
  feed_token TEXT NOT NULL UNIQUE,
  paused INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- The owner's list, keyset paged by id; the count for the per-owner limit.
CREATE INDEX saved_searches_owner ON saved_searches (owner, id);
-- The sweep loads the active ones once per invocation.
CREATE INDEX saved_searches_active ON saved_searches (paused, source);

-- One row per (search, item) that ever matched: its user state and what reminders were sent.
CREATE TABLE alert_matches (
  search_id TEXT NOT NULL,
  item_id TEXT NOT NULL,           -- notice id or NAV job uuid
  source TEXT NOT NULL CHECK (source IN ('notices', 'jobs')),
  state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'seen', 'starred', 'excluded')),
  deadline TEXT,                   -- the item's current deadline (ISO), followed by match.changed
  reminders_sent TEXT NOT NULL DEFAULT '[]',  -- JSON keys of dueReminders ("t7:<deadline>", …)
  -- Beyond the shared design: 1 while the item still matches the search. An item that stops matching
  -- gets one last match.changed (the change that made it leave) and then silence, until it matches again.
  matching INTEGER NOT NULL DEFAULT 1,
  first_matched_at TEXT NOT NULL,
  last_event_at TEXT,
  PRIMARY KEY (search_id, item_id)
);
-- The reminder pass: matches with a deadline (in the next 7 days).
CREATE INDEX alert_matches_deadline ON alert_matches (deadline) WHERE deadline IS NOT NULL;
-- An item's matches across searches (a changed notice finds the searches that track it).
CREATE INDEX alert_matches_item ON alert_matches (item_id);

-- The alert outbox: every event, written in the same db.batch as the match rows. `id` is the
-- deterministic idempotency id (alertEventId), so a re-run inserts nothing (INSERT OR IGNORE).
CREATE TABLE alert_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  search_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('match.new', 'match.changed', 'deadline.reminder')),
  payload TEXT NOT NULL,           -- the AlertEvent JSON, whole
  created_at TEXT NOT NULL
);
CREATE INDEX alert_events_search ON alert_events (search_id, seq);
