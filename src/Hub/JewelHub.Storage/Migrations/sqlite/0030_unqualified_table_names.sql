-- SQLite has no schemas, so until now each table carried its PostgreSQL schema as a prefix (crm_customers), and the
-- hub rewrote every statement to match. From here on a table has the same name on both databases (customers): the
-- stores' SQL runs exactly as written, and PostgreSQL finds its tables through the connection's search path.
-- Renaming a table keeps its rows, indexes and constraints, and SQLite updates the foreign keys that refer to it.
-- The migrations record keeps its name (hub_schema_migrations).
ALTER TABLE crm_consent_changes RENAME TO consent_changes;
ALTER TABLE crm_customer_refs RENAME TO customer_refs;
ALTER TABLE crm_customers RENAME TO customers;
ALTER TABLE crm_preferences RENAME TO preferences;
ALTER TABLE crm_purchases RENAME TO purchases;
ALTER TABLE finance_bill_lines RENAME TO bill_lines;
ALTER TABLE finance_bill_series RENAME TO bill_series;
ALTER TABLE finance_bills RENAME TO bills;
ALTER TABLE finance_ledger_entries RENAME TO ledger_entries;
ALTER TABLE finance_ledger_postings RENAME TO ledger_postings;
ALTER TABLE finance_metal_rates RENAME TO metal_rates;
ALTER TABLE finance_payments RENAME TO payments;
ALTER TABLE finance_sales_order_lines RENAME TO sales_order_lines;
ALTER TABLE finance_sales_orders RENAME TO sales_orders;
ALTER TABLE hub_events RENAME TO events;
ALTER TABLE hub_import_jobs RENAME TO import_jobs;
ALTER TABLE hub_import_merges RENAME TO import_merges;
ALTER TABLE hub_import_rejects RENAME TO import_rejects;
ALTER TABLE hub_notifications RENAME TO notifications;
ALTER TABLE hub_webhook_inbox RENAME TO webhook_inbox;
ALTER TABLE hub_workflow_activity_executions RENAME TO workflow_activity_executions;
ALTER TABLE hub_workflow_bookmarks RENAME TO workflow_bookmarks;
ALTER TABLE hub_workflow_cursors RENAME TO workflow_cursors;
ALTER TABLE hub_workflow_definition_stamp RENAME TO workflow_definition_stamp;
ALTER TABLE hub_workflow_definitions RENAME TO workflow_definitions;
ALTER TABLE hub_workflow_effects RENAME TO workflow_effects;
ALTER TABLE hub_workflow_event_effects RENAME TO workflow_event_effects;
ALTER TABLE hub_workflow_incidents RENAME TO workflow_incidents;
ALTER TABLE hub_workflow_instances RENAME TO workflow_instances;
ALTER TABLE hub_workflow_journal RENAME TO workflow_journal;
ALTER TABLE hub_workflow_pending_events RENAME TO workflow_pending_events;
ALTER TABLE hub_workflow_timers RENAME TO workflow_timers;
ALTER TABLE hub_workflow_triggers RENAME TO workflow_triggers;
ALTER TABLE inventory_low_stock_alerts RENAME TO low_stock_alerts;
ALTER TABLE inventory_low_stock_thresholds RENAME TO low_stock_thresholds;
ALTER TABLE inventory_movements RENAME TO movements;
ALTER TABLE inventory_piece_refs RENAME TO piece_refs;
ALTER TABLE inventory_pieces RENAME TO pieces;
ALTER TABLE inventory_reservations RENAME TO reservations;
ALTER TABLE inventory_stock_items RENAME TO stock_items;
ALTER TABLE inventory_stock_levels RENAME TO stock_levels;
ALTER TABLE inventory_stones RENAME TO stones;
