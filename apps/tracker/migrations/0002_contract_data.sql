-- Contract data read from each notice's eForms XML (Public API mode). The raw XML is in R2 under
-- `eforms/{notice_id}/{xml_hash}.xml`; these tables hold the parsed model in queryable form.
-- A notice's rows are replaced together (one db.batch) when its XML hash changes; same hash → no write.

-- One row per notice whose XML was fetched (or tried): the hash, the parsed model and what went wrong.
CREATE TABLE contract_notices (
  notice_id TEXT PRIMARY KEY,
  xml_hash TEXT,                   -- sha256 of the XML; NULL when the download answered 404
  r2_key TEXT,
  eforms_notice_id TEXT,           -- BT-701 (a UUID in native eForms), to resolve BT-758 references
  changed_notice_id TEXT,          -- BT-758 as given
  form_type TEXT,                  -- BT-03
  model TEXT,                      -- JSON EformsNotice; NULL when parsing failed
  error TEXT,                      -- JSON {reason, message} of an EformsParseError, or {reason:"not_found"}
  fetched_at TEXT NOT NULL
);
CREATE INDEX contract_notices_eforms_id ON contract_notices (eforms_notice_id);
CREATE INDEX contract_notices_error ON contract_notices (notice_id) WHERE error IS NOT NULL;

CREATE TABLE contract_lots (
  notice_id TEXT NOT NULL,
  lot_id TEXT NOT NULL,            -- BT-137
  title TEXT,
  main_cpv TEXT,
  estimated_amount REAL,           -- BT-27
  estimated_currency TEXT,
  framework_max_amount REAL,       -- BT-271
  framework_max_currency TEXT,
  PRIMARY KEY (notice_id, lot_id)
);

CREATE TABLE contract_results (
  notice_id TEXT NOT NULL,
  result_id TEXT NOT NULL,         -- OPT-322
  lot_id TEXT,                     -- BT-13713
  outcome TEXT NOT NULL,           -- winner_chosen | no_winner | still_open | unknown
  tenders_received INTEGER,
  decided_on TEXT,                 -- BT-1451 of its first contract, else BT-145
  PRIMARY KEY (notice_id, result_id)
);

CREATE TABLE contract_tenders (
  notice_id TEXT NOT NULL,
  tender_id TEXT NOT NULL,         -- OPT-321
  result_id TEXT NOT NULL,
  lot_id TEXT,
  amount REAL,                     -- BT-720
  currency TEXT,
  won INTEGER NOT NULL,            -- 1 when its tenderers are the result's winners
  PRIMARY KEY (notice_id, result_id, tender_id)
);

-- Organisations by role. `lot_id`/`tender_id` are '' for notice-wide roles (buyer, review body).
CREATE TABLE contract_parties (
  notice_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('buyer', 'winner', 'tenderer', 'review_body')),
  org_ref TEXT NOT NULL,           -- OPT-200 (ORG-0001)
  org_number TEXT,                 -- 9 digits (NO-BRC) or NULL
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,          -- foldText(name): diacritic- and case-insensitive search
  lot_id TEXT NOT NULL DEFAULT '',
  result_id TEXT NOT NULL DEFAULT '',
  tender_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (notice_id, role, org_ref, result_id, tender_id)
);
CREATE INDEX contract_parties_org ON contract_parties (org_number, role) WHERE org_number IS NOT NULL;
CREATE INDEX contract_parties_name ON contract_parties (name_key, org_number) WHERE org_number IS NOT NULL;
