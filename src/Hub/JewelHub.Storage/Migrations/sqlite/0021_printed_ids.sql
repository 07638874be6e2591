-- A legacy id as the old system printed it (C-01000) beside the stored form (1000), so that a lookup finds the customer
-- by either. NULL for references that did not come from a file.
ALTER TABLE crm_customer_refs ADD COLUMN printed_id TEXT NULL;
CREATE INDEX ix_crm_customer_refs_printed ON crm_customer_refs (system, printed_id) WHERE printed_id IS NOT NULL;
