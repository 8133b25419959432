-- Change tracker schema. Owned by apps/tracker (the only writer).

-- One row per tracked notice: its current canonical snapshot and hashes. A sweep compares each search
-- hit's summary hash with `summary_hash`; equal → no detail fetch and no write.
CREATE TABLE notices (
  id TEXT PRIMARY KEY,
  snapshot TEXT NOT NULL,          -- canonical snapshot JSON (core `CanonicalSnapshot`)
  hash TEXT NOT NULL,              -- snapshotHash(snapshot)
  summary_hash TEXT NOT NULL,      -- snapshotHash(summaryPart(snapshot)): what a search hit can confirm
  status TEXT,                     -- upstream status (ACTIVE, EXPIRED, AWARDED, CANCELLED) or NULL
  published_on TEXT,               -- YYYY-MM-DD
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'withdrawn')),
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,      -- last time the tracker wrote this row (unchanged notices are never rewritten)
  last_changed_at TEXT NOT NULL
);
-- The sweep re-checks tracked ACTIVE notices and recent publication days.
CREATE INDEX notices_status_published ON notices (status, published_on) WHERE state = 'active';
CREATE INDEX notices_published ON notices (published_on) WHERE state = 'active';

-- Every distinct snapshot a notice has had, for /v1/notices/{id}/history.
CREATE TABLE snapshots (
  notice_id TEXT NOT NULL,
  hash TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  PRIMARY KEY (notice_id, hash)
);

-- Change events. `seq` is the insertion order the feed pages by (keyset); `dedupe_key` is derived from
-- the change itself (kind + before/after hash), so a re-run after a crash cannot insert it twice.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  notice_id TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  changes TEXT NOT NULL,           -- JSON [{field, before, after}]
  fields TEXT NOT NULL,            -- ",deadline,status," for the `field` filter
  meta TEXT,                       -- JSON {shiftSeconds?, from?, to?}
  UNIQUE (notice_id, dedupe_key)
);
CREATE INDEX events_detected ON events (detected_at, seq);
CREATE INDEX events_notice ON events (notice_id, seq);
CREATE INDEX events_kind ON events (kind, seq);

-- One row per sweep; `state` holds the resumable progress of an unfinished one.
CREATE TABLE sweeps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'partial', 'failed')),
  notices_checked INTEGER NOT NULL DEFAULT 0,
  events INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  upstream_requests INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  state TEXT
);
CREATE INDEX sweeps_status ON sweeps (status, id);

-- Backfill progress: the serialized harvest state (core `HarvestState`), one row per backfill job.
CREATE TABLE backfill (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done')),
  updated_at TEXT NOT NULL
);
