-- A customer's postal address and home branch are real fields: an import map reads them (addressLine, city, state,
-- pincode, homeBranch) and the API shows them.
ALTER TABLE crm.customers ADD COLUMN address_line text NULL;
ALTER TABLE crm.customers ADD COLUMN city text NULL;
ALTER TABLE crm.customers ADD COLUMN state text NULL;
ALTER TABLE crm.customers ADD COLUMN pincode text NULL;
ALTER TABLE crm.customers ADD COLUMN home_branch text NULL;
-- What an old system knew that has no field of its own: the source columns no map rule reads, kept per record as one
-- JSON object of column name -> text (NULL: none). text, not jsonb: the importer writes it by binary COPY in the same
-- statements as the record, and searches read it through jsonb_each_text.
ALTER TABLE crm.customers ADD COLUMN attributes text NULL;
ALTER TABLE inventory.pieces ADD COLUMN attributes text NULL;
ALTER TABLE inventory.stock_items ADD COLUMN attributes text NULL;
ALTER TABLE finance.bill_lines ADD COLUMN attributes text NULL;
