-- Events kept for a bookmark that may come later are only matched for Workflows:PendingEventRetention after they
-- were read; the timer loop deletes older ones in batches, found through this index, so the table stays as small
-- as the retention instead of growing with every event the hub ever received.
CREATE INDEX ix_workflow_pending_events_at ON hub.workflow_pending_events (at);
