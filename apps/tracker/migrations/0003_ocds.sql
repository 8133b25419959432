-- OCDS 1.1 releases and records, written by the tracker in the same db.batch as a notice's contract data.
-- `seq` is the order of writing: a keyset that only grows, so a crawl that follows links.next while the
-- tracker writes sees every release exactly once (a re-stored notice's releases get a new seq: they are
-- new versions, and "updated since" must find them).

CREATE TABLE ocds_releases (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  release_id TEXT NOT NULL UNIQUE,
  ocid TEXT NOT NULL,
  notice_id TEXT NOT NULL,         -- the Doffin notice the release was mapped from
  date TEXT NOT NULL,              -- release.date (BT-05)
  day TEXT NOT NULL,               -- UTC day of date (YYYY-MM-DD): the daily bulk file it goes into
  year TEXT NOT NULL,              -- substr(date, 1, 4)
  release TEXT NOT NULL,           -- the release JSON, whole
  stored_at TEXT NOT NULL          -- when the tracker wrote it (updated_since)
);
CREATE INDEX ocds_releases_notice ON ocds_releases (notice_id);
CREATE INDEX ocds_releases_ocid ON ocds_releases (ocid, date);
CREATE INDEX ocds_releases_stored ON ocds_releases (stored_at, seq);
CREATE INDEX ocds_releases_day ON ocds_releases (day, seq);
CREATE INDEX ocds_releases_day_stored ON ocds_releases (day, stored_at);

-- One row per ocid; `seq` is the seq of its newest written release, so records page by last update.
CREATE TABLE ocds_records (
  ocid TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  updated_at TEXT NOT NULL
);

-- Filter values of each release (multi-valued: several buyers, CPV codes, tags …).
-- kind: buyer | buyer_name | supplier | supplier_name | cpv | contract_type | award_criteria |
--       buyer_country | supplier_country | tag. `label` is what /ocds/metadata shows (a name as written).
CREATE TABLE ocds_facets (
  seq INTEGER NOT NULL,
  ocid TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (kind, value, seq)
);
CREATE INDEX ocds_facets_seq ON ocds_facets (seq);
CREATE INDEX ocds_facets_ocid ON ocds_facets (kind, value, ocid);

-- Bulk files written (R2 `ocds/bulk/`): a day is rewritten when a release of it was stored after.
-- day '' is the full-history file.
CREATE TABLE ocds_bulk_days (
  day TEXT PRIMARY KEY,
  generated_at TEXT NOT NULL
);
