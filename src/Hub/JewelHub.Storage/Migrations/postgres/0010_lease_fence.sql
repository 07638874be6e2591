-- A workflow run's last write travels with its transaction's COMMIT in one round trip, so the run cannot look at the
-- answer of its lease-fenced instance update before committing. The update therefore asks this function instead: it
-- raises (SQLSTATE JH409) unless exactly one row, the run's own instance, was updated, and the error stops the batch
-- before the COMMIT.
CREATE SCHEMA IF NOT EXISTS hub;

CREATE OR REPLACE FUNCTION hub.require_lease(updated bigint, instance_id text) RETURNS bigint
LANGUAGE plpgsql AS $fence$
BEGIN
    IF updated <> 1 THEN
        RAISE EXCEPTION 'Workflow instance % is no longer held by this run.', instance_id USING ERRCODE = 'JH409';
    END IF;
    RETURN updated;
END
$fence$;
