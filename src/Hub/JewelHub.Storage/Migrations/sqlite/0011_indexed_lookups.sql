-- previous checksum: 235B32FB94B7FCA098BB9F974ADDB7887A6279C246B2F014FF005469215E11DF
-- Lookups that ran as whole-table scans, found by IndexCoverageTests: firing or cancelling an instance's timers
-- (every payment and every timeout does it), and finding unfinished imports when the hub starts.
CREATE INDEX ix_workflow_timers_instance ON hub_workflow_timers (instance_id, activity_execution_id);
CREATE INDEX ix_hub_import_jobs_unfinished ON hub_import_jobs (created_at, id) WHERE status IN ('Queued', 'Running');
