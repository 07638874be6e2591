-- A customer's postal address and home branch are real fields: an import map reads them (addressLine, city, state,
-- pincode, homeBranch) and the API shows them.
ALTER TABLE crm_customers ADD COLUMN address_line TEXT NULL;
ALTER TABLE crm_customers ADD COLUMN city TEXT NULL;
ALTER TABLE crm_customers ADD COLUMN state TEXT NULL;
ALTER TABLE crm_customers ADD COLUMN pincode TEXT NULL;
ALTER TABLE crm_customers ADD COLUMN home_branch TEXT NULL;
-- What an old system knew that has no field of its own: the source columns no map rule reads, kept per record as one
-- JSON object of column name -> text (NULL: none). Written in the same multi-row statements as the record.
ALTER TABLE crm_customers ADD COLUMN attributes TEXT NULL;
ALTER TABLE inventory_pieces ADD COLUMN attributes TEXT NULL;
ALTER TABLE inventory_stock_items ADD COLUMN attributes TEXT NULL;
ALTER TABLE finance_bill_lines ADD COLUMN attributes TEXT NULL;
