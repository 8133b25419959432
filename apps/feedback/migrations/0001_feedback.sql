-- Feedback reports. Written only by apps/feedback.
CREATE TABLE feedback (
  -- fb_ + 10 chars of time (ms, Crockford base32) + 16 random chars: sorts by time, cannot be guessed.
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('bug', 'feature_request', 'data_error', 'general')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'triaged', 'closed')),
  feedback TEXT NOT NULL,
  notice_id TEXT,
  contact TEXT,
  -- JSON object text, at most 2 KiB.
  context TEXT,
  note TEXT,
  -- The client's Idempotency-Key; UNIQUE makes concurrent retries with one key store a single row.
  idempotency_key TEXT UNIQUE,
  -- SHA-256 of the canonical request body, so a key reused with a different body is refused (409).
  request_hash TEXT NOT NULL
);

-- Newest first, with and without the operator filters.
CREATE INDEX feedback_created ON feedback (created_at DESC, id DESC);
CREATE INDEX feedback_status_created ON feedback (status, created_at DESC, id DESC);
CREATE INDEX feedback_type_created ON feedback (type, created_at DESC, id DESC);
