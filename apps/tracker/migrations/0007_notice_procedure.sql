-- The procedure a notice belongs to (BT-04 / ContractFolderID; the web client's `procedureId`), so an
-- award notice can be linked to the competition of the same procedure (alerts: src/alerts/award-link.ts).
-- NULL for notices written before this column existed or whose source did not say.
ALTER TABLE notices ADD COLUMN procedure_id TEXT;
CREATE INDEX notices_procedure ON notices (procedure_id) WHERE procedure_id IS NOT NULL;
