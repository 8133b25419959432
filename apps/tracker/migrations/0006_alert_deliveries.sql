-- Webhook deliveries of alert events (alerts design, issue #14). Owned by apps/tracker/src/alerts/delivery.
-- `alert_events` (0005) is the outbox; a row here means the event was handed to the ALERT_QUEUE for one
-- URL. UNIQUE(event_id, url) makes the flush idempotent: two flushes racing insert one row, and only the
-- flush whose insert landed enqueues it. A webhook URL changed later gets its own rows for new events.
CREATE TABLE alert_deliveries (
  id TEXT PRIMARY KEY,              -- 'dl_' + 20 random hex
  event_id TEXT NOT NULL,           -- alert_events.id, sent as Doffin-Event-Id (the receiver's idempotency id)
  search_id TEXT NOT NULL,
  url TEXT NOT NULL,                -- the webhook URL when the row was made (a changed URL is not re-targeted)
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'dead', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER,              -- the receiver's HTTP status of the last attempt (null: no answer)
  last_error TEXT,                  -- why the last attempt failed (never the body, never the secret)
  next_attempt_at TEXT,             -- when the queue redelivers a failed attempt (null when none is due)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (event_id, url)
);
CREATE INDEX alert_deliveries_search ON alert_deliveries (search_id, created_at);

-- How far the outbox flush has read alert_events (by seq): each flush looks only at newer events, so
-- its cost follows the new events, not the whole history. One row.
CREATE TABLE alert_outbox (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL
);
INSERT INTO alert_outbox (id, last_seq) VALUES (1, 0);
