-- NAV job ads (arbeidsplassen.nav.no), followed from NAV's job-ad feed. Owned by apps/tracker.

-- One row per ad seen on the feed: its state as the last applied line shows it.
CREATE TABLE jobs (
  uuid TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
  state TEXT NOT NULL CHECK (state IN ('active', 'expired', 'withdrawn')),
  title TEXT,
  employer_name TEXT,
  municipality TEXT,
  modified TEXT,                   -- the last applied line's date_modified, as NAV wrote it
  modified_ms INTEGER NOT NULL,    -- the same as epoch ms: lines older than this are never applied again
  line_key TEXT NOT NULL,          -- the last applied line (uuid + raw date_modified)
  first_seen_at TEXT NOT NULL,
  last_changed_at TEXT NOT NULL
);
CREATE INDEX jobs_state ON jobs (state);

-- Typed job events, paged by insertion order like `events`; `dedupe_key` is the feed line's key, so a
-- line read twice (page overlap, a re-read tip page, a retry after a crash) inserts nothing.
CREATE TABLE job_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  uuid TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  modified TEXT,                   -- the line's date_modified (when NAV wrote the change)
  kind TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'expired', 'withdrawn')),
  changes TEXT NOT NULL,           -- JSON [{field, before, after}]
  fields TEXT NOT NULL,            -- ",title,municipality," for the `field` filter
  UNIQUE (uuid, dedupe_key)
);
CREATE INDEX job_events_detected ON job_events (detected_at, seq);
CREATE INDEX job_events_uuid ON job_events (uuid, seq);
CREATE INDEX job_events_kind ON job_events (kind, seq);

-- Where the feed is read from next: written in the same batch as the page's jobs and events.
CREATE TABLE job_feed (
  id TEXT PRIMARY KEY CHECK (id = 'nav'),
  page_id TEXT,                    -- the page to read next (the tip page is re-read until it moves on)
  last_line_key TEXT,              -- the last line applied (the next page repeats it)
  lines INTEGER NOT NULL DEFAULT 0,
  pages INTEGER NOT NULL DEFAULT 0,
  requests INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
