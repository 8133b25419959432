-- API keys. Only a peppered SHA-256 of the key is stored (hash); `prefix` is the visible start of the
-- key (dgw_ + 8 chars) so an operator can tell keys apart in `doffin keys list` without the secret.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  prefix TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  scopes TEXT NOT NULL,            -- space-separated: read feedback:read admin
  rate_limit INTEGER,              -- requests per minute; NULL = the key default (600)
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);

-- Every admin action on keys: who (operator token or key id), what, which key, which request.
CREATE TABLE key_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  action TEXT NOT NULL,            -- create | revoke | list
  key_id TEXT,
  actor TEXT NOT NULL,
  request_id TEXT NOT NULL
);
CREATE INDEX key_audit_key ON key_audit (key_id);
