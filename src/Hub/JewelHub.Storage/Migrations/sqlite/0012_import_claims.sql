-- previous checksum: 2869DD062BAEA1A4D5D1FC8FC94A407EB3543FF113021753FF5A24AC1EBFE365
-- An import job is run by one runner at a time (a hub's background worker, or a jewelhub migrate process): the runner
-- claims it, renews the claim with every batch's checkpoint and lets it go when it stops. Another runner may take the
-- job over only once the claim has lapsed (its process died).
ALTER TABLE hub_import_jobs ADD COLUMN runner_id TEXT NULL;
ALTER TABLE hub_import_jobs ADD COLUMN runner_until TEXT NULL;
