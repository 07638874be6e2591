-- Elsa Studio's instance list pages through every instance, newest first; without this index each page sorts the
-- whole table.
CREATE INDEX ix_workflow_instances_created ON hub.workflow_instances (created_at, id);
