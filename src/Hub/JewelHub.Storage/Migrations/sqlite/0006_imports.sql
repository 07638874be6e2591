-- previous checksum: 816C3C8C8546D7EC871C5524546AB3574737D92369F4E670804F19CC360C3879
-- Bulk imports of legacy CSV files. A job is one file imported with one map; last_row is the last CSV row whose batch
-- committed, updated in the same transaction as the batch, so a re-run of the same file and map continues after it.

CREATE TABLE hub_import_jobs (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    map_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_path TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Queued', 'Running', 'Completed', 'Failed')),
    live_effects INTEGER NOT NULL,
    last_row INTEGER NOT NULL,
    total_rows INTEGER NULL,
    rows_read INTEGER NOT NULL,
    inserted INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    merged INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    error TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT NULL
);
CREATE INDEX ix_hub_import_jobs_file ON hub_import_jobs (entity, map_id, file_sha256, created_at);

-- Every rejected row: the original CSV text unchanged, its row number, the column(s) and a plain reason.
CREATE TABLE hub_import_rejects (
    job_id TEXT NOT NULL REFERENCES hub_import_jobs (id),
    row_number INTEGER NOT NULL,
    column_name TEXT NOT NULL,
    reason TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (job_id, row_number)
);

-- The merge report: a row whose legacy id was new but whose phone or e-mail matched an existing customer.
CREATE TABLE hub_import_merges (
    job_id TEXT NOT NULL REFERENCES hub_import_jobs (id),
    row_number INTEGER NOT NULL,
    external_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    matched_on TEXT NOT NULL,
    PRIMARY KEY (job_id, row_number)
);
