-- previous checksum: 41A4EF43F5FD5EC5DC508584188DD7F34DAC2B31158B525C319CA14BD5027BEF
-- Elsa Studio's instance list pages through every instance, newest first; without this index each page sorts the
-- whole table.
CREATE INDEX ix_workflow_instances_created ON hub_workflow_instances (created_at, id);
