-- An import job is run by one runner at a time (a hub's background worker, or a jewelhub migrate process): the runner
-- claims it, renews the claim with every batch's checkpoint and lets it go when it stops. Another runner may take the
-- job over only once the claim has lapsed (its process died).
ALTER TABLE hub.import_jobs ADD COLUMN runner_id TEXT NULL;
ALTER TABLE hub.import_jobs ADD COLUMN runner_until TEXT NULL;
